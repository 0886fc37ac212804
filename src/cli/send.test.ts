import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { startReceiver } from '../../test/support/receiver.ts';
import { InputError } from '../core/errors.ts';
import { generate } from '../payloads/generate.ts';
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
        /--target: 'ftp:\/\/x' is not an absolute http:\/\/ or https:\/\/ URL/,
      ],
      [['--target', 'http://127.0.0.1:9/', '--tag', 'Nope'], /unknown tag 'Nope'; accepted: /],
      [['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--every', '1s'], /--every needs --limit/],
      [
        ['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--count', '0'],
        /--count: must be a whole number from 1 to 10000, got 0/,
      ],
      [
        ['--target', 'http://127.0.0.1:9/', '--tag', 'SmartCover', '--header', 'nocolon'],
        /--header: 'nocolon' is not 'Name: value'/,
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

describe('ci-callback send: WorkflowFinish and whole workflow runs', () => {
  it('--run sends each node’s TaskFinish then the WorkflowFinish, one RunId, a line each; exit 0', async () => {
    const receiver = await startReceiver();
    try {
      const { code, stdout, stderr } = await send([
        '--target',
        receiver.url,
        '--run',
        '--tags',
        'Transcode,Snapshot',
        '--seed',
        '5',
        '--count',
        '2',
      ]);
      assert.equal(code, 0, stderr);
      const lines = stdout.trimEnd().split('\n');
      assert.match(lines[0] ?? '', /^#1 Transcode xml workflow\/success seed 5 → .*: HTTP 200/);
      assert.match(lines[2] ?? '', /^#3 WorkflowFinish xml workflow\/success seed 5 → /);
      assert.match(lines[5] ?? '', /^#6 WorkflowFinish .* seed 6 → /);
      assert.match(stdout, /^workflow run \S+ seed 5: 3 callbacks, in order$/m);
      assert.match(stdout, /^sent 6 to .*: 6 delivered, 0 failed$/m);
      const runIds = receiver.received.map((r) => /<RunId>([^<]+)<\/RunId>/.exec(r.body)?.[1]);
      assert.equal(new Set(runIds.slice(0, 3)).size, 1);
      assert.notEqual(runIds[0], runIds[3]);
      assert.match(receiver.received[2]?.body ?? '', /<WorkflowExecution>/);
    } finally {
      await receiver.close();
    }
  });

  it('--event workflow-finish sends the one WorkflowFinish; --fault reorder with --run sends it first', async () => {
    const receiver = await startReceiver();
    try {
      const single = await send([
        '--target',
        receiver.url,
        '--event',
        'workflow-finish',
        '--tags',
        'Snapshot',
      ]);
      assert.equal(single.code, 0, single.stderr);
      assert.equal(receiver.received.length, 1);
      assert.match(receiver.received[0]?.body ?? '', /<WorkflowExecution>/);
      const reordered = await send([
        '--target',
        receiver.url,
        '--run',
        '--tags',
        'Transcode,Snapshot',
        '--fault',
        'reorder',
      ]);
      assert.equal(reordered.code, 0, reordered.stderr);
      assert.match(reordered.stdout, /^#1 WorkflowFinish .*\[fault reorder\/workflow-first\]/m);
      assert.match(reordered.stdout, /workflow-first \(fault reorder\)/);
      assert.match(receiver.received[1]?.body ?? '', /<WorkflowExecution>/);
    } finally {
      await receiver.close();
    }
  });

  it('--every T --limit N sends N runs over time, each in order', async () => {
    const receiver = await startReceiver();
    try {
      const { code, stdout, stderr } = await send([
        '--target',
        receiver.url,
        '--run',
        '--tags',
        'Snapshot',
        '--format',
        'json',
        '--every',
        '50ms',
        '--limit',
        '2',
      ]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^sent 4 to .*: 4 delivered, 0 failed$/m);
      assert.equal((stdout.match(/^workflow run /gm) ?? []).length, 2);
      // runs may overlap when one takes longer than the interval: each keeps its own order
      const runs = new Map<string, string[]>();
      for (const { body } of receiver.received) {
        const runId = /"RunId":\s*"([^"]+)"/.exec(body)?.[1] ?? '';
        runs.set(runId, [
          ...(runs.get(runId) ?? []),
          'WorkflowExecution' in JSON.parse(body) ? 'finish' : 'task',
        ]);
      }
      assert.deepEqual(
        [...runs.values()],
        [
          ['task', 'finish'],
          ['task', 'finish'],
        ],
      );
    } finally {
      await receiver.close();
    }
  });

  it('exit 1 when a callback of the run is not delivered', async () => {
    const receiver = await startReceiver((_request, index) =>
      index === 1 ? { status: 400 } : { status: 200 },
    );
    try {
      const { code, stdout } = await send([
        '--target',
        receiver.url,
        '--run',
        '--tags',
        'Transcode,Snapshot',
      ]);
      assert.equal(code, 1);
      assert.match(stdout, /^sent 3 to .*: 2 delivered, 1 failed$/m);
    } finally {
      await receiver.close();
    }
  });

  const refusals: [string[], RegExp][] = [
    [['--event', 'workflow-finish'], /--tags is required/],
    [['--run', '--tags', 'Transcode', '--tag', 'Snapshot'], /--tag is for one TaskFinish/],
    [['--run', '--event', 'task-finish', '--tags', 'Transcode'], /--run sends a workflow run/],
    [['--tags', 'Transcode'], /--tags needs --event workflow-finish/],
    [['--run', '--tags', 'Transcode,Foo'], /Foo/],
    [['--run', '--tags', 'Transcode', '--fault', 'burst'], /--fault burst does not go with --run/],
    [
      ['--event', 'workflow-finish', '--tags', 'Transcode', '--fault', 'reorder'],
      /--fault reorder needs --run/,
    ],
  ];
  for (const [flags, message] of refusals) {
    it(`exit 2 for ${flags.join(' ')}, saying why`, async () => {
      const { code, stderr } = await runSend(['--target', 'http://127.0.0.1:3999/callback', ...flags]);
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }
});
