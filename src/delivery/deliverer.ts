/**
 * @module delivery/deliverer
 * Runs one delivery to its end: attempts through the client, waits between them by the retry policy, and
 * writes each attempt to the store before and after it runs. Tracks what is in flight so a shutdown can stop
 * taking work, cancel retry waits and let running attempts finish.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ATTEMPT_HEADER } from '../core/callback-headers.ts';
import { createListeners } from '../core/listeners.ts';
import type { StoredBody } from './body-codec.ts';
import type { DeliveryClient } from './client.ts';
import { derivedDelivery } from './derived.ts';
import type { NewDelivery } from './model.ts';
import { checkRetryPolicy, DEFAULT_RETRY_POLICY, nextRetryDelay, type RetryPolicy } from './retry.ts';
import type { DeliveryDetail, DeliveryOutcome, DeliveryStore } from './store.ts';

/** A delivery offered while the deliverer is shutting down. */
export class ShuttingDownError extends Error {
  override readonly name = 'ShuttingDownError';
  constructor() {
    super('the server is shutting down and takes no new deliveries');
  }
}

export interface DelivererOptions {
  store: DeliveryStore;
  client: DeliveryClient;
  retryPolicy?: RetryPolicy;
  /**
   * Whether each attempt carries `X-CI-Callback-Attempt: 1, 2, …`. Off by default: CI sends no such header, so
   * a receiver that came to rely on it would break in production. A delivery's own `send` setting wins.
   */
  attemptHeader?: boolean;
  /** Waits between attempts; rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  /** Called once per delivery when it ends (delivered, failed, or cut short by a shutdown). */
  onFinished?: (delivery: DeliveryDetail) => void;
}

export interface Deliverer {
  /**
   * Records the delivery (then `onRecorded` learns its id), then runs its attempts; resolves with the final
   * record. Never rejects on HTTP.
   */
  deliver(delivery: NewDelivery, options?: DeliverOptions): Promise<DeliveryDetail>;
  /**
   * Sends the deliveries one after another, in the order given (each with its retries before the next starts),
   * as `deliver` one at a time would; resolves with every final record. Their bodies are compressed off the
   * event loop, ten at a time, and each is recorded as its body comes back and sent once its record is
   * committed: the first goes out while the worker still compresses the rest. A ComingDelivery is recorded when
   * it comes (with the body made beside it, when there is one).
   */
  deliverInOrder(
    deliveries: readonly (NewDelivery | ComingDelivery)[],
    options?: InOrderOptions,
  ): Promise<DeliveryDetail[]>;
  /** Sends a logged delivery again (same target, headers and body) as a new delivery; undefined if unknown. */
  replay(id: number): Promise<DeliveryDetail | undefined>;
  /** Deliveries whose attempts run or whose retry waits. */
  readonly inFlight: number;
  /** Calls `listener` with a delivery's id whenever it is recorded, an attempt starts or ends, or it ends. */
  subscribe(listener: (deliveryId: number) => void): () => void;
  /** Takes no new work, cancels retry waits, and resolves when every running attempt has ended. */
  drain(): Promise<void>;
}

export interface InOrderOptions {
  /**
   * Record every delivery before the call returns (their bodies compress while the records wait in the log's
   * queue), for a caller that counts from the log right after, like a schedule counting its runs.
   */
  recordNow?: boolean;
}

/**
 * A delivery still being made elsewhere (an emit's payload on the payload thread), with its body as the log
 * stores it when that was made too. It is recorded once it comes, and sent in its place in the order.
 */
export type ComingDelivery = Promise<{ delivery: NewDelivery; body?: StoredBody }>;

export interface DeliverOptions {
  /** Called with the delivery's id once it is in the log, before its first attempt ends. */
  onRecorded?: (deliveryId: number) => void;
  /** The body as the log stores it, when it was already encoded (on the payload thread). */
  body?: StoredBody;
}

const DELIVERER_DEFAULTS = {
  retryPolicy: DEFAULT_RETRY_POLICY,
  attemptHeader: false,
  sleep: (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }),
};

