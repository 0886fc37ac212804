/**
 * @module delivery/fault-injector
 * Faults on real deliveries (emit, send, schedules). The callback itself is always delivered as usual, with
 * its retries — a faulted send is still at-least-once — and each fault picked for it adds an extra delivery
 * that points at it (`duplicate of #12`, `malformed/cut-short of #12`), recorded when picked and sent after the
 * fault's delay, once, over the raw transport so its bytes are exactly the fault's.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Format } from '../core/types.ts';
import {
  type CallbackBody,
  contentTypeCases,
  formatOf,
  largeCases,
  malformedCases,
  reorderedElementsCases,
  type ShapedBody,
  specialCharsCases,
  unknownFieldsCases,
  unknownTagCases,
} from '../faults/body-shapes.ts';
import type { FaultName } from '../faults/catalog.ts';
import { faultDefinition } from '../faults/catalog.ts';
import { chooseFaults, pickCase } from '../faults/choice.ts';
import type { FaultPlan } from '../faults/options.ts';
import { derivedDelivery } from './derived.ts';
import { attemptOutcomeOf, type BodyShape, sendRaw } from './fault-transport.ts';
import type { DeliveryDetail, DeliveryStore } from './store.ts';

/** One extra delivery a fault adds: its name (`fault/case`), body, Content-Type and how the body goes out. */
export interface FaultedSend {
  fault: string;
  body: string;
  contentType: string | null;
  shape: BodyShape;
}

/** Which faults to draw, and the draws: seeded by the caller so the same seed picks the same faults. */
export interface FaultDraw {
  plan: FaultPlan;
  /** [0, 1) like Math.random. */
  random: () => number;
}

export interface FaultInjectorOptions {
  store: DeliveryStore;
  /** How long a faulted request waits for an answer (default 10 s); slow-body dribbles over a fifth of it. */
  timeoutMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  send?: typeof sendRaw;
  /** Called as each extra delivery ends. */
  onFinished?: (delivery: DeliveryDetail) => void;
}

export interface ExtraDeliveries {
  extras: { id: number; fault: string; faultOf: number }[];
  done: Promise<DeliveryDetail[]>;
}

export interface FaultInjector {
  /**
   * Picks the faults for a delivered callback and records their extra deliveries now (pending): their ids, and
   * a promise of their records once sent (never rejects on HTTP).
   */
  afterDelivery(original: DeliveryDetail, draw: FaultDraw): ExtraDeliveries;
  /** Extra deliveries recorded and not yet ended (waiting for their delay or being sent). */
  readonly inFlight: number;
  /** How many extra deliveries each fault added so far, by `fault/case`. */
  counts(): Record<string, number>;
  /** Cancels delays not yet over (their deliveries stay pending, then interrupted) and waits for sends running. */
  drain(): Promise<void>;
}

const BODY_CASES: Partial<Record<FaultName, (callback: CallbackBody) => ShapedBody[]>> = {
  'content-type': contentTypeCases,
  malformed: malformedCases,
  'unknown-fields': unknownFieldsCases,
  'reordered-elements': reorderedElementsCases,
  'unknown-tag': unknownTagCases,
  'special-chars': specialCharsCases,
};

/** The extra request a fault makes of a callback; `random` picks the case. */
export function faultedSend(
  name: FaultName,
  callback: CallbackBody & { seed: number | null },
  random: () => number,
  slowBodyMs: number,
): FaultedSend {
  const whole: BodyShape = { kind: 'whole' };
  const half = Math.floor(Buffer.byteLength(callback.body) / 2);
  const shapeCases = BODY_CASES[name];
  if (shapeCases) {
    const shaped = pickCase(shapeCases(callback), random);
    return {
      fault: `${name}/${shaped.case}`,
      body: shaped.body,
      contentType: shaped.contentType,
      shape: whole,
    };
  }
  switch (name) {
    case 'duplicate':
      return { fault: name, body: callback.body, contentType: callback.contentType, shape: whole };
    case 'large': {
      const format: Format = formatOf(callback.contentType);
      const [shaped] = largeCases({ seed: callback.seed ?? 0, format });
      const { body, contentType } = shaped as ShapedBody;
      return { fault: `${name}/${(shaped as ShapedBody).case}`, body, contentType, shape: whole };
    }
    case 'slow-body': {
      const stalled = random() < 0.5;
      return {
        fault: stalled ? 'slow-body/stalled' : 'slow-body/dribbled',
        body: callback.body,
        contentType: callback.contentType,
        shape: stalled
          ? { kind: 'stall', afterBytes: half }
          : { kind: 'dribble', chunks: 8, overMs: slowBodyMs },
      };
    }
    case 'truncated': {
      const reset = random() < 0.5;
      return {
        fault: reset ? 'truncated/reset' : 'truncated/short-body',
        body: callback.body,
        contentType: callback.contentType,
        shape: reset ? { kind: 'reset', afterBytes: half } : { kind: 'short', afterBytes: half },
      };
    }
    default:
      throw new Error(`fault '${name}' does not shape a single delivery`);
  }
}

export function createFaultInjector(options: FaultInjectorOptions): FaultInjector {
  const { store, onFinished } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }));
  const send = options.send ?? sendRaw;
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();
  const counted: Record<string, number> = {};
  const perDelivery = (name: FaultName) => faultDefinition(name).perDelivery;

  async function sendOne(id: number, original: DeliveryDetail, extra: FaultedSend, waitMs: number) {
    if (waitMs > 0) {
      const waited = await sleep(waitMs, shutdown.signal).then(
        () => true,
        () => false,
      );
      if (!waited) return undefined;
    }
    const attemptId = store.startAttempt(id, 1);
    await store.committed();
    const outcome = await send({
      url: original.target,
      body: extra.body,
      contentType: extra.contentType,
      headers: original.request.headers,
      shape: extra.shape,
      timeoutMs,
    });
    const attempt = attemptOutcomeOf(outcome);
    store.finishAttempt(attemptId, attempt);
    store.finishDelivery(id, attempt.ok ? 'delivered' : 'failed');
    const detail = store.getDelivery(id) as DeliveryDetail;
    onFinished?.(detail);
    return detail;
  }

  return {
    afterDelivery(original, { plan, random }) {
      if (shutdown.signal.aborted) return { extras: [], done: Promise.resolve([]) };
      const extras: ExtraDeliveries['extras'] = [];
      const chosen = chooseFaults(plan, random, perDelivery);
      const callback = {
        body: original.request.body,
        contentType: original.request.contentType,
        seed: original.seed,
      };
      const sends = chosen.map((name) => {
        const extra = faultedSend(name, callback, random, Math.min(2_000, Math.round(timeoutMs / 5)));
        counted[extra.fault] = (counted[extra.fault] ?? 0) + 1;
        const record = derivedDelivery(original, {
          body: extra.body,
          contentType: extra.contentType ?? '',
          replayOf: null,
          fault: extra.fault,
          faultOf: original.id,
        });
        const id = store.insertDelivery(record);
        extras.push({ id, fault: extra.fault, faultOf: original.id });
        const promise = sendOne(id, original, extra, plan[name]?.delayMs ?? 0);
        running.add(promise);
        const forget = () => running.delete(promise);
        promise.then(forget, forget);
        return promise;
      });
      const done = Promise.all(sends).then((all) => all.filter((d): d is DeliveryDetail => d !== undefined));
      return { extras, done };
    },
    counts: () => ({ ...counted }),
    get inFlight() {
      return running.size;
    },
    async drain() {
      shutdown.abort();
      await Promise.allSettled([...running]);
    },
  };
}
