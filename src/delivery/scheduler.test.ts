import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { startReceiver } from '../../test/support/receiver.ts';
import { InputError } from '../core/errors.ts';
import { createDeliveryClient, type DeliveryClient, type DeliveryRequest } from './client.ts';
import { createDeliverer } from './deliverer.ts';
import type { ScheduleSpec } from './model.ts';
import { createScheduler, type SchedulerOptions } from './scheduler.ts';
import { createDeliveryStore, type DeliveryStore, type ScheduleRecord } from './store.ts';

const TARGET = 'http://127.0.0.1:9/callback';
/** A quarter second into a minute, so a per-second cron pattern is next due 750 ms later. */
const START = Date.parse('2026-01-01T00:00:00.250Z');

/** A client that answers 200 at once and keeps what it was asked to send: the scheduler's runs, no network. */
function recordingClient(): DeliveryClient & { sent: DeliveryRequest[] } {
  const sent: DeliveryRequest[] = [];
  return {
    sent,
    async send(request) {
      sent.push(request);
      return { ok: true, status: 200, latencyMs: 0 };
    },
    async close() {},
  };
}

/**
 * A scheduler wired to the real deliverer and an in-memory store, on mocked timers and Date: a run happens inside
 * `tick`, and its delivery is committed to the log (and handed to the client) before `tick` resolves, so a test
 * can say how many runs happened — or that none did — without waiting on the clock.
 */
function setup(
  t: TestContext,
  options: Partial<SchedulerOptions> & { store?: DeliveryStore; clockRunning?: boolean } = {},
) {
  // a restart in the same test keeps the clock where it is
  if (!options.clockRunning) t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: START });
  const store = options.store ?? createDeliveryStore({ path: ':memory:' });
  const client = recordingClient();
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const scheduler = createScheduler({ ...options, store, deliverer });
  const spec = (fields: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
    target: TARGET,
    every: '50ms',
    choice: {},
    headers: {},
    ...fields,
  });
  return {
    store,
    scheduler,
    spec,
    sent: client.sent,
    /**
     * Moves the clock on 1 ms at a time, as it really passes: one big tick would show every timer due within it
     * the Date of its end.
     */
    async tick(ms: number) {
      if (ms === 0) t.mock.timers.tick(0);
      for (let i = 0; i < ms; i++) t.mock.timers.tick(1);
      // a delivery is sent once its record is committed
      await store.committed();
    },
    /** Stops the scheduler and waits for deliveries; keeps the store open when the caller owns it. */
    async close(keepStore = false) {
      scheduler.stop();
      await deliverer.drain();
      if (!keepStore) store.close();
    },
  };
}