export function createDeliverer(options: DelivererOptions): Deliverer {
  const { store, client, retryPolicy, attemptHeader, sleep, onFinished } = {
    ...DELIVERER_DEFAULTS,
    ...options,
  };
  checkRetryPolicy(retryPolicy);
  // how a delivery is sent is not logged (a replay takes the server's settings)
  const loggedPart = ({ send: _send, ...record }: NewDelivery) => record;
  const running = new Set<Promise<DeliveryDetail>>();
  const shutdown = new AbortController();
  const changes = createListeners<number>();

  // A delivery that succeeds at once writes its record (committed before it is sent), its attempt's start and its
  // end, each batched with other deliveries' writes; what nobody waits for is committed with the next
  // transaction, at most COMMIT_DELAY_MS later (a server commits before it answers, so what it answered is in).
  /** `recorded`: resolves once the delivery's record is committed; it is not sent before. */
  async function run(
    id: number,
    delivery: NewDelivery,
    recorded: Promise<void>,
    firstAttemptId?: number,
  ): Promise<DeliveryDetail> {
    const request = { url: delivery.target, body: delivery.body, contentType: delivery.contentType };
    const policy = delivery.send?.retryPolicy ?? retryPolicy;
    const withAttemptHeader = delivery.send?.attemptHeader ?? attemptHeader;
    let ended: DeliveryOutcome | undefined;
    for (let attempt = 1; !shutdown.signal.aborted; attempt++) {
      const attemptId =
        attempt === 1 && firstAttemptId !== undefined ? firstAttemptId : store.startAttempt(id, attempt);
      if (attemptId !== firstAttemptId) changes.notify(id);
      // in the log before it is sent: a crash from here on leaves it `interrupted`, not unknown. The attempt's
      // own row rides with the next transaction.
      if (attempt === 1) await recorded;
      const outcome = await client.send(
        { ...request, headers: delivery.headers },
        withAttemptHeader ? { [ATTEMPT_HEADER]: String(attempt) } : {},
      );
      if (outcome.ok) {
        ended = store.finishAttempt(attemptId, outcome, { deliveryId: id, status: 'delivered' });
        break;
      }
      const wait = nextRetryDelay(policy, attempt, outcome);
      if (wait === undefined) {
        ended = store.finishAttempt(attemptId, outcome, { deliveryId: id, status: 'failed' });
        break;
      }
      store.finishAttempt(attemptId, outcome);
      changes.notify(id);
      // a shutdown cancels the wait; the delivery stays pending and is marked interrupted at close
      const waited = await sleep(wait, shutdown.signal).then(
        () => true,
        () => false,
      );
      if (!waited) break;
    }
    // the request is the one just sent and the outcome the one just written: nothing is read back
    const outcome = ended ?? (store.getOutcome(id) as DeliveryOutcome);
    const detail: DeliveryDetail = {
      ...outcome,
      request: { contentType: delivery.contentType, headers: delivery.headers, body: delivery.body },
    };
    changes.notify(id);
    onFinished?.(detail);
    return detail;
  }

  function track(promise: Promise<DeliveryDetail>): Promise<DeliveryDetail> {
    running.add(promise);
    const forget = () => running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  function deliver(delivery: NewDelivery, options: DeliverOptions = {}): Promise<DeliveryDetail> {
    if (shutdown.signal.aborted) return Promise.reject(new ShuttingDownError());
    if (delivery.send?.retryPolicy) checkRetryPolicy(delivery.send.retryPolicy);
    const { id, attemptId } = store.insertDeliveryWithAttempt(loggedPart(delivery), options.body);
    options.onRecorded?.(id);
    changes.notify(id);
    return track(run(id, delivery, store.committed(), attemptId));
  }

  function deliverInOrder(
    deliveries: readonly (NewDelivery | ComingDelivery)[],
    { recordNow = false }: InOrderOptions = {},
  ): Promise<DeliveryDetail[]> {
    if (shutdown.signal.aborted) return Promise.reject(new ShuttingDownError());
    for (const delivery of deliveries)
      if (!(delivery instanceof Promise) && delivery.send?.retryPolicy)
        checkRetryPolicy(delivery.send.retryPolicy);
    const record = (delivery: NewDelivery, body?: StoredBody) => {
      const id = store.insertDelivery(loggedPart(delivery), body);
      changes.notify(id);
      return { id, delivery, recorded: store.committed() };
    };
    const encoded = (delivery: NewDelivery) =>
      store.encodeBody(delivery.body).then((body) => record(delivery, body));
    // recorded as its body comes back (the workers answer in order, so ids follow the order given), or now
    const records = deliveries.map((item) => {
      if (!(item instanceof Promise)) return recordNow ? Promise.resolve(record(item)) : encoded(item);
      return item.then(({ delivery, body }) => {
        if (delivery.send?.retryPolicy) checkRetryPolicy(delivery.send.retryPolicy);
        return body ? record(delivery, body) : encoded(delivery);
      });
    });
    let previous: Promise<unknown> = Promise.resolve();
    const sent = records.map((recorded) => {
      // each starts when the one before it has ended; one the shutdown reaches first stays pending
      const promise = Promise.all([recorded, previous]).then(([{ id, delivery, recorded }]) =>
        run(id, delivery, recorded),
      );
      previous = promise;
      return track(promise);
    });
    return Promise.all(sent);
  }

  return {
    deliver,
    deliverInOrder,
    async replay(id) {
      const original = store.getDelivery(id);
      if (!original) return undefined;
      return deliver(derivedDelivery(original, { replayOf: original.id }));
    },
    get inFlight() {
      return running.size;
    },
    subscribe: (listener) => changes.subscribe(listener),
    async drain() {
      shutdown.abort();
      await Promise.allSettled([...running]);
    },
  };
}
