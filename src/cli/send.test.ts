import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { startReceiver } from '../../test/support/receiver.ts';
import { InputError } from '../core/errors.ts';
import { generate } from '../generate.ts';
import { createSendCommand } from './send.ts';

/** `send` with fast retries, so a failing target costs milliseconds; no environment. */
function send(argv: string[], env: Record<string, string> = {}) {
  return runCaptured(argv, createSendCommand({ env, retryPolicy: { delaysMs: [5] } }));
}

/** Through the CLI entry point, as a user runs it: bad input becomes exit 2 and one line. */
function runSend(argv: string[]) {
  return runCaptured(['send', ...argv]);
}

describe('ci-callback send', () => {
  it('sends --count payloads, one line each and a summary, reproducible from --seed', async () => {
    const receiver = await startReceiver();
    try {
      const { code, stdout, stderr } = await send([
        '--target',
        receiver.url,
        '--tag',
        'SmartCover',
        '--format',
        'json',
        '--seed',
        '7',
        '--count',
        '2',
        '--header',
        'X-Receiver-Token: s3cret',
      ]);
      assert.equal(code, 0, stderr);
      const lines = stdout.trimEnd().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0] ?? '', /^#1 SmartCover json direct\/success seed 7 → .*: HTTP 200/);
      assert.match(lines[1] ?? '', /seed 8 /);
      assert.match(lines[2] ?? '', /^sent 2 to .*: 2 delivered, 0 failed$/);
      assert.doesNotMatch(stdout, /s3cret/);
      assert.deepEqual(
        receiver.received.map((r) => r.body),
        [7, 8].map((seed) => generate({ tag: 'SmartCover', format: 'json', seed }).body),
      );
      assert.ok(receiver.received.every((r) => r.headers['x-receiver-token'] === 's3cret'));
    } finally {
      await receiver.close();
    }
  });

  it('sends --limit payloads --every interval, taking the target from CI_CALLBACK_TARGET', async () => {
    const receiver = await startReceiver();
    try {
      const started = performance.now();
      const { code } = await send(['--tag', 'SoundHound', '--every', '50ms', '--limit', '3'], {
        CI_CALLBACK_TARGET: receiver.url,
      });
      assert.equal(code, 0);
      assert.equal(receiver.received.length, 3);
      assert.ok(performance.now() - started >= 95, 'two intervals between three sends');
    } finally {
      await receiver.close();
    }
  });

  it('exits 1 when a delivery fails, after retrying it', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    try {
      const { code, stdout } = await send(['--target', receiver.url, '--tag', 'SmartCover']);
      assert.equal(code, 1);
      assert.match(stdout, /FAILED HTTP 503 .*\(2 attempts\)/);
      assert.match(stdout, /0 delivered, 1 failed/);
      assert.equal(receiver.received.length, 2);
    } finally {
      await receiver.close();
    }
  });

  it('refuses bad input with one line and exit 2, sending nothing', async () => {
    await assert.rejects(
      send(['--tag', 'SmartCover']),
      (error: unknown) => error instanceof InputError && /--target is required/.test(error.message),
    );
    const cases: [string[], RegExp][] = [
      [
        ['--target', 'ftp://x', '--tag', 'SmartCover'],
        /--target 'ftp:\/\/x' is not an absolute http:\/\/ or https:\/\/ URL/,
      ],
      [['--target', 'http://127.0.0.1:9/', '--tag', 'Nope'], /unknown tag 'Nope'; accepted: /],
      [['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--every', '1s'], /--every needs --limit/],
      [
        ['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--count', '0'],
        /--count must be a whole number/,
      ],
      [
        ['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--header', 'nocolon'],
        /not 'Name: value'/,
      ],
      [['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--set', 'bad'], /malformed override/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await runSend(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, /^ci-callback send: /);
      assert.match(stderr, message);
      assert.equal(stderr.trimEnd().split('\n').length, 1);
    }
  });
});
