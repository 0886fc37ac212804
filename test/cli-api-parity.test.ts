/**
 * The CLI and the HTTP API accept and refuse the same values with the same words (issue #11): each row gives a
 * command line and the request that says the same thing over HTTP, runs both — the CLI in-process, the API
 * through `app.request()` — and checks that both refuse, the CLI with `--flag: <message>` (exit 2, one line)
 * and the API with `field: <message>` (400), the message identical (a message that starts with the field
 * itself, `--rate 0.01/s sends…` / `rate 0.01/s sends…`, names it once, as each caller does). Values the API accepts, the CLI accepts too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProblemBody } from '../src/api/problem.ts';
import { testApp } from './support/app.ts';
import { runCaptured } from './support/cli.ts';
import { startReceiver, type TestReceiver } from './support/receiver.ts';

/** Nothing listens here: a refused request never gets as far as sending. */
const NOWHERE = 'http://127.0.0.1:9/cb';

interface ApiCall {
  path: string;
  /** POSTed as JSON; without it, a GET. */
  body?: Record<string, unknown>;
}

interface Refusal {
  cli: string[];
  /** The field as the CLI names it. */
  flag: string;
  api: ApiCall;
  /** The field as the API names it. */
  field: string;
}

const generate = (...flags: string[]) => ['generate', '--tag', 'SmartCover', ...flags];
const send = (...flags: string[]) => ['send', '--target', NOWHERE, '--tag', 'SmartCover', ...flags];
const load = (...flags: string[]) => ['load', '--target', NOWHERE, '--rate', '10', ...flags];
const probe = (...flags: string[]) => ['probe', '--target', NOWHERE, ...flags];
const preview = (query: string): ApiCall => ({ path: `/tags/SmartCover/payload?${query}` });
const generateReview = (...flags: string[]) => ['generate', '--review', 'video', ...flags];
const reviewPreview = (query: string, review = 'video'): ApiCall => ({
  path: `/reviews/${review}/payload?${query}`,
});
const emit = (fields: Record<string, unknown>): ApiCall => ({
  path: '/emit',
  body: { target: NOWHERE, tag: 'SmartCover', ...fields },
});
const schedule = (fields: Record<string, unknown>): ApiCall => ({
  path: '/schedules',
  body: { target: NOWHERE, ...fields },
});
const loadRun = (fields: Record<string, unknown>): ApiCall => ({
  path: '/load-runs',
  body: { target: NOWHERE, rate: 10, ...fields },
});
const probeRun = (fields: Record<string, unknown>): ApiCall => ({
  path: '/probes',
  body: { target: NOWHERE, ...fields },
});

