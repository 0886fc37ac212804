import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { type RunningReceiver, referenceReceiver } from '../../test/support/fragile-receivers.ts';

describe('ci-callback load: faults and JUnit', () => {
  let dir = '';
  let receiver: RunningReceiver;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'load-faults-'));
    receiver = await referenceReceiver();
  });
  after(async () => {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends faulted extras beside the load and counts them apart in the report', async () => {
    const json = join(dir, 'report.json');
    const { code, stdout, stderr } = await runCaptured([
      'load',
      '--target',
      receiver.url,
      '--rate',
      '100',
      '--duration',
      '1s',
      '--warmup',
      '0',
      '--tags',
      'Snapshot',
      '--seed',
      '3',
      '--fault',
      'duplicate=20%',
      '--fault',
      'malformed=20%',
      '--json',
      json,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /faults \(extra requests, not in the figures above\)/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    const duplicate = report.faults.duplicate;
    assert.ok(
      duplicate.sent > 5 && duplicate.sent < 40,
      `${duplicate.sent} duplicates of ~100 requests at 20%`,
    );
    assert.equal(duplicate.answered2xx, duplicate.sent, 'the reference receiver acknowledges duplicates');
    const malformed = Object.entries(report.faults).filter(([name]) => name.startsWith('malformed/'));
    assert.ok(malformed.length > 0);
    for (const [, tally] of malformed as [string, { sent: number; answered4xx: number }][]) {
      assert.equal(tally.answered4xx, tally.sent);
    }
    assert.deepEqual(report.statusCodes, { '204': report.responses }, 'the load itself is unchanged');
  });

  it('--junit writes one test case per --fail-on threshold', async () => {
    const junit = join(dir, 'load.xml');
    const { code } = await runCaptured([
      'load',
      '--target',
      receiver.url,
      '--rate',
      '50',
      '--duration',
      '500ms',
      '--tags',
      'Snapshot',
      '--fail-on',
      'errors>0,p99>=0ms',
      '--junit',
      junit,
    ]);
    assert.equal(code, 3);
    const xml = await readFile(junit, 'utf8');
    assert.match(xml, /tests="2" failures="1"/);
    // The thresholds judged the measured window; the suite says the default 1 s warm-up was left out.
    assert.match(xml, /<property name="warmup.seconds" value="1"\/>/);
    assert.match(xml, /<property name="warmup.excluded" value="true"\/>/);
    assert.match(xml, /<testcase classname="load.fail-on" name="errors&gt;0" time="0.500"\/>/);
    assert.match(
      xml,
      /<testcase classname="load.fail-on" name="p99&gt;=0ms" time="0.500">\n\s+<failure message="p99&gt;=0ms: [\d.]+ ms \(crossed\)">/,
    );
  });

  it('--junit without --fail-on is refused (exit 2)', async () => {
    const { code, stderr } = await runCaptured([
      'load',
      '--target',
      receiver.url,
      '--rate',
      '5',
      '--junit',
      join(dir, 'x.xml'),
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /--junit writes the --fail-on thresholds as test cases: give --fail-on too/);
  });
});
