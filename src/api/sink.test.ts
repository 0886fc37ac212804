import assert from 'node:assert/strict';
import { after, describe, it, mock } from 'node:test';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { createApp } from '../server/app.ts';
import { createSinkAnswers } from './sink-answers.ts';
import { createSinkLog, type SinkEntry } from './sink-log.ts';
import { createTargetPolicy } from './target-policy.ts';

const TOKEN = 'sink-test-token';

/** The app over an in-memory store; its sink's waits are recorded, never slept, unless `realSleep`. */
function sinkApp(options: { realSleep?: boolean; token?: string } = {}) {
  const store = createDeliveryStore({ path: ':memory:' });
  const client = createDeliveryClient({ timeoutMs: 1_000 });
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const scheduler = createScheduler({ store, deliverer });
  const waits: number[] = [];
  const recordWait = async (ms: number) => {
    waits.push(ms);
  };
  const sinkLog = createSinkLog({ capacity: 20, answers: options.realSleep ? {} : { sleep: recordWait } });
  const shutdown = new AbortController();
  const app = createApp({
    store,
    deliverer,
    scheduler,
    sinkLog,
    targetPolicy: createTargetPolicy([]),
    shutdownSignal: shutdown.signal,
    ...(options.token ? { token: options.token } : {}),
  });
  const post = (query = '', body = '<Response/>') =>
    app.request(`/sink${query}`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
  const setting = (method: 'GET' | 'PUT' | 'DELETE', body?: unknown, token = options.token) =>
    app.request('/sink/response', {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const answered = () => sinkLog.list().map((entry: SinkEntry) => entry.answered);
  return {
    app,
    post,
    setting,
    answered,
    waits,
    shutdown,
    close: async () => {
      shutdown.abort();
      await deliverer.drain();
      await client.close();
      store.close();
    },
  };
}

describe('what the sink answers', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });
  const open = (options?: Parameters<typeof sinkApp>[0]) => {
    const made = sinkApp(options);
    closers.push(made.close);
    return made;
  };

  it('answers 200 with its receipt when nothing is asked, as it always did, and records that', async () => {
    const { post, answered, waits } = open();
    const response = await post();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('X-CI-Sink-Answer'), 'default');
    assert.deepEqual(await response.json(), { received: true, id: 1 });
    assert.deepEqual(answered(), [{ status: 200, delayMs: 0, by: 'default' }]);
    assert.deepEqual(waits, []);
  });

  it('answers the status, delay and body a request asks for in its query, ignoring other parameters', async () => {
    const { post, answered, waits } = open();
    const response = await post('?status=503&delay=2s&body=busy%20now&token=abc');
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('X-CI-Sink-Answer'), 'query');
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=UTF-8');
    assert.equal(await response.text(), 'busy now');
    assert.deepEqual(waits, [2_000]);
    assert.deepEqual(answered(), [{ status: 503, delayMs: 2_000, by: 'query' }]);
    assert.equal((await post('?status=204')).status, 204);
  });

  it('answers a sequence in turn and then again: 503,503,200 retries every callback twice', async () => {
    const { post } = open();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post('?status=503,503,200')).status);
    assert.deepEqual(statuses, [503, 503, 200, 503, 503, 200, 503]);
    // another sequence keeps its own place
    assert.equal((await post('?status=500,200')).status, 500);
    assert.equal((await post('?status=503,503,200')).status, 503);
  });

  it('refuses a status, delay or body it cannot answer, naming the bounds, and records nothing', async () => {
    const { post, answered } = open();
    for (const [query, words] of [
      ['?status=99', /query\.status: must be a status from 200 to 599.*'99' is not a status from 200 to 599/],
      ['?status=200,abc', /'abc' is not a status/],
      [`?status=${Array(21).fill(200).join(',')}`, /at most 20 statuses, got 21/],
      ['?delay=31s', /query\.delay: .*from 0 to 30s, got '31s'/],
      ['?delay=soon', /query\.delay: .*got 'soon'/],
      [`?body=${'x'.repeat(4_097)}`, /query\.body: /],
    ] as const) {
      const response = await post(query);
      assert.equal(response.status, 400, query);
      assert.match(((await response.json()) as { detail: string }).detail, words, query);
    }
    assert.deepEqual(answered(), []);
  });

  it('takes a setting for every callback that asks nothing itself; the query wins field by field', async () => {
    const { post, setting, answered } = open();
    const set = await setting('PUT', { status: '503,200', delay: '1s', body: 'nope' });
    assert.equal(set.status, 200);
    assert.deepEqual(await set.json(), {
      setting: { status: [503, 200], delay: '1s', body: 'nope', next: 0 },
    });
    const first = await post();
    assert.deepEqual(
      [first.status, first.headers.get('X-CI-Sink-Answer'), await first.text()],
      [503, 'setting', 'nope'],
    );
    assert.equal((await post('?status=418')).status, 418, 'the query wins');
    assert.equal((await post()).status, 200, 'the setting moves on only for the callbacks it answers');
    assert.deepEqual(answered().reverse(), [
      { status: 503, delayMs: 1_000, by: 'setting' },
      { status: 418, delayMs: 1_000, by: 'query' },
      { status: 200, delayMs: 1_000, by: 'setting' },
    ]);
    assert.deepEqual(
      ((await (await setting('GET')).json()) as { setting: { next: number } }).setting.next,
      0,
    );
    assert.equal((await setting('DELETE')).status, 204);
    assert.deepEqual(await (await setting('GET')).json(), { setting: null });
    assert.equal((await post()).status, 200);
  });

  it('refuses a bad setting and keeps the one it had', async () => {
    const { setting } = open();
    await setting('PUT', { status: 503 });
    for (const body of [{ status: 600 }, { delay: '1m' }, { status: 503, extra: 1 }]) {
      const response = await setting('PUT', body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    assert.deepEqual(await (await setting('GET')).json(), {
      setting: { status: [503], delay: null, body: null, next: 0 },
    });
  });

  it('keeps /sink open but its setting behind the token: only the owner changes what everyone gets', async () => {
    const { post, setting } = open({ token: TOKEN });
    assert.equal((await post('?status=503')).status, 503);
    assert.equal((await setting('PUT', { status: 500 }, '')).status, 401);
    assert.equal((await setting('GET', undefined, '')).status, 401);
    assert.equal((await setting('PUT', { status: 500 }, TOKEN)).status, 200);
  });

  it('cuts a delay short when the server shuts down, so no request holds it up', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { post, shutdown } = open({ realSleep: true });
      let answered = false;
      const pending = Promise.resolve(post('?delay=30s')).then((response) => {
        answered = true;
        return response;
      });
      await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(29_000);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(answered, false, 'still waiting its 30 s');
      shutdown.abort();
      assert.equal((await pending).status, 200);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('sink answers, on their own', () => {
  it('waits the delay asked for, and not at all without one', async () => {
    const waits: number[] = [];
    const answers = createSinkAnswers({ sleep: async (ms) => waits.push(ms) });
    await answers.wait(answers.pick({}));
    await answers.wait(answers.pick({ delay: 0.25 }));
    assert.deepEqual(waits, [250]);
  });

  it('forgets the oldest of many query sequences, so a stream of new ones holds bounded memory', () => {
    const answers = createSinkAnswers();
    assert.equal(answers.pick({ status: '500,200' }).status, 500);
    for (let i = 0; i < 100; i++) answers.pick({ status: `${200 + i},201` });
    assert.equal(answers.pick({ status: '500,200' }).status, 500, 'started again after being forgotten');
  });
});