const refusals: Refusal[] = [
  // a payload's options: the library's choices and seed (src/payloads/payload-options.ts)
  { cli: generate('--format', 'yaml'), flag: '--format', api: preview('format=yaml'), field: 'query.format' },
  { cli: send('--format', 'yaml'), flag: '--format', api: emit({ format: 'yaml' }), field: 'format' },
  {
    cli: generate('--trigger', 'cron'),
    flag: '--trigger',
    api: preview('trigger=cron'),
    field: 'query.trigger',
  },
  { cli: send('--state', 'ok'), flag: '--state', api: emit({ state: 'ok' }), field: 'state' },
  {
    cli: generate('--json-shape', 'list'),
    flag: '--json-shape',
    api: preview('jsonShape=list'),
    field: 'query.jsonShape',
  },
  {
    cli: send('--json-shape', 'list'),
    flag: '--json-shape',
    api: emit({ jsonShape: 'list' }),
    field: 'jsonShape',
  },
  // a moderation callback's options (src/payloads/review-options.ts)
  {
    cli: generateReview('--callback-version', 'full'),
    flag: '--callback-version',
    api: reviewPreview('callbackVersion=full'),
    field: 'query.callbackVersion',
  },
  {
    cli: ['generate', '--review', 'document', '--callback-version', 'simple'],
    flag: '--callback-version',
    api: reviewPreview('callbackVersion=simple', 'document'),
    field: 'query.callbackVersion',
  },
  {
    cli: generateReview('--result', 'bad'),
    flag: '--result',
    api: reviewPreview('result=bad'),
    field: 'query.result',
  },
  {
    cli: generateReview('--callback-type', '3'),
    flag: '--callback-type',
    api: reviewPreview('callbackType=3'),
    field: 'query.callbackType',
  },
  {
    cli: ['generate', '--review', 'text', '--callback-type', '2'],
    flag: '--callback-type',
    api: reviewPreview('callbackType=2', 'text'),
    field: 'query.callbackType',
  },
  {
    cli: generateReview('--live-state', 'auditing'),
    flag: '--live-state',
    api: reviewPreview('liveState=auditing'),
    field: 'query.liveState',
  },
  {
    cli: ['generate', '--review', 'live', '--live-state', 'running'],
    flag: '--live-state',
    api: reviewPreview('liveState=running', 'live'),
    field: 'query.liveState',
  },
  {
    cli: ['generate', '--review', 'html', '--console-test'],
    flag: '--console-test',
    api: reviewPreview('consoleTest=true', 'html'),
    field: 'query.consoleTest',
  },
  { cli: generateReview('--seed', '-1'), flag: '--seed', api: reviewPreview('seed=-1'), field: 'query.seed' },
  // … and sent: POST /emit and send take the same fields
  {
    cli: ['send', '--target', NOWHERE, '--review', 'video', '--format', 'xml'],
    flag: '--format',
    api: { path: '/emit', body: { target: NOWHERE, review: 'video', format: 'xml' } },
    field: 'format',
  },
  {
    cli: ['send', '--target', NOWHERE, '--review', 'video', '--state', 'failed'],
    flag: '--state',
    api: { path: '/emit', body: { target: NOWHERE, review: 'video', state: 'failed' } },
    field: 'state',
  },
  {
    cli: ['send', '--target', NOWHERE, '--review', 'html', '--callback-version', 'simple'],
    flag: '--callback-version',
    api: { path: '/emit', body: { target: NOWHERE, review: 'html', callbackVersion: 'simple' } },
    field: 'callbackVersion',
  },
  {
    cli: send('--result', 'violation'),
    flag: '--result',
    api: emit({ result: 'violation' }),
    field: 'result',
  },
  {
    cli: load('--review', 'html', '--callback-version', 'simple'),
    flag: '--callback-version',
    api: loadRun({ review: 'html', callbackVersion: 'simple' }),
    field: 'callbackVersion',
  },
  {
    cli: load('--review', 'video', '--result', 'bad'),
    flag: '--result',
    api: loadRun({ review: 'video', result: 'bad' }),
    field: 'result',
  },
  // overrides: each is checked where it is applied, the list's length by the schema
  {
    cli: generate(...Array.from({ length: 101 }, (_, i) => ['--set', `JobsDetail.Code=E${i}`]).flat()),
    flag: '--set',
    api: preview(Array.from({ length: 101 }, (_, i) => `overrides=JobsDetail.Code%3DE${i}`).join('&')),
    field: 'query.overrides',
  },
  {
    cli: send(...Array.from({ length: 101 }, (_, i) => ['--set', `JobsDetail.Code=E${i}`]).flat()),
    flag: '--set',
    api: emit({ overrides: Array.from({ length: 101 }, (_, i) => `JobsDetail.Code=E${i}`) }),
    field: 'overrides',
  },
  // a seed written as text, on the command line and in a query string
  ...['-1', '1.5', '4294967296', 'abc', '', '0x10'].map((seed) => ({
    cli: generate('--seed', seed),
    flag: '--seed',
    api: preview(`seed=${encodeURIComponent(seed)}`),
    field: 'query.seed',
  })),
  {
    cli: ['fixtures', '--out', 'x', '--seed', '-7'],
    flag: '--seed',
    api: preview('seed=-7'),
    field: 'query.seed',
  },
  // … and the same seed as a JSON value
  { cli: send('--seed', '-1'), flag: '--seed', api: emit({ seed: -1 }), field: 'seed' },
  { cli: send('--seed', '1.5'), flag: '--seed', api: emit({ seed: 1.5 }), field: 'seed' },
  { cli: send('--seed', 'abc'), flag: '--seed', api: emit({ seed: 'abc' }), field: 'seed' },
  { cli: load('--seed', '4294967296'), flag: '--seed', api: loadRun({ seed: 4294967296 }), field: 'seed' },
  { cli: probe('--seed', '-1'), flag: '--seed', api: probeRun({ seed: -1 }), field: 'seed' },
  // counts and rates
  ...(
    [
      ['--connections', 'connections', ['0', 0]],
      ['--connections', 'connections', ['2.5', 2.5]],
      ['--connections', 'connections', ['20000', 20000]],
      ['--connections', 'connections', ['x', 'x']],
      ['--max-in-flight', 'maxInFlight', ['0', 0]],
      ['--max-in-flight', 'maxInFlight', ['1e9', 1e9]],
      ['--rate', 'rate', ['fast', 'fast']],
      ['--rate', 'rate', ['0', 0]],
      ['--rate', 'rate', ['-5', -5]],
      ['--rate', 'rate', ['2000000', 2000000]],
    ] as const
  ).map(([flag, field, [typed, json]]) => ({
    cli: load(flag, typed),
    flag,
    api: loadRun({ [field]: json }),
    field,
  })),
  ...(
    [
      ['0', 0],
      ['201', 201],
      ['2.5', 2.5],
    ] as const
  ).map(([typed, json]) => ({
    cli: probe('--burst', typed),
    flag: '--burst',
    api: probeRun({ burstSize: json }),
    field: 'burstSize',
  })),
  // a probe's timeout: a duration on the command line, milliseconds over HTTP; one range, one message
  {
    cli: probe('--timeout', '90s'),
    flag: '--timeout',
    api: probeRun({ timeoutMs: 90_000 }),
    field: 'timeoutMs',
  },
  {
    cli: probe('--timeout', '50ms'),
    flag: '--timeout',
    api: probeRun({ timeoutMs: 50 }),
    field: 'timeoutMs',
  },
  // durations: one grammar, each field its range (src/core/duration.ts)
  ...(
    [
      ['10ms', '10ms'],
      ['5x', '5x'],
      ['200h', '200h'],
      ['-1', -1],
    ] as const
  ).map(([typed, json]) => ({
    cli: send('--every', typed, '--limit', '2'),
    flag: '--every',
    api: schedule({ every: json }),
    field: 'every',
  })),
  // retry schedules: the duration grammar, a first attempt at once, the limits (src/delivery/retry-schedule.ts)
  ...['1s,5s', '0,2h', '0,soon', Array(21).fill('0').join(','), 'never'].flatMap((typed) => [
    { cli: send('--retry', typed), flag: '--retry', api: emit({ retry: typed }), field: 'retry' },
    {
      cli: send('--retry', typed),
      flag: '--retry',
      api: schedule({ every: '1h', retry: typed }),
      field: 'retry',
    },
  ]),
  { cli: load('--duration', '5x'), flag: '--duration', api: loadRun({ duration: '5x' }), field: 'duration' },
  { cli: load('--duration', '0'), flag: '--duration', api: loadRun({ duration: 0 }), field: 'duration' },
  { cli: load('--warmup', '-1'), flag: '--warmup', api: loadRun({ warmup: -1 }), field: 'warmup' },
  { cli: load('--timeout', '25h'), flag: '--timeout', api: loadRun({ timeout: '25h' }), field: 'timeout' },
  // targets (src/delivery/target.ts), a password never echoed
  {
    cli: ['send', '--target', 'ftp://x', '--tag', 'SmartCover'],
    flag: '--target',
    api: emit({ target: 'ftp://x' }),
    field: 'target',
  },
  {
    cli: ['send', '--target', 'ftp://user:secret@x/', '--tag', 'SmartCover'],
    flag: '--target',
    api: emit({ target: 'ftp://user:secret@x/' }),
    field: 'target',
  },
  {
    cli: ['load', '--target', 'not a url', '--rate', '10'],
    flag: '--target',
    api: loadRun({ target: 'not a url' }),
    field: 'target',
  },
  {
    cli: ['probe', '--target', '/callback'],
    flag: '--target',
    api: probeRun({ target: '/callback' }),
    field: 'target',
  },
  // extra headers (src/delivery/header-rules.ts)
  {
    cli: send('--header', 'X Bad: v'),
    flag: "--header 'X Bad'",
    api: emit({ headers: { 'X Bad': 'v' } }),
    field: 'headers.X Bad',
  },
  {
    cli: send('--header', 'X-Token: s€cret'),
    flag: "--header 'X-Token'",
    api: emit({ headers: { 'X-Token': 's€cret' } }),
    field: 'headers.X-Token',
  },
  {
    cli: send('--header', 'Host: example.com'),
    flag: '--header',
    api: emit({ headers: { Host: 'example.com' } }),
    field: 'headers',
  },
  {
    cli: probe('--header', 'X Bad: v'),
    flag: "--header 'X Bad'",
    api: probeRun({ headers: { 'X Bad': 'v' } }),
    field: 'headers.X Bad',
  },
  // delivery faults (src/faults/options.ts): the CLI's grammar, the API's names and ranges
  {
    cli: send('--fault', 'dupe'),
    flag: "--fault 'dupe'",
    api: emit({ faults: { dupe: true } }),
    field: 'faults.dupe',
  },
  {
    cli: send('--fault', 'duplicate=150%'),
    flag: "--fault 'duplicate'",
    api: emit({ faults: { duplicate: 1.5 } }),
    field: 'faults.duplicate',
  },
  {
    cli: send('--fault', 'duplicate=5%,delay=2h'),
    flag: "--fault 'duplicate'",
    api: emit({ faults: { duplicate: { probability: 0.05, delayMs: 7_200_000 } } }),
    field: 'faults.duplicate.delayMs',
  },
  {
    cli: load('--fault', 'slow-bodies'),
    flag: "--fault 'slow-bodies'",
    api: loadRun({ faults: { 'slow-bodies': true } }),
    field: 'faults.slow-bodies',
  },
  // a load run's and a probe run's choices
  { cli: load('--format', 'yaml'), flag: '--format', api: loadRun({ format: 'yaml' }), field: 'format' },
  { cli: load('--trigger', 'cron'), flag: '--trigger', api: loadRun({ trigger: 'cron' }), field: 'trigger' },
  { cli: load('--state', 'ok'), flag: '--state', api: loadRun({ state: 'ok' }), field: 'state' },
  { cli: probe('--format', 'yaml'), flag: '--format', api: probeRun({ format: 'yaml' }), field: 'format' },
  // rules checked after the schemas (between fields, names looked up, overrides applied): the same framing
  {
    cli: ['load', '--target', NOWHERE, '--connections', '2', '--max-in-flight', '3'],
    flag: '--max-in-flight',
    api: { path: '/load-runs', body: { target: NOWHERE, connections: 2, maxInFlight: 3 } },
    field: 'maxInFlight',
  },
  { cli: load('--rate', '0.01'), flag: '--rate', api: loadRun({ rate: 0.01 }), field: 'rate' },
  { cli: load('--tags', 'Nope'), flag: '--tags', api: loadRun({ tags: 'Nope' }), field: 'tags' },
  { cli: send('--tag', 'Nope'), flag: '--tag', api: emit({ tag: 'Nope' }), field: 'tag' },
  {
    cli: generate('--set', 'nonsense'),
    flag: '--set',
    api: preview('overrides=nonsense'),
    field: 'overrides.0',
  },
  {
    cli: send('--set', 'no-equals'),
    flag: '--set',
    api: emit({ overrides: ['no-equals'] }),
    field: 'overrides.0',
  },
  { cli: probe('--only', 'nope'), flag: '--only', api: probeRun({ only: ['nope'] }), field: 'only' },
];

