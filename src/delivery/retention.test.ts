import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { InputError } from '../core/errors.ts';
import type { NewDelivery } from './model.ts';
import { describeRetention, parseRetention, startPruner } from './retention.ts';
import { createDeliveryStore, type DeliveryStore } from './store.ts';

const delivery = (scheduleId: number | null = null): NewDelivery => ({
  target: 'http://127.0.0.1:9/cb',
  body: '<Response/>',
  contentType: 'application/xml',
  headers: {},
  tag: 'SmartCover',
  format: 'xml',
  trigger: 'direct',
  state: 'success',
  seed: 1,
  scheduleId,
  replayOf: null,
});

function finished(store: DeliveryStore, scheduleId: number | null = null): number {
  const id = store.insertDelivery(delivery(scheduleId));
  store.finishDelivery(id, 'delivered');
  return id;
}

const ids = (store: DeliveryStore) =>
  store
    .listDeliveries({ limit: 500 })
    .map((d) => d.id)
    .reverse();

describe('retention', () => {
  it('parses a count, an age, or both, and refuses anything else saying what is accepted', () => {
    assert.deepEqual(parseRetention('--retain', '100000'), { keep: 100_000 });
    assert.deepEqual(parseRetention('--retain', '7d'), { maxAgeMs: 7 * 86_400_000 });
    assert.deepEqual(parseRetention('--retain', '12h, 500'), { maxAgeMs: 12 * 3_600_000, keep: 500 });
    for (const bad of ['', '0', '7w', '-1', '1.5d', '7d,8d', '10,20']) {
      assert.throws(
        () => parseRetention('--retain', bad),
        (error: unknown) =>
          error instanceof InputError && /accepted: a number of deliveries/.test(error.message),
        bad,
      );
    }
    assert.equal(
      describeRetention({ keep: 10, maxAgeMs: 2 * 86_400_000 }),
      'the newest 10 deliveries younger than 2d',
    );
  });

  it('prunes the oldest finished deliveries beyond the count, in batches, never pending ones', () => {
    const store = createDeliveryStore({ path: ':memory:' });
    try {
      const pending = store.insertDelivery(delivery());
      const all = Array.from({ length: 9 }, () => finished(store));
      assert.equal(store.prune({ keep: 5, batch: 2 }), 2);
      assert.equal(store.prune({ keep: 5, batch: 2 }), 2);
      assert.equal(store.prune({ keep: 5, batch: 2 }), 0);
      assert.deepEqual(ids(store), [pending, ...all.slice(4)]);
      assert.equal(store.getDelivery(all[0] as number), undefined);
    } finally {
      store.close();
    }
  });

  it('prunes by age, and a schedule keeps counting what it sent', () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const store = createDeliveryStore({ path: ':memory:', now: () => clock });
    try {
      const schedule = store.insertSchedule({
        name: null,
        status: 'active',
        spec: { target: 'http://127.0.0.1:9/', every: '1h', choice: {}, headers: {}, limit: 10 },
      });
      finished(store, schedule.id);
      finished(store, schedule.id);
      clock = new Date('2026-01-08T00:00:00Z');
      const young = finished(store, schedule.id);
      assert.equal(store.prune({ before: new Date('2026-01-07T00:00:00Z'), batch: 100 }), 2);
      assert.deepEqual(ids(store), [young]);
      assert.equal(store.countDeliveries(schedule.id), 3);
    } finally {
      store.close();
    }
  });

  it('runs off the request path: on timers, batch after batch until the bound holds, then every interval', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const store = createDeliveryStore({ path: ':memory:' });
    const passes: number[] = [];
    try {
      for (let i = 0; i < 25; i++) finished(store);
      const pruner = startPruner({
        store,
        retention: { keep: 10 },
        batch: 4,
        intervalMs: 1_000,
        onPruned: (n) => passes.push(n),
      });
      assert.equal(ids(store).length, 25, 'nothing is pruned synchronously');
      mock.timers.tick(0);
      assert.equal(ids(store).length, 10);
      assert.deepEqual(passes, [15]);
      for (let i = 0; i < 5; i++) finished(store);
      mock.timers.tick(999);
      assert.equal(ids(store).length, 15);
      mock.timers.tick(1);
      assert.equal(ids(store).length, 10);
      assert.deepEqual(passes, [15, 5]);
      pruner.stop();
      finished(store);
      mock.timers.tick(10_000);
      assert.equal(ids(store).length, 11, 'a stopped pruner prunes nothing');
    } finally {
      mock.timers.reset();
      store.close();
    }
  });
});
