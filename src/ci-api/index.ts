/**
 * @module ci-api
 * CI's own job API on the fixture server: `createCiApi(options)` wires the configuration, the job book, the
 * workflow runs and the router, over the server's delivery store and deliverer. The server mounts `router` at
 * the root of its origin, resumes what a restart left unfinished and closes it before draining deliveries.
 */
import type { Context } from 'hono';
import type { TargetPolicy } from '../api/target-policy.ts';
import { InputError } from '../core/errors.ts';
import type { FaultInjector } from '../delivery/fault-injector.ts';
import { maskTarget } from '../delivery/mask-target.ts';
import type { DeliveryStore } from '../delivery/store.ts';
import type { FaultPlan } from '../faults/options.ts';
import { type CiConfig, type CiWorkflow, createCiConfig, type FailRule } from './ci-config.ts';
import { CI_ERRORS } from './ci-error.ts';
import { ciControlRouter } from './control-routes.ts';
import { type CiClock, createJobBook, type JobBook, type JobDeliverer, type Location } from './job-book.ts';
import { ciApiRouter } from './routes.ts';
import { type CiSecret, verifyCosSignature } from './signature.ts';
import { createWorkflowRuns, type WorkflowRuns } from './workflow-runs.ts';

export {
  type CiWorkflow,
  checkFailRule,
  checkWorkflow,
  type FailRule,
  parseFailRule,
  parseWorkflow,
} from './ci-config.ts';
export { jobSummary } from './control-routes.ts';
export { CI_JOB_STATES, type CiJob, type CiJobState, DEFAULT_CI_JOB_TIME_MS } from './job-book.ts';
export { isCiApiPath } from './routes.ts';
export { type CiSecret, parseCiSecret } from './signature.ts';

/** Where inputs live when the Host header names no bucket (loopback): CI's doc samples' bucket. */
export const DEFAULT_LOCATION: Location = { bucket: 'examplebucket-1250000000', region: 'ap-chongqing' };

export interface CiApiOptions {
  store: Pick<DeliveryStore, 'saveCiRecord' | 'listCiRecords' | 'pruneCiRecords'>;
  deliverer: JobDeliverer;
  targetPolicy: Pick<TargetPolicy, 'allows' | 'patterns'>;
  /** Processing time of every job (ms). */
  jobTimeMs?: number;
  /** Every queue's callback URL (`--ci-callback`). */
  callback?: string;
  failRules?: readonly FailRule[];
  workflows?: readonly CiWorkflow[];
  /** Verify the COS signature of every request with this pair. */
  secret?: CiSecret;
  /**
   * The server is reachable beyond loopback: CI's paths then need `secret` (anyone who can reach them could make
   * the server call back anywhere), and refuse every request without one.
   */
  exposed?: boolean;
  /** Delivery faults drawn for every job's callback, sent by `faultInjector`. */
  faults?: FaultPlan;
  faultInjector?: Pick<FaultInjector, 'afterDelivery'>;
  clock?: CiClock;
  location?: Location;
  log?: (line: string) => void;
  onInternalError?: (error: Error) => void;
}

export interface CiApi {
  config: CiConfig;
  book: JobBook;
  runs: WorkflowRuns;
  /** CI's paths, mounted at the root. */
  router: ReturnType<typeof ciApiRouter>;
  /** The control API's routes for it (JSON, documented), mounted at `/ci`. */
  controlRouter: ReturnType<typeof ciControlRouter>;
  /** Loads what the db holds and schedules unfinished jobs; returns how many were resumed. */
  resume(): number;
  close(): void;
}

export function createCiApi(options: CiApiOptions): CiApi {
  const { store, deliverer, targetPolicy } = options;
  const refused = (url: string) =>
    `callback '${maskTarget(url)}' is not allowed by this server; accepted: URLs matching ${targetPolicy.patterns.join(', ')}`;
  const config = createCiConfig({
    ...(options.callback !== undefined ? { callback: options.callback } : {}),
    failRules: options.failRules ?? [],
    workflows: options.workflows ?? [],
    ...(options.faults ? { faults: options.faults } : {}),
    checkTarget: (url) => {
      if (!targetPolicy.allows(url)) throw new InputError('ci-callback', refused(url));
    },
  });
  const clock = options.clock ? { clock: options.clock } : {};
  const log = options.log ? { log: options.log } : {};
  const book = createJobBook({
    config,
    store,
    deliverer,
    ...(options.jobTimeMs !== undefined ? { jobTimeMs: options.jobTimeMs } : {}),
    ...(options.faultInjector ? { faultInjector: options.faultInjector } : {}),
    ...clock,
    ...log,
  });
  const runs = createWorkflowRuns({ config, book, store, deliverer, ...clock, ...log });
  const secret = options.secret;
  const verify = secret
    ? (c: Context) => verifyCosSignature(c, secret, options.clock?.now() ?? Date.now())
    : options.exposed
      ? () => {
          throw CI_ERRORS.accessDenied(
            'this server listens beyond loopback: its CI job API answers only when started with --ci-secret ID:KEY (the pair your SDK signs with)',
          );
        }
      : undefined;
  const router = ciApiRouter({
    book,
    runs,
    config,
    location: options.location ?? DEFAULT_LOCATION,
    checkCallback: (url) => {
      if (!targetPolicy.allows(url)) throw CI_ERRORS.accessDenied(refused(url));
    },
    ...(verify ? { verify } : {}),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  return {
    config,
    book,
    runs,
    router,
    controlRouter: ciControlRouter({
      config,
      book,
      checkTarget: (url) => {
        if (!targetPolicy.allows(url)) throw new InputError('callback', refused(url));
      },
    }),
    resume() {
      runs.resume();
      const resumed = book.resume();
      runs.settle();
      return resumed;
    },
    close: () => book.close(),
  };
}