describe('the CLI and the HTTP API refuse the same values with the same words', () => {
  const { app, close } = testApp();
  after(close);

  async function cliLine(argv: string[]): Promise<string> {
    const { code, stdout, stderr } = await runCaptured(argv);
    assert.equal(code, 2, `${argv.join(' ')} → ${stderr}`);
    assert.equal(stdout, '');
    const line = /^ci-callback [\w-]+: (.*)\n$/.exec(stderr)?.[1];
    assert.ok(line !== undefined, `one line on stderr, got ${JSON.stringify(stderr)}`);
    return line;
  }

  async function apiLine(call: ApiCall): Promise<string> {
    const response = await app.request(
      call.path,
      call.body
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(call.body),
          }
        : {},
    );
    const problem = (await response.json()) as ProblemBody;
    assert.equal(response.status, 400, JSON.stringify(problem));
    return problem.detail.replace(/^invalid [^:]*: /, '');
  }

  for (const { cli, flag, api, field } of refusals) {
    it(`'${cli.join(' ')}' and ${api.body ? `POST ${api.path} ${JSON.stringify(api.body)}` : `GET ${api.path}`}`, async () => {
      const fromCli = await cliLine(cli);
      // `--flag: message`, or `--flag …` where the message itself starts with the field
      assert.ok(fromCli.startsWith(flag), `the CLI names ${flag} first: ${fromCli}`);
      assert.match(fromCli.slice(flag.length), /^(: | )/, `the CLI names ${flag} first: ${fromCli}`);
      const message = fromCli.slice(flag.length);
      assert.equal(await apiLine(api), `${field}${message}`);
      assert.doesNotMatch(message, /secret/);
    });
  }
});

