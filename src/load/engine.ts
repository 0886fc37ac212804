/**
 * @module load/engine
 * Runs a load plan against its target and returns the report.
 *
 * Open model (a rate): request i is due at start + i/rate, whatever the receiver does. Its latency is measured
 * from that due time, not from when it was actually sent, so a receiver that stalls cannot hide the stall by
 * slowing the sender down (coordinated omission; the wrk2 / k6 constant-arrival-rate idea). Requests due while
 * --max-in-flight are outstanding wait for a slot, and the wait is part of their latency and counted.
 * Closed model (connections, no rate): that many requests in flight, each started as the previous one ends.
 */
import { setImmediate as immediate } from 'node:timers';
import { type BodyPool, createBodyPool, type PooledBody } from './body-pool.ts';
import { createFaultLane } from './fault-lane.ts';
import { createHttpSender, type ErrorKind, type HttpSender, type SendCallbacks } from './http-sender.ts';
import type { LoadPlan } from './plan.ts';
import { RequestHeads } from './raw-lanes.ts';
import { Recorder, type Sample } from './recorder.ts';
import { buildReport, type LoadReport } from './report.ts';

/** A look at a run in progress, for live progress lines. */
export interface LoadProgress {
  elapsedMs: number;
  phase: 'warmup' | 'measuring' | 'draining';
  /** Responses and errors per second over the last interval. */
  rate: number;
  inFlight: number;
  /** Finished requests, warm-up included. */
  finished: number;
  failed: number;
  /** Measured so far; NaN before the first measured response. */
  p50Ms: number;
  p99Ms: number;
}

export interface LoadHooks {
  onProgress?: (progress: LoadProgress) => void;
  progressIntervalMs?: number;
  /** Every finished request, warm-up included (tests look at single latencies). */
  onSample?: (sample: Readonly<Sample>) => void;
  /** Stops the run early; the report covers what ran and says `aborted`. */
  signal?: AbortSignal;
  /** The monotonic clock (ms); performance.now by default. */
  now?: () => number;
  /** Epoch ms for the bodies' times; Date.now by default. */
  epochNow?: () => number;
  /** Built from the plan by default. */
  bodyPool?: BodyPool;
  sender?: HttpSender;
}

/** After the schedule ends, requests still due or in flight get this long beyond one timeout to finish. */
const DRAIN_GRACE_MS = 500;

