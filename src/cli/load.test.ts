import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { type LoadReceiver, startLoadReceiver } from '../../test/support/load-receiver.ts';
import { INTERRUPTED_EXIT_CODE, THRESHOLD_CROSSED_EXIT_CODE } from './load.ts';

const run = (...argv: string[]) => runCaptured(['load', ...argv]);

describe('ci-callback load', () => {
  let ok: LoadReceiver;
  let failing: LoadReceiver;
  let dir: string;
  before(async () => {
    ok = await startLoadReceiver();
    failing = await startLoadReceiver({ answer: () => ({ status: 500 }) });
    dir = await mkdtemp(join(tmpdir(), 'ci-callback-load-'));
  });
  after(async () => {
    await Promise.all([ok.close(), failing.close(), rm(dir, { recursive: true, force: true })]);
  });

  const quick = [
    ...['--rate', '100', '--duration', '500ms', '--tags', 'SmartCover:2,SoundHound', '--seed', '3'],
    ...['--warmup', '0'],
  ];

  it('passes its --fail-on gate, prints the report and writes --json and --html', async () => {
    const json = join(dir, 'report.json');
    const html = join(dir, 'report.html');
    const before = ok.received.length;
    const { code, stdout, stderr } = await run(
      '--target',
      ok.url,
      // the default warm-up: 1 s
      ...quick.slice(0, -2),
      '--fail-on',
      'p99>5s,errors>0.1%',
      '--json',
      json,
      '--html',
      html,
    );
    assert.equal(code, 0, stderr);
    assert.match(stdout, /achieved [\d.]+ req\/s of 100/);
    assert.match(stdout, /fail-on p99>5s: [\d.]+ ms → ok/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(report.requests, 50);
    assert.equal(report.durationSeconds, 0.5);
    assert.equal(report.targetRate, 100);
    assert.equal(typeof report.achievedRate, 'number');
    assert.deepEqual(Object.keys(report.latencyMs).sort(), ['max', 'mean', 'p50', 'p90', 'p99', 'p999']);
    assert.deepEqual(report.statusCodes, { '200': 50 });
    assert.deepEqual(report.errors, { connect: 0, timeout: 0, reset: 0, other: 0 });
    const { SmartCover, SoundHound } = report.tags;
    assert.equal(SmartCover.requests + SoundHound.requests, 50);
    assert.ok(Math.abs(SmartCover.requests - 2 * SoundHound.requests) <= 2, 'weights 2:1');
    assert.equal(report.thresholds.length, 2);
    // The warm-up's 100 requests reached the receiver, and are reported apart from the 50 measured.
    assert.equal(ok.received.length - before, 150);
    assert.deepEqual([report.warmup.seconds, report.warmup.requests, report.warmup.excluded], [1, 100, true]);
    assert.match(stdout, /^duration {6}0\.5 s measured after 1 s of warm-up$/m);
    assert.match(stdout, /^warm-up {7}1 s, excluded from every other figure: 100 requests/m);
    assert.match(await readFile(html, 'utf8'), /<svg/);
  });

  it(`exits ${THRESHOLD_CROSSED_EXIT_CODE} when a --fail-on threshold is crossed`, async () => {
    const { code, stdout } = await run('--target', failing.url, ...quick, '--fail-on', 'p99>5s,errors>0.1%');
    assert.equal(code, THRESHOLD_CROSSED_EXIT_CODE);
    assert.match(stdout, /fail-on errors>0\.1%: 100% → CROSSED/);
    assert.match(stdout, /fail-on p99>5s: [\d.]+ ms → ok/);
    assert.match(stdout, /status codes {2}500: 50/);
  });

  it('writes plain progress lines when not on a terminal, and the seed when none was given', async () => {
    const { code, stderr } = await run(
      '--target',
      ok.url,
      '--connections',
      '2',
      '--duration',
      '1.2s',
      '--tags',
      'SoundHound',
    );
    assert.equal(code, 0);
    assert.match(stderr, /^seed \d+ \(the same mix of bodies again with --seed \d+\)$/m);
    assert.match(
      stderr,
      /^\[\s+\d+\.\ds\] \d+ req\/s {2}in flight \d {2}p50 [\d.]+ms {2}p99 [\d.]+ms {2}errors 0\/\d+$/m,
    );
    assert.ok(!stderr.includes('\r') && !stderr.includes('\u001b'), 'no terminal control characters');
  });

  it('Ctrl-C stops the run: reports what was due before the stop and exits 130', async () => {
    const running = run(
      ...['--target', ok.url, '--rate', '100', '--duration', '20s', '--tags', 'SoundHound', '--warmup', '0'],
    );
    // Interrupt once the run listens for Ctrl-C and has been sending for a moment.
    while (process.listenerCount('SIGINT') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.emit('SIGINT');
    const { code, stdout } = await running;
    assert.equal(code, INTERRUPTED_EXIT_CODE);
    assert.equal(INTERRUPTED_EXIT_CODE, 130);
    assert.match(stdout, /\(stopped early\)/);
    const sent = Number(/requests +(\d+) sent/.exec(stdout)?.[1]);
    assert.ok(sent > 0 && sent < 1_900, `${sent} of the 2,000 the whole run would send`);
    // The ~1,970 requests due after the stop were never sent: no warning counts them.
    const unfinished = Number(/(\d+) requests due before the stop/.exec(stdout)?.[1] ?? 0);
    assert.ok(unfinished < 100, stdout);
    assert.doesNotMatch(stdout, /had not finished/);
  });

  const bad: [string[], RegExp][] = [
    [['--rate', '10'], /target is required/],
    [['--target', 'http://127.0.0.1:1/x'], /give rate .* or connections/],
    [
      ['--target', 'http://127.0.0.1:1/x', '--rate', 'fast'],
      /--rate: must be a number above 0 and at most 1000000, got "fast"/,
    ],
    [
      ['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--tags', 'Nope'],
      /unknown tag 'Nope'; accepted: /,
    ],
    [['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--format', 'yaml'], /accepted: xml, json, mixed/],
    [['--rate', '10'], /^ci-callback load: --target is required/],
    [
      ['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--max-in-flight', 'x'],
      /^ci-callback load: --max-in-flight: must be a whole number from 1 to 100000, got "x"/,
    ],
    [
      ['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--seed', '-1'],
      /--seed: seed -1 is not a seed; a seed picks/,
    ],
    [
      ['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--duration', '5x'],
      /--duration: must be a number with a unit \(250ms, 5s, 2m, 1h\) or a bare number of seconds \(60\), from 1ms to 24h, got '5x'/,
    ],
    [['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--fail-on', 'p42>1'], /accepted: comma-separated/],
    [['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--json', '/no/such/dir/r.json'], /does not exist/],
    [
      ['--target', 'http://127.0.0.1:1/x', '--rate', '10', '--speed', '3'],
      /unknown flag '--speed'; accepted: --target/,
    ],
  ];
  for (const [argv, message] of bad) {
    it(`'load ${argv.join(' ')}' exits 2 with one line saying what is accepted`, async () => {
      const { code, stdout, stderr } = await run(...argv);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
    });
  }
});
