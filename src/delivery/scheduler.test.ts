import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { InputError } from '../core/errors.ts';
import { createDeliveryClient } from './client.ts';
import { createDeliverer } from './deliverer.ts';
import type { ScheduleSpec } from './schedule-spec.ts';
import { createScheduler, type SchedulerOptions } from './scheduler.ts';
import { createDeliveryStore, type DeliveryStore, type ScheduleRecord } from './store.ts';

/** A scheduler wired to a real client, deliverer and in-memory store, aimed at a real receiver. */
async function setup(options: Partial<SchedulerOptions> & { store?: DeliveryStore } = {}) {
  const receiver = await startReceiver();
  const store = options.store ?? createDeliveryStore({ path: ':memory:' });
  const client = createDeliveryClient({ timeoutMs: 1_000 });
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const scheduler = createScheduler({ ...options, store, deliverer });
  const spec = (fields: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
    target: receiver.url,
    every: '50ms',
    choice: {},
    headers: {},
    ...fields,
  });
  return {
    receiver,
    store,
    deliverer,
    scheduler,
    spec,
    /** Stops the scheduler and waits for deliveries; keeps the store open when the caller owns it. */
    async close(keepStore = false) {
      scheduler.stop();
      await deliverer.drain();
      await client.close();
      await receiver.close();
      if (!keepStore) store.close();
    },
  };
}

async function settle(receiver: TestReceiver, count: number) {
  await receiver.waitFor(count, 3_000);
  await sleep(120); // long enough for another run, were one still armed
}

describe('scheduler', () => {
  it('sends every interval until the limit, then marks the schedule done', async () => {
    const done: ScheduleRecord[] = [];
    const { receiver, scheduler, close, spec } = await setup({ onDone: (s) => done.push(s) });
    try {
      const created = scheduler.create(spec({ limit: 3, headers: { 'X-Secret': 'k' } }));
      assert.equal(created.status, 'active');
      assert.ok(created.nextRunAt);
      await settle(receiver, 3);
      assert.equal(receiver.received.length, 3);
      assert.ok(receiver.received.every((r) => r.headers['x-secret'] === 'k'));
      const state = scheduler.get(created.id);
      assert.deepEqual([state?.status, state?.sent, state?.nextRunAt], ['done', 3, null]);
      assert.deepEqual(
        done.map((s) => s.id),
        [created.id],
      );
    } finally {
      await close();
    }
  });

  it('draws payloads only from the weighted Tags and allowed formats', async () => {
    const { receiver, store, scheduler, close, spec } = await setup();
    try {
      const created = scheduler.create(
        spec({ limit: 4, choice: { weights: { SoundHound: 2 }, formats: ['json'], states: ['failed'] } }),
      );
      await settle(receiver, 4);
      const deliveries = store.listDeliveries({ limit: 10, scheduleId: created.id });
      assert.equal(deliveries.length, 4);
      for (const delivery of deliveries) {
        assert.deepEqual([delivery.tag, delivery.format, delivery.state], ['SoundHound', 'json', 'failed']);
      }
      assert.ok(receiver.received.every((r) => r.headers['content-type'] === 'application/json'));
      assert.ok(receiver.received.every((r) => JSON.parse(r.body)));
    } finally {
      await close();
    }
  });

  it('pauses, resumes and deletes', async () => {
    const { receiver, scheduler, close, spec } = await setup();
    try {
      const created = scheduler.create(spec({ limit: 6 }));
      await receiver.waitFor(1, 3_000);
      assert.equal(scheduler.pause(created.id)?.status, 'paused');
      await sleep(30); // a delivery handed over just before the pause may still arrive
      const whilePaused = receiver.received.length;
      await sleep(200);
      assert.equal(receiver.received.length, whilePaused, 'no run while paused');
      assert.equal(scheduler.resume(created.id)?.status, 'active');
      await receiver.waitFor(whilePaused + 1, 3_000);
      assert.equal(scheduler.remove(created.id), true);
      await sleep(30);
      const afterRemove = receiver.received.length;
      await sleep(200);
      assert.equal(receiver.received.length, afterRemove, 'no run after delete');
      assert.equal(scheduler.get(created.id), undefined);
      assert.equal(scheduler.pause(created.id), undefined);
    } finally {
      await close();
    }
  });

  it('picks up active schedules from the store after a restart and honours the limit across it', async () => {
    const store = createDeliveryStore({ path: ':memory:' });
    const first = await setup({ store });
    const created = first.scheduler.create({ ...first.spec({ limit: 4 }), target: 'http://127.0.0.1:9/' });
    first.scheduler.stop();
    assert.equal(first.scheduler.get(created.id)?.nextRunAt, null);
    await first.close(true);

    const second = await setup({ store });
    try {
      // aim the stored schedule at the new receiver, as `upsertNamed` would
      store.updateSchedule(created.id, { spec: { ...created.spec, target: second.receiver.url } });
      second.scheduler.start();
      await settle(second.receiver, 4);
      assert.equal(second.receiver.received.length, 4);
      assert.equal(second.scheduler.get(created.id)?.status, 'done');
    } finally {
      await second.close();
    }
  });

  it('delays each run by a random share of the jitter', async () => {
    // random() near 1: almost the whole jitter is added to the 50 ms interval
    const { receiver, scheduler, close, spec } = await setup({ random: () => 0.99 });
    try {
      const started = performance.now();
      scheduler.create(spec({ limit: 1, jitter: '200ms' }));
      await receiver.waitFor(1, 3_000);
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 240, `first run after ${Math.round(elapsed)} ms`);
    } finally {
      await close();
    }
  });

  it('runs a cron pattern with seconds', async () => {
    const { receiver, scheduler, close, spec } = await setup();
    try {
      const created = scheduler.create(spec({ every: undefined, cron: '* * * * * *', limit: 1 }));
      assert.ok(Date.parse(created.nextRunAt ?? '') - Date.now() <= 1_000);
      await receiver.waitFor(1, 2_500);
      assert.equal(scheduler.get(created.id)?.status, 'done');
    } finally {
      await close();
    }
  });

  it('refuses a bad spec with the field named', async () => {
    const { scheduler, close, spec } = await setup();
    try {
      const cases: [Partial<ScheduleSpec>, string, RegExp][] = [
        [{ every: '10ms' }, 'every', /accepted: 50 ms/],
        [{ every: 'often' }, 'every', /not a duration/],
        [{ every: undefined }, 'every', /exactly one of every/],
        [{ every: undefined, cron: '61 * * * *' }, 'cron', /not a valid pattern/],
        [{ limit: 0 }, 'limit', /1 or more/],
        [{ jitter: 'some' }, 'jitter', /not a duration/],
        [{ choice: { tags: ['Nope'] } }, 'tag', /unknown tag 'Nope'/],
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