describe('values the API accepts, the CLI accepts too', () => {
  const { app, close } = testApp();
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver(() => ({ status: 204 }));
  });
  after(async () => {
    await close();
    await receiver.close();
  });

  const post = (path: string, body: Record<string, unknown>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a seed: the CLI prints the bytes the API previews', async () => {
    for (const seed of ['0', '42', '4294967295', ' 7 ']) {
      const options = [
        '--format',
        'json',
        '--trigger',
        'workflow',
        '--state',
        'failed',
        '--json-shape',
        'array',
      ];
      const { code, stdout, stderr } = await runCaptured([...generate(...options), '--seed', seed]);
      assert.equal(code, 0, stderr);
      const response = await app.request(
        `/tags/SmartCover/payload?format=json&trigger=workflow&state=failed&jsonShape=array&seed=${encodeURIComponent(seed)}`,
      );
      assert.equal(response.status, 200);
      assert.equal(stdout, await response.text(), `seed '${seed}'`);
    }
  });

  it('a moderation callback: the CLI prints the bytes the API previews, with the same form header', async () => {
    for (const [flags, query] of [
      [['--review', 'video', '--seed', '5'], 'video/payload?seed=5'],
      [
        [
          '--review',
          'live',
          '--callback-version',
          'detail',
          '--live-state',
          'auditing',
          '--callback-type',
          '2',
          '--result',
          'violation',
          '--seed',
          '6',
        ],
        'live/payload?callbackVersion=detail&liveState=auditing&callbackType=2&result=violation&seed=6',
      ],
      [['--review', 'audio', '--console-test'], 'audio/payload?consoleTest=true'],
    ] as const) {
      const { code, stdout, stderr } = await runCaptured(['generate', ...flags]);
      assert.equal(code, 0, stderr);
      const response = await app.request(`/reviews/${query}`);
      assert.equal(response.status, 200);
      assert.equal(stdout, await response.text(), query);
      assert.match(
        stderr,
        new RegExp(`X-Ci-Content-Version: ${response.headers.get('X-Ci-Content-Version')}`),
      );
    }
  });

  it("a schedule's interval: 60 is 60s, as text or as a JSON number", async () => {
    for (const [typed, json] of [
      ['60', 60],
      ['60', '60'],
      ['60s', '60s'],
      ['1.5m', '1.5m'],
      ['1h', '1h'],
    ] as const) {
      const { code, stderr } = await runCaptured([
        'send',
        '--target',
        receiver.url,
        '--tag',
        'SmartCover',
        '--every',
        typed,
        '--limit',
        '1',
      ]);
      assert.equal(code, 0, `--every ${typed}: ${stderr}`);
      const created = await post('/schedules', { target: receiver.url, every: json, tags: ['SmartCover'] });
      assert.equal(created.status, 201, `every ${JSON.stringify(json)}: ${await created.clone().text()}`);
      const { id } = (await created.json()) as { id: number };
      assert.equal((await app.request(`/schedules/${id}`, { method: 'DELETE' })).status, 204);
    }
  });

  it('a retry schedule and the attempt header: the same attempts from the CLI and the API', async () => {
    const failing = await startReceiver(() => ({ status: 503 }));
    try {
      const { code, stderr } = await runCaptured([
        'send',
        '--target',
        failing.url,
        '--tag',
        'SmartCover',
        '--retry',
        '0, 1ms ,0.002s',
        '--attempt-header',
      ]);
      assert.equal(code, 1, stderr);
      const response = await post('/emit', {
        target: failing.url,
        tag: 'SmartCover',
        retry: '0, 1ms ,0.002s',
        attemptHeader: true,
      });
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(((await response.json()) as { failed: number }).failed, 1);
      assert.deepEqual(
        failing.received.map((request) => request.headers['x-ci-callback-attempt']),
        ['1', '2', '3', '1', '2', '3'],
      );
      for (const retry of ['none', '0']) {
        const before = failing.received.length;
        assert.equal(
          (await runCaptured(['send', '--target', failing.url, '--tag', 'SmartCover', '--retry', retry]))
            .code,
          1,
        );
        assert.equal((await post('/emit', { target: failing.url, tag: 'SmartCover', retry })).status, 200);
        assert.deepEqual(
          failing.received.slice(before).map((request) => request.headers['x-ci-callback-attempt']),
          [undefined, undefined],
          `--retry ${retry}: one attempt each, without the attempt header`,
        );
      }
    } finally {
      await failing.close();
    }
  });

  it('headers, faults and seeds as the API takes them', async () => {
    const { code, stderr } = await runCaptured([
      'send',
      '--target',
      receiver.url,
      '--tag',
      'SmartCover',
      '--header',
      'X-Token: s3cret',
      '--header',
      'X-Empty:',
      '--fault',
      'duplicate=100%,delay=0',
      '--fault',
      'slow-body=0%',
      '--seed',
      '4294967295',
    ]);
    assert.equal(code, 0, stderr);
    const response = await post('/emit', {
      target: receiver.url,
      tag: 'SmartCover',
      headers: { 'X-Token': 's3cret', 'X-Empty': '' },
      faults: { duplicate: { probability: 1, delayMs: 0 }, slowBody: 0 },
      seed: 4294967295,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const tokens = receiver.received.map((request) => request.headers['x-token']);
    assert.ok(tokens.filter((token) => token === 's3cret').length >= 2, `${tokens}`);
  });

  it("a load run's durations, counts and choices", async () => {
    // the same run, as JSON and as flags: maxInFlight is --max-in-flight, 0 is '0'
    const run = {
      target: receiver.url,
      rate: 20.5,
      connections: 2,
      maxInFlight: 10,
      duration: '200ms',
      warmup: 0,
      timeout: 60,
      tags: 'SmartCover',
      format: 'mixed',
      seed: 0,
    };
    const flags = Object.entries(run).flatMap(([field, value]) => [
      `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
      String(value),
    ]);
    const { code, stderr } = await runCaptured(['load', ...flags]);
    assert.equal(code, 0, stderr);
    const started = await post('/load-runs', run);
    assert.equal(started.status, 202, await started.clone().text());
    const { location } = (await started.json()) as { location: string };
    for (let wait = 0; wait < 100; wait++) {
      const { status } = (await (await app.request(location)).json()) as { status: string };
      if (status !== 'running') {
        assert.equal(status, 'done');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail('the load run did not finish within 10 s');
  });
});
