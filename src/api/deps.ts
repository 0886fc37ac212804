/**
 * @module api/deps
 * What the HTTP app is built from: every piece of I/O is passed in, so tests build the app around an
 * in-memory store and call it with `app.request()`.
 */
import type { Deliverer } from '../delivery/deliverer.ts';
import type { FaultInjector } from '../delivery/fault-injector.ts';
import type { Scheduler } from '../delivery/scheduler.ts';
import type { DeliveryStore } from '../delivery/store.ts';
import type { LoadRunLimits } from './load-runs.ts';
import type { SinkLog } from './sink-log.ts';
import type { TargetPolicy } from './target-policy.ts';

export type ServerPhase = 'starting' | 'serving' | 'stopping';

export interface AppDeps {
  store: DeliveryStore;
  deliverer: Deliverer;
  scheduler: Scheduler;
  sinkLog: SinkLog;
  targetPolicy: TargetPolicy;
  /** Sends the extra deliveries of `faults`; without one, emit makes its own (not drained at shutdown). */
  faultInjector?: FaultInjector;
  /** Bearer token required by the control API (not by /health and /sink); none leaves it open. */
  token?: string;
  /** Bounds on `/load-runs` set by the server's owner; unset ones take LOAD_RUN_LIMIT_DEFAULTS. */
  loadRunLimits?: Partial<LoadRunLimits>;
  /** Aborted when the server shuts down: stops load runs in progress. */
  shutdownSignal?: AbortSignal;
  /** Where the server is in its life; /health answers 503 unless `serving`. Always serving when unset. */
  phase?: () => ServerPhase;
  /** Called with an unexpected error a request ran into (the client gets a 500 problem without details). */
  onInternalError?: (error: Error) => void;
}
