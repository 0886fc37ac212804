import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startReceiver } from '../../test/support/receiver.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { createFaultInjector } from '../delivery/fault-injector.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { createApp } from '../server/app.ts';
import { createSinkLog } from './sink-log.ts';
import { createTargetPolicy } from './target-policy.ts';

function testApp() {
  const store = createDeliveryStore({ path: ':memory:' });
  const client = createDeliveryClient({ timeoutMs: 1000 });
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const faultInjector = createFaultInjector({ store, timeoutMs: 1000 });
  const scheduler = createScheduler({ store, deliverer, faultInjector });
  const app = createApp({
    store,
    deliverer,
    faultInjector,
    scheduler,
    sinkLog: createSinkLog({ capacity: 5 }),
    targetPolicy: createTargetPolicy(),
  });
  const close = async () => {
    scheduler.stop();
    await Promise.all([deliverer.drain(), faultInjector.drain()]);
    await client.close();
    store.close();
  };
  return { app, store, faultInjector, close };
}

const postJson = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Waits (bounded) until the injector has sent every extra delivery. */
async function settled(injector: { inFlight: number }) {
  for (let i = 0; i < 200 && injector.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(injector.inFlight, 0);
}

describe('faults over the HTTP API', async () => {
  const receiver = await startReceiver();
  const { app, store, faultInjector, close } = testApp();
  after(async () => {
    await close();
    await receiver.close();
  });

  it('POST /emit: each fault adds an extra delivery that points at the original, recorded in the log', async () => {
    const response = await app.request(
      '/emit',
      postJson({
        target: receiver.url,
        tag: 'Transcode',
        seed: 3,
        faults: { duplicate: { probability: 1, delayMs: 0 }, malformed: 1 },
      }),
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      deliveries: { id: number; fault: string | null }[];
      faultDeliveries: { id: number; fault: string; faultOf: number }[];
    };
    const original = body.deliveries[0]?.id as number;
    assert.equal(body.deliveries[0]?.fault, null);
    assert.deepEqual(
      body.faultDeliveries.map((d) => [d.fault.split('/')[0], d.faultOf]),
      [
        ['duplicate', original],
        ['malformed', original],
      ],
    );
    await settled(faultInjector);
    const duplicate = store.getDelivery(body.faultDeliveries[0]?.id as number);
    assert.equal(duplicate?.status, 'delivered');
    assert.equal(duplicate?.request.body, store.getDelivery(original)?.request.body);
    const listed = await app.request(`/deliveries/${body.faultDeliveries[1]?.id}`);
    const malformed = (await listed.json()) as { fault: string; faultOf: number; request: { body: string } };
    assert.match(
      malformed.fault,
      /^malformed\/(cut-short|unclosed-element|trailing-garbage|empty|wrong-root)$/,
    );
    assert.equal(malformed.faultOf, original);
    assert.notEqual(malformed.request.body, duplicate?.request.body);
    assert.equal(receiver.received.length, 3);
  });

  it('POST /emit: the same seed draws the same faults', async () => {
    const draw = async () => {
      const response = await app.request(
        '/emit',
        postJson({
          target: receiver.url,
          tag: 'Snapshot',
          count: 6,
          seed: 9,
          faults: { unknownFields: 0.5 },
        }),
      );
      const body = (await response.json()) as {
        faultDeliveries: { faultOf: number }[];
        deliveries: { id: number }[];
      };
      const first = body.deliveries[0]?.id as number;
      return body.faultDeliveries.map((d) => d.faultOf - first);
    };
    const once = await draw();
    assert.deepEqual(await draw(), once);
    assert.ok(once.length > 0 && once.length < 6, `${once.length} of 6 picked at 50%`);
    await settled(faultInjector);
  });

  it('POST /emit: reorder sends the batch in reverse and marks each delivery', async () => {
    const before = receiver.received.length;
    const response = await app.request(
      '/emit',
      postJson({ target: receiver.url, tag: 'Transcode', count: 3, seed: 100, faults: { reorder: true } }),
    );
    const body = (await response.json()) as { deliveries: { seed: number; fault: string }[] };
    assert.deepEqual(
      body.deliveries.map((d) => [d.seed, d.fault]),
      [
        [102, 'reorder/reverse'],
        [101, 'reorder/reverse'],
        [100, 'reorder/reverse'],
      ],
    );
    assert.equal(receiver.received.length, before + 3);
  });

  it('refuses an unknown fault, and a batch fault on a schedule, saying what is accepted', async () => {
    const unknown = await app.request(
      '/emit',
      postJson({ target: receiver.url, tag: 'Transcode', faults: { dupe: 1 } }),
    );
    assert.equal(unknown.status, 400);
    assert.match(
      JSON.stringify(await unknown.json()),
      /unknown fault 'dupe'; accepted fault names: duplicate/,
    );
    const burst = await app.request(
      '/schedules',
      postJson({ target: receiver.url, every: '1h', faults: { burst: 1 } }),
    );
    assert.equal(burst.status, 400);
    assert.match(JSON.stringify(await burst.json()), /fault 'burst' shapes a batch/);
  });

  it('a schedule with faults sends each run, then its faulted extras', async () => {
    const before = receiver.received.length;
    const created = await app.request(
      '/schedules',
      postJson({
        target: receiver.url,
        every: '50ms',
        limit: 1,
        tags: ['Snapshot'],
        faults: { duplicate: 1 },
      }),
    );
    assert.equal(created.status, 201);
    const schedule = (await created.json()) as { id: number; faults: unknown };
    assert.deepEqual(schedule.faults, { duplicate: { probability: 1, delayMs: 0 } });
    const received = await receiver.waitFor(before + 2);
    assert.equal(received[before]?.body, received[before + 1]?.body);
    await settled(faultInjector);
    const [extra, run] = store.listDeliveries({ limit: 2 });
    assert.equal(run?.scheduleId, schedule.id);
    assert.equal(extra?.fault, 'duplicate');
    assert.equal(extra?.faultOf, run?.id);
    assert.equal(store.countDeliveries(schedule.id), 1, 'the extra is not one of the schedule’s runs');
  });
});
