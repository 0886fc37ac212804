/** `ci-callback reviews` and `ci-callback generate --review …`: what a user types and what they get back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { startReceiver } from '../../test/support/receiver.ts';
import { REVIEW_KINDS } from '../moderation/types.ts';
import { generateReview } from '../payloads/generate-review.ts';

const run = (...argv: string[]) => runCaptured(argv);

describe('ci-callback reviews', () => {
  it('--json lists every kind with its forms, CI’s default first', async () => {
    const { code, stdout } = await run('reviews', '--json');
    assert.equal(code, 0);
    const reviews = JSON.parse(stdout) as {
      review: string;
      callbackVersions: string[];
      defaultCallbackVersion: string;
    }[];
    assert.deepEqual(
      reviews.map((r) => r.review),
      [...REVIEW_KINDS],
    );
    const document = reviews.find((r) => r.review === 'document');
    assert.deepEqual(document?.callbackVersions, ['detail']);
    assert.equal(reviews.find((r) => r.review === 'video')?.defaultCallbackVersion, 'simple');
  });

  it('prints a table with one row per kind', async () => {
    const { stdout } = await run('reviews');
    for (const kind of REVIEW_KINDS) assert.match(stdout, new RegExp(`^${kind}\\s+Review`, 'm'));
  });
});

describe('ci-callback generate --review', () => {
  it('prints exactly the library’s body; the header it is sent with goes to stderr', async () => {
    const { code, stdout, stderr } = await run(
      'generate',
      '--review',
      'audio',
      '--callback-version',
      'detail',
      '--result',
      'suspected',
      '--callback-type',
      '2',
      '--seed',
      '12',
    );
    assert.equal(code, 0, stderr);
    const expected = generateReview({
      review: 'audio',
      callbackVersion: 'detail',
      result: 'suspected',
      callbackType: 2,
      seed: 12,
    });
    assert.equal(stdout, expected.body);
    assert.equal(stderr, 'sent with X-Ci-Content-Version: Detail\n');
  });

  it("defaults to CI's form for the kind, and reports the seed it drew", async () => {
    const { code, stdout, stderr } = await run('generate', '--review', 'video');
    assert.equal(code, 0);
    assert.ok('data' in JSON.parse(stdout), 'video defaults to Simple');
    const seed = /seed (\d+) \(reproduce with --seed \1\)/.exec(stderr)?.[1];
    assert.ok(seed, stderr);
    assert.equal((await run('generate', '--review', 'video', '--seed', seed)).stdout, stdout);
  });

  it("--console-test prints the console's test request", async () => {
    const { code, stdout } = await run('generate', '--review', 'text', '--console-test');
    assert.equal(code, 0);
    assert.equal(
      (JSON.parse(stdout) as { message: string }).message,
      'Test request when setting callback url',
    );
  });

  it('--live-state auditing gives an in-progress live callback; --compact one line', async () => {
    const { stdout } = await run(
      'generate',
      '--review',
      'live',
      '--callback-version',
      'detail',
      '--live-state',
      'auditing',
      '--compact',
      '--seed',
      '3',
    );
    assert.ok(!stdout.includes('\n'));
    const job = (JSON.parse(stdout) as { JobsDetail: { State: string; Type: string } }).JobsDetail;
    assert.deepEqual([job.State, job.Type], ['Auditing', 'live_video']);
  });

  const refusals: [string[], RegExp][] = [
    [
      ['--review', 'video', '--format', 'xml'],
      /^--format: moderation callbacks are JSON only \(CI sends no XML form\); accepted: json$/,
    ],
    [
      ['--review', 'pdf'],
      /^--review: unknown review 'pdf'; accepted: image, video, audio, text, document, html, live$/,
    ],
    [
      ['--review', 'html', '--callback-version', 'simple'],
      /^--callback-version: html callbacks have no simple form/,
    ],
    [
      ['--review', 'text', '--callback-type', '2'],
      /^--callback-type: applies only to video, audio, document, live/,
    ],
    [
      ['--review', 'video', '--live-state', 'auditing'],
      /^--live-state: applies only to live callbacks, not video$/,
    ],
    [['--review', 'html', '--console-test'], /^--console-test: the console sends no test request for html/],
    [['--review', 'video', '--tag', 'SmartCover'], /^--tag: does not apply to moderation callbacks/],
    [['--review', 'video', '--set', 'a=b'], /^--set: does not apply to moderation callbacks/],
    [
      ['--tag', 'SmartCover', '--callback-version', 'detail'],
      /^--callback-version: is for moderation callbacks: give review too, one of image, video/,
    ],
  ];
  for (const [flags, words] of refusals) {
    it(`refuses ${flags.join(' ')} with exit 2, saying what is accepted`, async () => {
      const { code, stdout, stderr } = await run('generate', ...flags);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      const line = /^ci-callback generate: (.*)\n$/.exec(stderr)?.[1] ?? stderr;
      assert.match(line, words);
    });
  }
});

describe('ci-callback send --review', () => {
  it('sends --count callbacks with X-Ci-Content-Version naming the form, seeds S, S+1', async () => {
    const receiver = await startReceiver();
    try {
      const { code, stdout } = await run(
        'send',
        '--target',
        receiver.url,
        '--review',
        'text',
        '--callback-version',
        'detail',
        '--result',
        'violation',
        '--count',
        '2',
        '--seed',
        '8',
      );
      assert.equal(code, 0, stdout);
      assert.match(stdout, /sent 2 to .*: 2 delivered, 0 failed/);
      assert.deepEqual(
        receiver.received.map((request) => [
          request.headers['x-ci-content-version'],
          request.headers['content-type'],
        ]),
        [
          ['Detail', 'application/json'],
          ['Detail', 'application/json'],
        ],
      );
      assert.deepEqual(
        receiver.received.map((request) => request.body),
        [8, 9].map(
          (seed) =>
            generateReview({ review: 'text', callbackVersion: 'detail', result: 'violation', seed }).body,
        ),
      );
    } finally {
      await receiver.close();
    }
  });

  it('refuses TaskFinish flags beside --review before sending anything', async () => {
    const receiver = await startReceiver();
    try {
      const { code, stderr } = await run(
        'send',
        '--target',
        receiver.url,
        '--review',
        'video',
        '--run',
        '--tags',
        'A,B',
      );
      assert.equal(code, 2);
      assert.match(stderr, /does not apply to moderation callbacks/);
      assert.equal(receiver.received.length, 0);
    } finally {
      await receiver.close();
    }
  });
});

describe('ci-callback load --review', () => {
  it('drives a receiver with moderation callbacks, each sent with its X-Ci-Content-Version', async () => {
    const receiver = await startReceiver(() => ({ status: 204 }));
    try {
      const { code, stdout, stderr } = await run(
        'load',
        '--target',
        receiver.url,
        '--rate',
        '40',
        '--duration',
        '250ms',
        '--review',
        'text',
        '--result',
        'violation',
        '--seed',
        '1',
      );
      assert.equal(code, 0, stderr);
      assert.match(stdout, /review:text/);
      assert.ok(receiver.received.length > 0);
      const ids = new Set<string>();
      for (const request of receiver.received) {
        assert.equal(request.headers['x-ci-content-version'], 'Simple');
        const data = (
          JSON.parse(request.body) as { data: { event: string; result: number; trace_id: string } }
        ).data;
        assert.deepEqual([data.event, data.result], ['ReviewText', 1]);
        ids.add(data.trace_id);
      }
      assert.equal(ids.size, receiver.received.length, 'each request a distinct job');
    } finally {
      await receiver.close();
    }
  });

  it('refuses --tags beside --review', async () => {
    const { code, stderr } = await run(
      'load',
      '--target',
      'http://127.0.0.1:9/cb',
      '--rate',
      '10',
      '--review',
      'video',
      '--tags',
      'SmartCover',
    );
    assert.equal(code, 2);
    assert.match(stderr, /--tags: does not apply to moderation callbacks/);
  });
});
