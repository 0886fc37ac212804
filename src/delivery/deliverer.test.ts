import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Answer, startReceiver } from '../../test/support/receiver.ts';
import { encodeBody } from './body-codec.ts';
import { createDeliveryClient } from './client.ts';
import { createDeliverer, ShuttingDownError } from './deliverer.ts';
import type { NewDelivery } from './model.ts';
import { createDeliveryStore, type DeliveryStore } from './store.ts';

const newDelivery = (target: string): NewDelivery => ({
  target,
  body: '{"EventName":"TaskFinish"}',
  contentType: 'application/json',
  headers: { 'X-Receiver-Secret': 'shh' },
  tag: 'SmartCover',
  format: 'json',
  trigger: 'direct',
  state: 'success',
  seed: 5,
  scheduleId: null,
  replayOf: null,
});

/** A deliverer over a fresh in-memory store whose retry waits are recorded instead of slept. */
function setup(delaysMs: number[] = [10, 20, 30], attemptHeader?: boolean) {
  const store = createDeliveryStore({ path: ':memory:' });
  const client = createDeliveryClient({ timeoutMs: 1_000 });
  const waits: number[] = [];
  const finished: number[] = [];
  const deliverer = createDeliverer({
    store,
    client,
    retryPolicy: { delaysMs },
    ...(attemptHeader === undefined ? {} : { attemptHeader }),
    sleep: async (ms) => {
      waits.push(ms);
    },
    onFinished: (delivery) => finished.push(delivery.id),
  });
  return {
    store,
    deliverer,
    waits,
    finished,
    close: async () => {
      await deliverer.drain();
      await client.close();
      store.close();
    },
  };
}

async function withReceiver(answers: Answer[], body: (url: string, received: () => number) => Promise<void>) {
  const receiver = await startReceiver((_request, index) => answers[index] ?? { status: 200 });
  try {
    await body(receiver.url, () => receiver.received.length);
  } finally {
    await receiver.close();
  }
}