export async function runLoad(plan: LoadPlan, hooks: LoadHooks = {}): Promise<LoadReport> {
  const now = hooks.now ?? (() => performance.now());
  // Unless the caller brings a sender, the pool builds whole requests, heads included, as this run's lanes
  // would write them: the lanes then send each one without a copy.
  const heads = hooks.sender ? undefined : new RequestHeads(plan.target);
  const pool =
    hooks.bodyPool ??
    createBodyPool({
      tags: plan.tags,
      ...(plan.review ? { review: plan.review } : {}),
      format: plan.format,
      trigger: plan.trigger,
      state: plan.state,
      seed: plan.seed,
      ...(heads ? { requestHead: heads.head.bind(heads) } : {}),
    });
  const sender =
    hooks.sender ??
    createHttpSender({
      target: plan.target,
      connections: plan.connections,
      timeoutMs: plan.timeoutMs,
      lanes: plan.model === 'closed',
    });
  const startedAt = new Date((hooks.epochNow ?? Date.now)());
  const start = now();
  const epochOffset = startedAt.getTime() - start;
  const recorder = new Recorder({
    windowStart: start + plan.warmupMs,
    windowEnd: start + plan.warmupMs + plan.durationMs,
    tags: plan.tags.map((t) => t.tag),
  });

  const faultLane =
    plan.faults && Object.keys(plan.faults).length > 0
      ? createFaultLane({
          plan: plan.faults,
          seed: plan.seed,
          target: plan.target,
          timeoutMs: plan.timeoutMs,
        })
      : undefined;
  const state = { inFlight: 0, stopped: false, delayedByInFlightCap: 0, unfinished: 0 };
  let aborted = false;

  const flights: FlightContext = { now, state, recorder, onSample: hooks.onSample };

  /** Sends one request due at `dueAt` (engine clock) on connection `lane`; `after` runs when it has finished. */
  function fire(dueAt: number, after: () => void, lane?: number): void {
    const lease = pool.next(epochOffset + dueAt);
    state.inFlight++;
    faultLane?.afterRequest(lease.body, lease.contentType, lease.headers);
    const flight = new Flight(flights, lease, dueAt, after);
    sender.send(lease.body, lease.contentType, flight, lane, lease.headers, lease.request);
  }

  const progress = startProgress(hooks, () => ({
    elapsed: now() - start,
    warmupMs: plan.warmupMs,
    durationMs: plan.durationMs,
    inFlight: state.inFlight,
    recorder,
  }));

  const finished = new Promise<number>((resolve) => {
    const scheduleEndMs = plan.warmupMs + plan.durationMs;
    let settled = false;
    const settle = (unfinished: number) => {
      if (settled) return;
      settled = true;
      state.stopped = true;
      clearTimeout(deadline);
      hooks.signal?.removeEventListener('abort', onAbort);
      resolve(unfinished);
    };
    const run =
      plan.model === 'open'
        ? openModel(plan, { start, now, fire, state, settle })
        : closedModel(plan, { start, now, fire, state, settle });
    // A receiver that never answers cannot keep the run going past one timeout after the schedule.
    const deadline = setTimeout(
      () => settle(run.unfinished(false)),
      scheduleEndMs + plan.timeoutMs + DRAIN_GRACE_MS - (now() - start),
    );
    const onAbort = () => {
      aborted = true;
      settle(run.unfinished(true));
    };
    if (hooks.signal?.aborted) onAbort();
    else hooks.signal?.addEventListener('abort', onAbort, { once: true });
  });

  try {
    state.unfinished = await finished;
  } finally {
    progress.stop();
    await (state.inFlight > 0 ? sender.destroy() : sender.close());
  }
  const faults = faultLane ? await faultLane.finish() : undefined;
  const elapsedMs = now() - start;
  const measuredMs = Math.min(plan.durationMs, Math.max(0, elapsedMs - plan.warmupMs));
  return buildReport({
    plan,
    recorder,
    startedAt,
    delayedByInFlightCap: state.delayedByInFlightCap,
    unfinished: state.unfinished,
    measuredMs: aborted ? measuredMs : plan.durationMs,
    warmupMs: aborted ? Math.min(plan.warmupMs, elapsedMs) : plan.warmupMs,
    bodies: { templates: pool.templates, averageBytes: pool.averageBytes },
    aborted,
    ...(faults ? { faults } : {}),
  });
}

interface FlightContext {
  now: () => number;
  state: { inFlight: number; stopped: boolean };
  recorder: Recorder;
  onSample: ((sample: Readonly<Sample>) => void) | undefined;
}

/** One request: its own sample and its own callbacks, so a request costs one object and no closures. */
class Flight implements Sample, SendCallbacks {
  readonly tag: string;
  readonly intendedAt: number;
  sentAt = Number.NaN;
  doneAt = 0;
  status = 0;
  error: ErrorKind | undefined = undefined;
  readonly #run: FlightContext;
  readonly #body: PooledBody;
  /** What the model does next (the same function for every request of a run, so no allocation). */
  readonly #after: () => void;

  constructor(run: FlightContext, body: PooledBody, intendedAt: number, after: () => void) {
    this.#run = run;
    this.#body = body;
    this.tag = body.tag;
    this.intendedAt = intendedAt;
    this.#after = after;
  }

  onSent(): void {
    this.sentAt = this.#run.now();
  }

  onDone(status: number, error: ErrorKind | undefined): void {
    const run = this.#run;
    this.#body.release();
    run.state.inFlight--;
    if (run.state.stopped) return;
    this.doneAt = run.now();
    this.status = status;
    this.error = error;
    run.recorder.record(this);
    run.onSample?.(this);
    this.#after();
  }
}

interface ModelContext {
  start: number;
  now: () => number;
  fire: (dueAt: number, after: () => void, lane?: number) => void;
  state: { inFlight: number; stopped: boolean; delayedByInFlightCap: number };
  /** Ends the run; the number is the measured requests that did not finish. */
  settle: (unfinished: number) => void;
}

interface ModelRun {
  /**
   * Measured requests not finished yet: those in flight and those due but not sent; when the run was stopped
   * early, only those that were due before the stop.
   */
  unfinished: (stoppedEarly: boolean) => number;
}

