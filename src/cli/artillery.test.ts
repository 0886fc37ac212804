import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';

const run = (...argv: string[]) => runCaptured(argv);

describe('ci-callback artillery init', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ci-callback-artillery-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a test script and a processor file from the flags, and says how to run them', async () => {
    const out = join(dir, 'a');
    const { code, stdout } = await run(
      'artillery',
      'init',
      '--tags',
      'Transcode:5,SpeechRecognition:1',
      '--rate',
      '25',
      '--duration',
      '2m',
      '--target',
      'http://10.0.0.5:8080/ci/callback?x=1',
      '--out',
      out,
    );
    assert.equal(code, 0);
    const script = await readFile(join(out, 'ci-callback.yml'), 'utf8');
    assert.match(script, /^ {2}target: "http:\/\/10\.0\.0\.5:8080"$/m);
    assert.match(script, /^ {4}- duration: 120\n {6}arrivalRate: 25$/m);
    assert.match(script, /^ {2}processor: \.\/ci-callback-processor\.mjs$/m);
    assert.match(script, /^ {6}tags: "Transcode:5,SpeechRecognition:1"/m);
    assert.match(script, /^ {4}beforeRequest: setCallbackBody$/m);
    assert.match(script, /^ {4}afterResponse: recordCallbackResponse$/m);
    assert.match(script, /^ {4}onError: recordCallbackError$/m);
    assert.match(script, /^ {10}url: "\/ci\/callback\?x=1"$/m);
    const processor = await readFile(join(out, 'ci-callback-processor.mjs'), 'utf8');
    assert.match(processor, /^export \* from 'ci-callback-emitter\/artillery';$/m);
    assert.match(stdout, /npx artillery run .*ci-callback\.yml/);
    assert.match(stdout, /npx artillery run-fargate --count 10 .*ci-callback\.yml/);
    assert.match(stdout, /npx artillery run-lambda --count 10 .*ci-callback\.yml/);
    assert.match(stdout, /AWS credentials/);
    assert.match(stdout, /package\.json beside the script/);
  });

  it('refuses to overwrite a file unless told to', async () => {
    const out = join(dir, 'b');
    assert.equal((await run('artillery', 'init', '--out', out)).code, 0);
    await writeFile(join(out, 'ci-callback.yml'), 'my edits');
    const again = await run('artillery', 'init', '--out', out);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists; pass --force/);
    assert.equal(await readFile(join(out, 'ci-callback.yml'), 'utf8'), 'my edits');
    assert.equal((await run('artillery', 'init', '--out', out, '--force', '--rate', '3')).code, 0);
    assert.match(await readFile(join(out, 'ci-callback.yml'), 'utf8'), /arrivalRate: 3$/m);
  });

  it('exits 2 with what is accepted on bad input, writing nothing', async () => {
    const out = join(dir, 'c');
    const cases: [string[], RegExp][] = [
      [['artillery'], /needs a subcommand first, .*; accepted: init/],
      [['artillery', 'start'], /unknown artillery subcommand 'start'; accepted: init/],
      [['artillery', 'init', '--rate', '0'], /--rate: must be a whole number from 1 to 100000, got 0/],
      [['artillery', 'init', '--rate', '2.5'], /--rate: must be a whole number from 1 to 100000, got 2\.5/],
      [['artillery', 'init', '--duration', '1500ms'], /--duration: Artillery phases last whole seconds/],
      [['artillery', 'init', '--duration', 'soon'], /--duration: must be a number with a unit .* got 'soon'/],
      [['artillery', 'init', '--tags', 'Nope:2'], /Nope/],
      [
        ['artillery', 'init', '--target', 'ftp://x/'],
        /--target: 'ftp:\/\/x\/' is not an absolute http:\/\/ or https:\/\/ URL, e.g. http:\/\/127.0.0.1:3000\/callback without user or password/,
      ],
      [
        ['artillery', 'init', '--target', 'http://u:p@x/'],
        /without user or password \(put secrets in headers\)/,
      ],
      [['artillery', 'init', '--count', '3'], /--count/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(...argv, '--out', out);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message, argv.join(' '));
    }
    await assert.rejects(readFile(join(out, 'ci-callback.yml')));
  });
});
