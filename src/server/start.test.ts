import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { InputError } from '../core/errors.ts';
import { generate } from '../payloads/generate.ts';
import type { AppType } from './app.ts';
import { checkBind, type RunningServer, startServer } from './start.ts';

describe('startServer with a real receiver', () => {
  let server: RunningServer;
  let receiver: TestReceiver;
  const lines: string[] = [];
  /** Answers by path: /flaky fails twice then succeeds, /down always 500, /reject 400, anything else 200. */
  let flaky = 0;

  before(async () => {
    receiver = await startReceiver((request) => {
      if (request.path === '/flaky') return flaky++ < 2 ? { status: 503, body: 'busy' } : { status: 200 };
      if (request.path === '/down') return { status: 500, body: 'broken' };
      if (request.path === '/reject') return { status: 400, body: 'no' };
      return { status: 200, body: 'thanks' };
    });
    server = await startServer({
      port: 0,
      db: ':memory:',
      retryPolicy: { delaysMs: [10, 10] },
      log: (line) => lines.push(line),
    });
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  const client = () => hc<AppType>(server.url);
  const target = (path = '/callback') => receiver.url.replace('/callback', path);

  it('listens on 127.0.0.1 on the port it was given (0: any free one)', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(server.port, 0);
  });

  it('emits on demand through the typed client and answers with the outcome', async () => {
    const before = receiver.received.length;
    const response = await client().emit.$post({
      json: {
        target: target(),
        tag: 'SmartCover',
        format: 'json',
        seed: 11,
        count: 2,
        headers: { 'X-Receiver-Token': 'shared' },
      },
    });
    assert.equal(response.status, 200);
    const result = await response.json();
    assert.equal(result.delivered, 2);
    assert.deepEqual(
      result.deliveries.map((d) => [d.status, d.httpStatus, d.attemptCount, d.seed]),
      [
        ['delivered', 200, 1, 11],
        ['delivered', 200, 1, 12],
      ],
    );
    assert.equal(result.deliveries[0]?.attempts[0]?.responseSnippet, 'thanks');
    const got = receiver.received.slice(before);
    assert.deepEqual(
      got.map((r) => r.body),
      [11, 12].map((seed) => generate({ tag: 'SmartCover', format: 'json', seed }).body),
    );
    assert.ok(got.every((r) => r.headers['content-type'] === 'application/json'));
    assert.ok(got.every((r) => r.headers['x-receiver-token'] === 'shared'));
    // the emitter's own attempt header is off by default: CI sends none, so a receiver must not rely on it
    assert.ok(got.every((r) => r.headers['x-ci-callback-attempt'] === undefined));
    assert.ok(
      lines.some((line) => line.includes('SmartCover json direct/success seed 11') && /HTTP 200/.test(line)),
    );
    assert.ok(
      lines.every((line) => !line.includes('shared')),
      'header values are never logged',
    );
  });

  it('retries a failing target and logs every attempt', async () => {
    const response = await client().emit.$post({ json: { target: target('/flaky'), tag: 'SoundHound' } });
    const [delivery] = (await successOf(response)).deliveries;
    assert.equal(delivery?.status, 'delivered');
    assert.deepEqual(
      delivery?.attempts.map((a) => [a.number, a.httpStatus]),
      [
        [1, 503],
        [2, 503],
        [3, 200],
      ],
    );

    const detail = await successOf(
      await client().deliveries[':id'].$get({ param: { id: String(delivery?.id) } }),
    );
    assert.equal(detail.attempts.length, 3);
    assert.equal(detail.attempts[0]?.responseSnippet, 'busy');
    assert.equal(detail.request.contentType, 'application/xml');
    assert.match(detail.request.body, /<Tag>SoundHound<\/Tag>/);
  });

  it('gives up on a target that keeps failing, and never retries a 4xx', async () => {
    const down = (
      await successOf(await client().emit.$post({ json: { target: target('/down'), tag: 'SmartCover' } }))
    ).deliveries[0];
    assert.deepEqual([down?.status, down?.attemptCount, down?.httpStatus], ['failed', 3, 500]);
    const rejected = (
      await successOf(await client().emit.$post({ json: { target: target('/reject'), tag: 'SmartCover' } }))
    ).deliveries[0];
    assert.deepEqual([rejected?.status, rejected?.attemptCount, rejected?.httpStatus], ['failed', 1, 400]);
  });

  it("follows an emit's own retry schedule and attempt header over the server's", async () => {
    const before = receiver.received.length;
    const emit = async (json: { retry?: string; attemptHeader?: boolean }) =>
      (
        await successOf(
          await client().emit.$post({ json: { target: target('/down'), tag: 'SmartCover', ...json } }),
        )
      ).deliveries[0];
    assert.equal((await emit({ retry: 'none' }))?.attemptCount, 1);
    assert.equal((await emit({ retry: '0,5ms,5ms,5ms', attemptHeader: true }))?.attemptCount, 4);
    assert.deepEqual(
      receiver.received.slice(before).map((r) => r.headers['x-ci-callback-attempt']),
      [undefined, '1', '2', '3', '4'],
    );
    const refused = await client().emit.$post({
      json: { target: target('/down'), tag: 'SmartCover', retry: '0,90m' },
    });
    assert.equal(refused.status, 400);
    assert.match(
      ((await (refused as Response).json()) as { detail: string }).detail,
      /retry: .*'90m' is not a wait of 0 to 1h/,
    );
  });

  it('reports a dead target as a failed delivery and keeps serving', async () => {
    const dead = await startReceiver();
    const url = dead.url;
    await dead.close();
    const response = await client().emit.$post({ json: { target: url, tag: 'SmartCover' } });
    assert.equal(response.status, 200);
    const [delivery] = (await successOf(response)).deliveries;
    assert.equal(delivery?.status, 'failed');
    assert.equal(delivery?.error?.kind, 'connect');
    assert.equal((await client().health.$get()).status, 200);
  });

  it('runs a schedule to its limit, lists its deliveries, and replays one', async () => {
    const path = '/scheduled';
    const created = await client().schedules.$post({
      json: { target: target(path), every: '50ms', limit: 3, tags: ['SoundHound'], format: 'json' },
    });
    assert.equal(created.status, 201);
    const schedule = await successOf(created);
    await receiverCount(receiver, path, 3);
    // that no 4th run follows is the scheduler's to prove (scheduler.test.ts, on mocked timers); here the API
    // must report the limit reached and no run armed
    const state = await successOf(
      await client().schedules[':id'].$get({ param: { id: String(schedule.id) } }),
    );
    assert.deepEqual([state.status, state.sent, state.nextRunAt, state.formats], ['done', 3, null, ['json']]);
    assert.equal(receiver.received.filter((r) => r.path === path).length, 3);

    const page = await successOf(
      await client().deliveries.$get({ query: { schedule: String(schedule.id), limit: '2' } }),
    );
    assert.equal(page.deliveries.length, 2);
    assert.ok(page.deliveries.every((d) => d.scheduleId === schedule.id && d.tag === 'SoundHound'));
    assert.ok(page.nextCursor);
    const rest = await successOf(
      await client().deliveries.$get({
        query: { schedule: String(schedule.id), limit: '2', cursor: page.nextCursor ?? '' },
      }),
    );
    assert.equal(rest.deliveries.length, 1);
    assert.equal(rest.nextCursor, null);

    const original = page.deliveries[0];
    const replayed = await client().deliveries[':id'].replay.$post({ param: { id: String(original?.id) } });
    assert.equal(replayed.status, 201);
    const replay = await successOf(replayed);
    assert.equal(replay.replayOf, original?.id);
    assert.equal(replay.status, 'delivered');
    await receiverCount(receiver, path, 4);
  });

  it('pauses, resumes and deletes a schedule over HTTP', async () => {
    const path = '/paused';
    const schedule = await successOf(
      await client().schedules.$post({ json: { target: target(path), every: '50ms', limit: 50 } }),
    );
    const id = String(schedule.id);
    await receiverCount(receiver, path, 1);
    // no run while paused is the scheduler's to prove (scheduler.test.ts, on mocked timers); here the API must
    // report the pause with no run armed, and a resumed schedule must send again
    const paused = await successOf(await client().schedules[':id'].pause.$post({ param: { id } }));
    assert.deepEqual([paused.status, paused.nextRunAt], ['paused', null]);
    const resumed = await successOf(await client().schedules[':id'].resume.$post({ param: { id } }));
    assert.equal(resumed.status, 'active');
    assert.ok(resumed.nextRunAt);
    // every run recorded before the pause arrives at most once, so this one was sent after the resume
    await receiverCount(receiver, path, paused.sent + 1);
    assert.equal((await client().schedules[':id'].$delete({ param: { id } })).status, 204);
    assert.equal((await client().schedules[':id'].$get({ param: { id } })).status, 404);
    const listed = await successOf(await client().schedules.$get());
    assert.ok(!listed.schedules.some((s) => s.id === schedule.id));
  });
});

/** The body of a successful answer, typed from the route's documented 2xx response (the hc client's types). */
async function successOf<R extends ClientResponse<unknown, number, string>>(
  response: R,
): Promise<SuccessBody<R>> {
  assert.ok(response.ok, `expected a 2xx answer, got ${response.status}: ${await response.clone().text()}`);
  return (await response.json()) as SuccessBody<R>;
}
type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, string> ? (S extends SuccessStatusCode ? T : never) : never;

/** Waits until the receiver has `count` requests on `path`. */
async function receiverCount(receiver: TestReceiver, path: string, count: number, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  while (receiver.received.filter((r) => r.path === path).length < count) {
    if (Date.now() > deadline) throw new Error(`receiver got fewer than ${count} requests on ${path}`);
    await sleep(10);
  }
}

describe('the demo schedule', () => {
  it('sends random Tags into the built-in sink, which answers 503 and 404 now and then: retries and failures show', async () => {
    const lines: string[] = [];
    const server = await startServer({ demo: true, demoEvery: '50ms', log: (line) => lines.push(line) });
    try {
      assert.ok(server.demoScheduleId);
      const deadline = Date.now() + 5_000;
      type Sink = {
        total: number;
        callbacks: { contentType: string | null; body: string; answered: { status: number } }[];
      };
      let sink: Sink = { total: 0, callbacks: [] };
      const retried = () => lines.some((line) => / HTTP 200 .*\(2 attempts\)/.test(line));
      while ((sink.total < 6 || !retried()) && Date.now() < deadline) {
        await sleep(25);
        sink = (await (await fetch(`${server.url}/sink`)).json()) as Sink;
      }
      assert.ok(sink.total >= 6, `sink got ${sink.total}`);
      assert.ok(sink.callbacks.every((c) => /^application\/(xml|json)$/.test(c.contentType ?? '')));
      assert.ok(sink.callbacks.every((c) => c.body.includes('TaskFinish')));
      const answered = new Set(sink.callbacks.map((c) => c.answered.status));
      assert.deepEqual([...answered].sort(), [200, 404, 503]);
      const demoLines = lines.filter((line) => line.includes(`→ ${server.url}/sink?status=***: `));
      assert.ok(
        demoLines.some((line) => line.includes('HTTP 404')),
        lines.join('\n'),
      );
      assert.ok(retried(), lines.join('\n'));
    } finally {
      await server.close();
    }
  });
});

describe('the demo schedule across restarts', () => {
  it('is kept in the db, aimed at the new sink on each start, and paused by --no-demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ci-callback-demo-'));
    try {
      const db = join(dir, 'state.db');
      const first = await startServer({ db, demo: true });
      const id = first.demoScheduleId;
      await first.close();
      const second = await startServer({ db, demo: true });
      assert.equal(second.demoScheduleId, id, 'one demo schedule, not one per start');
      const state = (await (await fetch(`${second.url}/schedules/${id}`)).json()) as {
        target: string;
        status: string;
      };
      assert.deepEqual([state.target, state.status], [`${second.url}/sink?status=***`, 'active']);
      await second.close();
      const third = await startServer({ db, demo: false });
      try {
        const paused = (await (await fetch(`${third.url}/schedules/${id}`)).json()) as { status: string };
        assert.equal(paused.status, 'paused');
      } finally {
        await third.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('binding and closing', () => {
  it('refuses bad CI job API settings before it listens, naming each', async () => {
    for (const [options, message] of [
      [{ ciJobTime: 'soon' }, /ci-job-time 'soon' is not a duration/],
      [{ ciJobTime: '25h' }, /ci-job-time '25h' is out of range/],
      [{ ciFail: ['nocode'] }, /malformed fail rule 'nocode'/],
      [{ ciWorkflow: ['w1=Nope'] }, /unknown Tag 'Nope'/],
      [{ ciSecret: 'x' }, /SECRET_ID:SECRET_KEY/],
      [
        { ciCallback: 'http://10.0.0.1/x', allowTargets: ['http://127.0.0.1:*'] },
        /not allowed by --allow-target/,
      ],
      [{ ciFaults: { nope: 1 } }, /ciFaults: unknown fault 'nope'/],
      [{ ciFaults: { burst: 1 } }, /burst/],
    ] as const) {
      await assert.rejects(startServer(options), message, JSON.stringify(options));
    }
  });

  it('refuses a non-loopback address without a token, saying why and what to do', async () => {
    await assert.rejects(
      startServer({ host: '0.0.0.0' }),
      (error: unknown) =>
        error instanceof InputError &&
        error.field === 'host' &&
        /refusing to listen on 0\.0\.0\.0 without --token/.test(error.message),
    );
    assert.doesNotThrow(() => checkBind('0.0.0.0', 'secret'));
    assert.doesNotThrow(() => checkBind('::1', undefined));
    assert.doesNotThrow(() => checkBind('127.0.0.2', undefined));
    assert.throws(() => checkBind('192.168.1.2', undefined), /without --token/);
    assert.throws(() => checkBind('127.0.0.1', ''), /cannot be empty/);
  });

  it('guards the control API with the token, over a real socket', async () => {
    const server = await startServer({ token: 'let-me-in' });
    try {
      assert.equal((await fetch(`${server.url}/deliveries`)).status, 401);
      const authed = hc<AppType>(server.url, { headers: { Authorization: 'Bearer let-me-in' } });
      assert.equal((await authed.deliveries.$get({ query: {} })).status, 200);
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('says so when the port is taken', async () => {
    const first = await startServer();
    try {
      await assert.rejects(startServer({ port: first.port }), /port \d+ on 127\.0\.0\.1 is in use/);
    } finally {
      await first.close();
    }
  });

  // the timeout only keeps a regression from hanging the suite: the retry wait is an hour, so close() returning
  // at all shows it was cut short
  it('on close, lets a running attempt finish and cuts a retry wait short', { timeout: 30_000 }, async () => {
    let release: () => void = () => {};
    const receiver = await startReceiver((request) => {
      if (request.path === '/slow') {
        setTimeout(() => release(), 0);
        return { status: 503 };
      }
      return { status: 200 };
    });
    // a retry an hour away: only the shutdown ends the wait
    const server = await startServer({ retryPolicy: { delaysMs: [3_600_000] } });
    try {
      const attempted = new Promise<void>((resolve) => {
        release = resolve;
      });
      const emitting = fetch(`${server.url}/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: receiver.url.replace('/callback', '/slow'), tag: 'SmartCover' }),
      });
      await attempted;
      await server.close();
      const answer = (await (await emitting).json()) as {
        deliveries: { status: string; attemptCount: number }[];
      };
      // the caller still gets its answer: one attempt made, the retry cut short (marked interrupted in the log)
      assert.deepEqual([answer.deliveries[0]?.status, answer.deliveries[0]?.attemptCount], ['pending', 1]);
    } finally {
      await server.close();
      await receiver.close();
    }
  });
});
