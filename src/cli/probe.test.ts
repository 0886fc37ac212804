import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import {
  type RunningReceiver,
  referenceReceiver,
  uniqueJobIdReceiver,
} from '../../test/support/fragile-receivers.ts';

describe('ci-callback probe', () => {
  let dir = '';
  const receivers: RunningReceiver[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'probe-cli-'));
  });
  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the table, writes JSON and JUnit, and exits 0 when every selected probe passes', async () => {
    const receiver = await referenceReceiver();
    receivers.push(receiver);
    const base = receiver.url.replace(/\/callback$/, '/elsewhere');
    const json = join(dir, 'probe.json');
    const junit = join(dir, 'probe.xml');
    const { code, stdout, stderr } = await runCaptured([
      'probe',
      '--target',
      base,
      '--path',
      '/callback',
      '--only',
      'duplicate,malformed,content-type/text-xml',
      '--skip',
      'malformed/empty',
      '--timeout',
      '2s',
      '--seed',
      '5',
      '--json',
      json,
      '--junit',
      junit,
    ]);
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /^probing http:\/\/127\.0\.0\.1:\d+\/callback \(xml, seed 5\)/);
    assert.match(stdout, /duplicate\/same-body +2xx, then 2xx again +PASS +204 in \d+ ms, again 204/);
    assert.match(stdout, /malformed\/cut-short +4xx +PASS +400 in \d+ ms; canary 204/);
    assert.doesNotMatch(stdout, /malformed\/empty/);
    assert.match(stdout, /PASSED: 6 passed, 0 failed, 0 not run/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(report.passed, true);
    assert.deepEqual(
      report.probes.map((p: { id: string }) => p.id),
      [
        'duplicate/same-body',
        'content-type/text-xml',
        'malformed/cut-short',
        'malformed/unclosed-element',
        'malformed/trailing-garbage',
        'malformed/wrong-root',
      ],
    );
    const xml = await readFile(junit, 'utf8');
    assert.match(
      xml,
      /<testsuite name="ci-callback probe http:\/\/127\.0\.0\.1:\d+\/callback" tests="6" failures="0"/,
    );
    assert.match(xml, /<testcase classname="probe\.malformed" name="malformed\/cut-short" time="[\d.]+"\/>/);
  });

  it('exits 1 and names the failed probe in the table and the JUnit file', async () => {
    const receiver = await uniqueJobIdReceiver();
    receivers.push(receiver);
    const junit = join(dir, 'fail.xml');
    const { code, stdout } = await runCaptured([
      'probe',
      '--target',
      receiver.url,
      '--only',
      'duplicate,unknown-tag',
      '--junit',
      junit,
    ]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /duplicate\/same-body .* FAIL +204 in \d+ ms, again 500 in \d+ ms: the same callback twice/,
    );
    assert.match(stdout, /FAILED: 1 passed, 1 failed, 0 not run \(failed: duplicate\/same-body\)/);
    const xml = await readFile(junit, 'utf8');
    assert.match(xml, /tests="2" failures="1"/);
    assert.match(
      xml,
      /<failure message="204 in \d+ ms, again 500 in \d+ ms: the same callback twice must be acknowledged twice">/,
    );
  });

  it('stops early and says so when the receiver is not there', async () => {
    const { code, stdout } = await runCaptured([
      'probe',
      '--target',
      'http://127.0.0.1:9/cb',
      '--only',
      'large',
    ]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /STOPPED EARLY: the receiver did not accept a valid callback before any probe \(ECONNREFUSED/,
    );
    assert.match(stdout, /large\/speech-recognition .* - +not run: stopped early/);
  });

  it('exits 2 on bad flags, saying what is accepted', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--target', 'http://127.0.0.1:1/cb', '--only', 'dupes'],
        /--only: unknown probe 'dupes'; accepted: duplicate, reorder/,
      ],
      [['--target', 'ftp://x'], /--target: 'ftp:\/\/x' is not an absolute http:\/\/ or https:\/\/ URL/],
      [
        ['--target', 'http://127.0.0.1:1/cb', '--timeout', 'soon'],
        /--timeout: must be a number with a unit .* got 'soon'/,
      ],
      [
        ['--target', 'http://127.0.0.1:1/cb', '--format', 'yaml'],
        /--format: unknown format 'yaml'; accepted: xml, json/,
      ],
      [
        ['--target', 'http://127.0.0.1:1/cb', '--burst', '0'],
        /--burst: must be a whole number from 1 to 200, got 0/,
      ],
      [
        ['--target', 'http://127.0.0.1:1/cb', '--junit', '/no/such/dir/x.xml'],
        /the directory \/no\/such\/dir does not exist/,
      ],
      [
        ['--target', 'http://127.0.0.1:1/cb', '--only', 'large', '--skip', 'large'],
        /--only: with skip, no probe is left to run/,
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await runCaptured(['probe', ...argv]);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message);
    }
  });
});