function openModel(plan: LoadPlan, { start, now, fire, state, settle }: ModelContext): ModelRun {
  const interval = 1000 / (plan.rate as number);
  const total = Math.round(((plan.warmupMs + plan.durationMs) * (plan.rate as number)) / 1000);
  const firstMeasured = Math.ceil(plan.warmupMs / interval);
  let next = 0;
  let timerPending = false;
  /** Set when a due request found the in-flight cap reached; cleared once the backlog is gone. */
  let blockedByCap = false;

  const dueAt = (index: number) => start + index * interval;

  function pump(): void {
    if (state.stopped) return;
    const t = now();
    while (next < total) {
      const due = dueAt(next);
      if (due > t) {
        blockedByCap = false;
        break;
      }
      if (state.inFlight >= plan.maxInFlight) {
        // A finishing request calls pump again.
        blockedByCap = true;
        return;
      }
      if (blockedByCap && next >= firstMeasured) state.delayedByInFlightCap++;
      next++;
      fire(due, pump);
    }
    if (next >= total) {
      if (state.inFlight === 0) settle(0);
      return;
    }
    if (!timerPending) {
      timerPending = true;
      const wait = dueAt(next) - now();
      // setTimeout is late by up to a millisecond or so: sleep most of the wait, then poll through the rest.
      if (wait > 2) setTimeout(onTimer, Math.floor(wait - 1.5));
      else immediate(onTimer);
    }
  }

  function onTimer(): void {
    timerPending = false;
    pump();
  }

  pump();
  return {
    unfinished: (stoppedEarly) => {
      // Stopped early, requests due after the stop were never scheduled: they are not "unfinished".
      const due = stoppedEarly ? Math.min(total, Math.floor((now() - start) / interval) + 1) : total;
      return Math.max(0, due - Math.max(next, firstMeasured)) + state.inFlight;
    },
  };
}

function closedModel(plan: LoadPlan, { start, now, fire, state, settle }: ModelContext): ModelRun {
  const end = start + plan.warmupMs + plan.durationMs;
  // Only the server's owner sets a ceiling: it paces starts, one every 1/ceiling seconds across all workers.
  const spacing = plan.rateCeiling === undefined ? 0 : 1000 / plan.rateCeiling;
  let nextSlot = start;
  let working = plan.connections;

  /**
   * Worker `lane` owns connection `lane`; its next request starts when its previous one has finished, so when
   * the last worker stops nothing is in flight.
   */
  function worker(lane: number): () => void {
    const work = (): void => {
      if (state.stopped) return;
      const t = now();
      if (t >= end) {
        stop();
        return;
      }
      if (spacing > 0) {
        const slot = Math.max(nextSlot, t);
        nextSlot = slot + spacing;
        if (slot > t) {
          setTimeout(startAtSlot, slot - t);
          return;
        }
      }
      fire(t, work, lane);
    };
    const startAtSlot = (): void => {
      if (state.stopped) return;
      const t = now();
      if (t >= end) stop();
      else fire(t, work, lane);
    };
    return work;
  }

  function stop(): void {
    working--;
    if (working === 0) settle(0);
  }

  for (let lane = 0; lane < plan.connections; lane++) worker(lane)();
  return { unfinished: () => state.inFlight };
}

function startProgress(
  hooks: LoadHooks,
  look: () => { elapsed: number; warmupMs: number; durationMs: number; inFlight: number; recorder: Recorder },
): { stop: () => void } {
  const { onProgress } = hooks;
  if (!onProgress) return { stop: () => {} };
  const intervalMs = hooks.progressIntervalMs ?? 1000;
  let lastFinished = 0;
  let lastAt = 0;
  const timer = setInterval(() => {
    const { elapsed, warmupMs, durationMs, inFlight, recorder } = look();
    const latency = recorder.total.latency;
    const measured = latency.totalCount > 0;
    onProgress({
      elapsedMs: elapsed,
      phase: elapsed < warmupMs ? 'warmup' : elapsed < warmupMs + durationMs ? 'measuring' : 'draining',
      rate: ((recorder.finishedAll - lastFinished) * 1000) / Math.max(1, elapsed - lastAt),
      inFlight,
      finished: recorder.finishedAll,
      failed: recorder.failedAll,
      p50Ms: measured ? latency.getValueAtPercentile(50) / 1000 : Number.NaN,
      p99Ms: measured ? latency.getValueAtPercentile(99) / 1000 : Number.NaN,
    });
    lastFinished = recorder.finishedAll;
    lastAt = elapsed;
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