describe('scheduler', () => {
  it('sends every interval until the limit, then marks the schedule done', async (t) => {
    const done: ScheduleRecord[] = [];
    const { scheduler, sent, tick, close, spec } = setup(t, { onDone: (s) => done.push(s) });
    try {
      const created = scheduler.create(spec({ limit: 3, headers: { 'X-Secret': 'k' } }));
      assert.equal(created.status, 'active');
      assert.equal(created.nextRunAt, new Date(START + 50).toISOString());
      await tick(49);
      assert.equal(sent.length, 0, 'no run before the interval');
      await tick(1);
      assert.equal(sent.length, 1);
      assert.equal(scheduler.get(created.id)?.nextRunAt, new Date(START + 100).toISOString());
      await tick(100);
      assert.equal(sent.length, 3);
      assert.ok(sent.every((request) => request.url === TARGET && request.headers?.['X-Secret'] === 'k'));
      const state = scheduler.get(created.id);
      assert.deepEqual([state?.status, state?.sent, state?.nextRunAt], ['done', 3, null]);
      assert.deepEqual(
        done.map((s) => s.id),
        [created.id],
      );
      await tick(1_000);
      assert.equal(sent.length, 3, 'no run after the limit');
    } finally {
      await close();
    }
  });

  it('draws payloads only from the weighted Tags and allowed formats', async (t) => {
    const { store, scheduler, sent, tick, close, spec } = setup(t);
    try {
      const created = scheduler.create(
        spec({ limit: 4, choice: { weights: { SoundHound: 2 }, formats: ['json'], states: ['failed'] } }),
      );
      await tick(200);
      const deliveries = store.listDeliveries({ limit: 10, scheduleId: created.id });
      assert.equal(deliveries.length, 4);
      for (const delivery of deliveries) {
        assert.deepEqual([delivery.tag, delivery.format, delivery.state], ['SoundHound', 'json', 'failed']);
      }
      assert.equal(sent.length, 4);
      assert.ok(sent.every((request) => request.contentType === 'application/json'));
      assert.ok(sent.every((request) => JSON.parse(request.body)));
    } finally {
      await close();
    }
  });

  it('pauses, resumes and deletes', async (t) => {
    const { scheduler, sent, tick, close, spec } = setup(t);
    try {
      const created = scheduler.create(spec({ limit: 6 }));
      await tick(50);
      assert.equal(sent.length, 1);
      const paused = scheduler.pause(created.id);
      assert.deepEqual([paused?.status, paused?.nextRunAt], ['paused', null]);
      await tick(1_000);
      assert.equal(sent.length, 1, 'no run while paused');
      assert.equal(scheduler.resume(created.id)?.status, 'active');
      await tick(0);
      assert.equal(sent.length, 2, 'the run missed while paused happens at once');
      await tick(50);
      assert.equal(sent.length, 3, 'then the interval resumes');
      assert.equal(scheduler.remove(created.id), true);
      await tick(1_000);
      assert.equal(sent.length, 3, 'no run after delete');
      assert.equal(scheduler.get(created.id), undefined);
      assert.equal(scheduler.pause(created.id), undefined);
    } finally {
      await close();
    }
  });

  it('picks up active schedules from the store after a restart and honours the limit across it', async (t) => {
    const store = createDeliveryStore({ path: ':memory:' });
    const first = setup(t, { store });
    const created = first.scheduler.create(first.spec({ limit: 4 }));
    await first.tick(100);
    assert.equal(first.sent.length, 2);
    first.scheduler.stop();
    assert.equal(first.scheduler.get(created.id)?.nextRunAt, null);
    await first.tick(1_000);
    assert.equal(first.sent.length, 2, 'no run once stopped');
    await first.close(true);

    const second = setup(t, { store, clockRunning: true });
    try {
      second.scheduler.start();
      await second.tick(0);
      assert.equal(second.sent.length, 1, 'the run missed while stopped happens at once');
      await second.tick(1_000);
      assert.equal(second.sent.length, 2, 'two were sent before the restart, so two are left');
      assert.equal(store.countDeliveries(created.id), 4);
      assert.equal(second.scheduler.get(created.id)?.status, 'done');
    } finally {
      await second.close();
    }
  });

  it('delays each run by a random share of the jitter', async (t) => {
    // random() near 1: floor(0.99 × 200 ms) = 198 ms is added to the 50 ms interval
    const { scheduler, sent, tick, close, spec } = setup(t, { random: () => 0.99 });
    try {
      scheduler.create(spec({ limit: 1, jitter: '200ms' }));
      await tick(247);
      assert.equal(sent.length, 0, 'not before interval + jitter');
      await tick(1);
      assert.equal(sent.length, 1);
    } finally {
      await close();
    }
  });

  it('runs a cron pattern with seconds', async (t) => {
    const { scheduler, sent, tick, close, spec } = setup(t);
    try {
      const created = scheduler.create(spec({ every: undefined, cron: '* * * * * *', limit: 1 }));
      assert.equal(created.nextRunAt, '2026-01-01T00:00:01.000Z');
      await tick(749);
      assert.equal(sent.length, 0, 'not before the next whole second');
      await tick(1);
      assert.equal(sent.length, 1);
      assert.equal(scheduler.get(created.id)?.status, 'done');
    } finally {
      await close();
    }
  });

  it('sends its runs to a real receiver', async () => {
    // real timers and sockets: the one end-to-end check; it waits for arrivals, never for their absence
    const receiver = await startReceiver();
    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient({ timeoutMs: 1_000 });
    const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
    const scheduler = createScheduler({ store, deliverer });
    try {
      scheduler.create({
        target: receiver.url,
        every: '50ms',
        limit: 2,
        choice: {},
        headers: { 'X-Secret': 'k' },
      });
      const received = await receiver.waitFor(2, 3_000);
      assert.ok(
        received.every((request) => request.method === 'POST' && request.headers['x-secret'] === 'k'),
      );
    } finally {
      scheduler.stop();
      await deliverer.drain();
      await client.close();
      await receiver.close();
      store.close();
    }
  });

  it('refuses a bad spec with the field named', async (t) => {
    const { scheduler, close, spec } = setup(t);
    try {
      const cases: [Partial<ScheduleSpec>, string, RegExp][] = [
        [{ every: '10ms' }, 'every', /^every: must be .* from 50ms .* got '10ms'/],
        [{ every: 'often' }, 'every', /^every: must be a number with a unit .* got 'often'/],
        [{ every: undefined }, 'every', /exactly one of every/],
        [{ every: undefined, cron: '61 * * * *' }, 'cron', /not a valid pattern/],
        [{ limit: 0 }, 'limit', /^limit: must be a whole number of deliveries, 1 or more/],
        [{ headers: { Host: 'example.com' } }, 'headers', /set by the client and cannot be given/],
        [{ jitter: 'some' }, 'jitter', /^jitter: must be a number with a unit .* got 'some'/],
        [{ choice: { tags: ['SmartCover', 'Nope'] } }, 'tags[1]', /unknown tag 'Nope'/],
        [{ choice: { weights: { Nope: 1 } } }, 'weights.Nope', /unknown tag 'Nope'/],
      ];
      for (const [fields, field, message] of cases) {
        assert.throws(
          () => scheduler.create(spec(fields)),
          (error: unknown) =>
            error instanceof InputError && error.field === field && message.test(error.message),
          JSON.stringify(fields),
        );
      }
      assert.deepEqual(scheduler.list(), []);
    } finally {
      await close();
    }
  });
});