describe('deliverer', () => {
  it('tells subscribers about each step of a delivery, as it is stored, until they unsubscribe', async () => {
    const { deliverer, store, close } = setup([10]);
    try {
      await withReceiver([{ status: 503 }, { status: 200 }], async (url) => {
        const seen: string[] = [];
        const unsubscribe = deliverer.subscribe((id) => {
          const d = store.getDelivery(id);
          seen.push(`${d?.status}:${d?.attempts.map((a) => a.status).join(',')}`);
        });
        const first = await deliverer.deliver(newDelivery(url));
        // Recording a delivery starts its first attempt, and a 2xx finishes the attempt and the delivery in one
        // transaction: each step a subscriber sees is a state the store really held.
        assert.deepEqual(seen, [
          'pending:in_flight', // recorded, attempt 1 starts
          'pending:failed', // 503
          'pending:failed,in_flight', // attempt 2 starts
          'delivered:failed,ok', // the 200, finished
        ]);
        assert.equal(first.status, 'delivered');
        unsubscribe();
        await deliverer.deliver(newDelivery(url));
        assert.equal(seen.length, 4);
      });
    } finally {
      await close();
    }
  });

  it('retries a failing target with backoff until it answers 2xx, numbering each attempt when asked', async () => {
    const { deliverer, waits, finished, close } = setup([10, 20, 30], true);
    const receiver = await startReceiver((_r, index) =>
      index < 2 ? { status: 503, body: 'busy' } : { status: 200 },
    );
    try {
      const result = await deliverer.deliver(newDelivery(receiver.url));
      assert.equal(result.status, 'delivered');
      assert.deepEqual(
        result.attempts.map((a) => [a.number, a.status, a.httpStatus]),
        [
          [1, 'failed', 503],
          [2, 'failed', 503],
          [3, 'ok', 200],
        ],
      );
      assert.equal(result.attempts[0]?.responseSnippet, 'busy');
      assert.deepEqual(waits, [10, 20]);
      assert.deepEqual(
        receiver.received.map((r) => r.headers['x-ci-callback-attempt']),
        ['1', '2', '3'],
      );
      assert.ok(receiver.received.every((r) => r.headers['x-receiver-secret'] === 'shh'));
      assert.deepEqual(finished, [result.id]);
    } finally {
      await receiver.close();
      await close();
    }
  });

  it('sends no X-CI-Callback-Attempt by default: CI sends none, so a receiver must not rely on it', async () => {
    const { deliverer, close } = setup([10]);
    try {
      await withReceiver([{ status: 503 }, { status: 200 }], async (url) => {
        const receiver = await startReceiver(() => ({ status: 200 }));
        try {
          await deliverer.deliver(newDelivery(receiver.url));
          assert.equal(receiver.received[0]?.headers['x-ci-callback-attempt'], undefined);
        } finally {
          await receiver.close();
        }
        const retried = await deliverer.deliver(newDelivery(url));
        assert.equal(retried.attemptCount, 2);
      });
    } finally {
      await close();
    }
  });

  it("follows a delivery's own retry schedule and attempt header over the deliverer's", async () => {
    const { deliverer, waits, close } = setup([10, 20, 30], true);
    const receiver = await startReceiver(() => ({ status: 503 }));
    try {
      const once = await deliverer.deliver({
        ...newDelivery(receiver.url),
        send: { retryPolicy: { delaysMs: [] }, attemptHeader: false },
      });
      assert.equal(once.attemptCount, 1, 'retry none: a single attempt');
      assert.equal(receiver.received[0]?.headers['x-ci-callback-attempt'], undefined);
      const twice = await deliverer.deliver({
        ...newDelivery(receiver.url),
        send: { retryPolicy: { delaysMs: [7] } },
      });
      assert.equal(twice.status, 'failed');
      assert.equal(twice.attemptCount, 2);
      assert.deepEqual(waits, [7]);
      assert.deepEqual(
        receiver.received.slice(1).map((r) => r.headers['x-ci-callback-attempt']),
        ['1', '2'],
      );
      assert.throws(
        () => deliverer.deliver({ ...newDelivery(receiver.url), send: { retryPolicy: { delaysMs: [-1] } } }),
        /retry delays are 0 to 3600000 ms, got -1/,
      );
    } finally {
      await receiver.close();
      await close();
    }
  });

  it('never retries a 4xx', async () => {
    const { deliverer, waits, close } = setup();
    await withReceiver([{ status: 400, body: 'bad' }], async (url, received) => {
      const result = await deliverer.deliver(newDelivery(url));
      assert.equal(result.status, 'failed');
      assert.equal(result.attemptCount, 1);
      assert.equal(result.httpStatus, 400);
      assert.equal(received(), 1);
      assert.deepEqual(waits, []);
    });
    await close();
  });

  it('gives up after the last delay of the policy and keeps every attempt', async () => {
    const { deliverer, close } = setup([5, 5]);
    await withReceiver([{ status: 500 }, { status: 502 }, 'drop', { status: 200 }], async (url, received) => {
      const result = await deliverer.deliver(newDelivery(url));
      assert.equal(result.status, 'failed');
      assert.deepEqual(
        result.attempts.map((a) => a.httpStatus ?? a.error?.kind),
        [500, 502, 'reset'],
      );
      assert.equal(received(), 3);
    });
    await close();
  });

  it('writes the attempt to the store before it runs', async () => {
    const { store, deliverer, close } = setup();
    let seenWhileInFlight: string | undefined;
    const receiver = await startReceiver(() => {
      const [latest] = store.listDeliveries({ limit: 1 });
      seenWhileInFlight = store.getDelivery(latest?.id ?? 0)?.attempts[0]?.status;
      return { status: 204 };
    });
    try {
      await deliverer.deliver(newDelivery(receiver.url));
      assert.equal(seenWhileInFlight, 'in_flight');
    } finally {
      await receiver.close();
      await close();
    }
  });

  it('logs a body already encoded elsewhere as it is given, instead of encoding it again', async () => {
    const { store, deliverer, close } = setup();
    try {
      await withReceiver([], async (url) => {
        // a stored body that differs from the one sent shows which of the two the log kept
        const body = encodeBody('{"from":"the payload thread"}');
        const single = await deliverer.deliver(newDelivery(url), { body });
        const [inOrder] = await deliverer.deliverInOrder([
          Promise.resolve({ delivery: newDelivery(url), body }),
        ]);
        for (const delivery of [single, inOrder]) {
          assert.equal(store.getDelivery(delivery?.id ?? 0)?.request.body, '{"from":"the payload thread"}');
        }
      });
    } finally {
      await close();
    }
  });

  describe('in order', () => {
    const numbered = (url: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({ ...newDelivery(url), body: `{"n":${i}}`, seed: i }));

    it('records each callback before its send (a small batch all at once), and sends them one after another in the order given', async () => {
      const { store, deliverer, close } = setup([10]);
      let loggedAtFirstSend: string[] | undefined;
      // the second callback fails once: the third waits for its retry
      const receiver = await startReceiver((request, index) => {
        loggedAtFirstSend ??= store.listDeliveries({ limit: 10 }).map((d) => d.status);
        return request.body === '{"n":1}' && index === 1 ? { status: 503 } : { status: 200 };
      });
      try {
        const sent = await deliverer.deliverInOrder(numbered(receiver.url, 3));
        assert.deepEqual(loggedAtFirstSend, ['pending', 'pending', 'pending']);
        assert.deepEqual(
          receiver.received.map((r) => r.body),
          ['{"n":0}', '{"n":1}', '{"n":1}', '{"n":2}'],
        );
        assert.deepEqual(
          sent.map((d) => [d.seed, d.status, d.attempts.length]),
          [
            [0, 'delivered', 1],
            [1, 'delivered', 2],
            [2, 'delivered', 1],
          ],
        );
        // ids in the order given, bodies stored as sent
        assert.deepEqual(
          sent.map((d) => d.id),
          [sent[0]?.id, (sent[0]?.id ?? 0) + 1, (sent[0]?.id ?? 0) + 2],
        );
        assert.equal(store.getDelivery(sent[2]?.id ?? 0)?.request.body, '{"n":2}');
      } finally {
        await receiver.close();
        await close();
      }
    });

    it('leaves what a shutdown reaches before it is sent pending, so the log still holds it', async () => {
      const store = createDeliveryStore({ path: ':memory:' });
      const client = createDeliveryClient({ timeoutMs: 1_000 });
      const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [60_000] } });
      const receiver = await startReceiver(() => ({ status: 503 }));
      try {
        const batch = deliverer.deliverInOrder(numbered(receiver.url, 3));
        await receiver.waitFor(1);
        await deliverer.drain();
        const sent = await batch;
        assert.deepEqual(
          sent.map((d) => [d.status, d.attempts.length]),
          [
            ['pending', 1],
            ['pending', 0],
            ['pending', 0],
          ],
        );
        assert.equal(receiver.received.length, 1);
        assert.deepEqual(store.markInterrupted(), { deliveries: 3, attempts: 0 });
        await assert.rejects(deliverer.deliverInOrder(numbered(receiver.url, 1)), ShuttingDownError);
      } finally {
        await receiver.close();
        await client.close();
        store.close();
      }
    });
  });

  it('replays a logged delivery as a new one with the same target, headers and body', async () => {
    const { deliverer, close } = setup();
    await withReceiver([], async (url) => {
      const original = await deliverer.deliver(newDelivery(url));
      const replay = await deliverer.replay(original.id);
      assert.notEqual(replay?.id, original.id);
      assert.equal(replay?.replayOf, original.id);
      assert.deepEqual(replay?.request, original.request);
      assert.equal(replay?.status, 'delivered');
      assert.equal(await deliverer.replay(9_999), undefined);
    });
    await close();
  });

  describe('shutdown', () => {
    let store: DeliveryStore | undefined;
    after(() => store?.close());

    it('cancels retry waits, leaves the delivery for recovery, and refuses new work', async () => {
      store = createDeliveryStore({ path: ':memory:' });
      const client = createDeliveryClient({ timeoutMs: 1_000 });
      // real sleeps, far longer than the test: only the shutdown can end the wait
      const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [60_000] } });
      const receiver = await startReceiver(() => ({ status: 503 }));
      try {
        const pending = deliverer.deliver(newDelivery(receiver.url));
        await receiver.waitFor(1);
        assert.equal(deliverer.inFlight, 1);
        const started = performance.now();
        await deliverer.drain();
        assert.ok(performance.now() - started < 2_000);
        const result = await pending;
        assert.equal(result.status, 'pending');
        assert.deepEqual(store.markInterrupted(), { deliveries: 1, attempts: 0 });
        assert.equal(store.getDelivery(result.id)?.status, 'interrupted');
        await assert.rejects(deliverer.deliver(newDelivery(receiver.url)), ShuttingDownError);
      } finally {
        await receiver.close();
        await client.close();
      }
    });
  });
});
