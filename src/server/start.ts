/**
 * @module server/start
 * `startServer(options)` → `{ url, close() }`: opens the store (marking what a crash left in flight), wires
 * client, deliverer, scheduler and app, listens, resumes stored schedules and, when asked, runs the demo
 * schedule. `close()` stops taking work, lets running attempts finish (each bounded by its timeout), marks
 * what is left `interrupted` and closes the db.
 */
import { isIP } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { ServerPhase } from '../api/deps.ts';
import type { LoadRunLimits } from '../api/load-runs.ts';
import type { SinkAnswerRequest } from '../api/sink-answers.ts';
import { createSinkLog } from '../api/sink-log.ts';
import { createTargetPolicy } from '../api/target-policy.ts';
import {
  type CiSecret,
  type CiWorkflow,
  createCiApi,
  type FailRule,
  parseCiSecret,
  parseFailRule,
  parseWorkflow,
} from '../ci-api/index.ts';
import { parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { createDeliveryClient, DEFAULT_TIMEOUT_MS } from '../delivery/client.ts';
import { lockDbFile } from '../delivery/db-lock.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { describeDelivery } from '../delivery/delivery-line.ts';
import { createFaultInjector } from '../delivery/fault-injector.ts';
import { DEFAULT_RETENTION, type Retention, startPruner } from '../delivery/retention.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../delivery/retry.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import {
  createDeliveryStore,
  type DeliveryDetail,
  type DeliveryStore,
  type RecoveryCounts,
} from '../delivery/store.ts';
import { parseTarget } from '../delivery/target.ts';
import { type FaultsInput, faultPlanOf, faultsSchema } from '../faults/options.ts';
import { type AppType, createApp } from './app.ts';

export interface StartServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Any address other than loopback needs `token`. */
  host?: string;
  /** SQLite file (its directory is created) or `:memory:`. */
  db?: string;
  /** Run the demo schedule: one random Tag every `demoEvery` to `target`, or to this server's /sink. */
  demo?: boolean;
  /** Where the demo sends; default this server's /sink. */
  target?: string;
  demoEvery?: string;
  /** Bearer token for the control API. */
  token?: string;
  /** Patterns a target must match (see target-policy); none allows any target. */
  allowTargets?: readonly string[];
  retryPolicy?: RetryPolicy;
  /**
   * Send `X-CI-Callback-Attempt: 1, 2, …` with every attempt unless a delivery says otherwise. Off by default:
   * CI sends no such header, so a receiver should not come to rely on it.
   */
  attemptHeader?: boolean;
  /** What the built-in /sink answers callbacks that ask nothing themselves (`PUT /sink/response` changes it). */
  sinkResponse?: SinkAnswerRequest;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** One line per finished delivery and per notable event; never secrets. */
  log?: (line: string) => void;
  /** [0, 1) for the schedules' picks. */
  random?: () => number;
  /** Bounds on remote load runs (POST /load-runs); unset ones take LOAD_RUN_LIMIT_DEFAULTS. */
  loadRunLimits?: Partial<LoadRunLimits>;
  /** What the delivery log keeps; older deliveries are pruned in the background. */
  retention?: Retention;
  /** CI's job API (docs/ci-api.md): how long each submitted job takes, e.g. `2s` (the default); a number is seconds. */
  ciJobTime?: string | number;
  /** CI's job API: every queue's callback URL until `PUT /queue/<id>` changes one. */
  ciCallback?: string;
  /** CI's job API: jobs whose Input.Object matches fail with the Code: `missing/*:InputObjectNotExist`. */
  ciFail?: readonly (string | FailRule)[];
  /** CI's job API: workflows and their nodes: `w1=Transcode,Snapshot`. */
  ciWorkflow?: readonly (string | CiWorkflow)[];
  /**
   * CI's job API: verify every request's COS signature with this `SECRET_ID:SECRET_KEY`. Required for CI's paths
   * to answer on a server bound beyond loopback.
   */
  ciSecret?: string | CiSecret;
  /** CI's job API: delivery faults drawn for every job's callback, as `POST /emit` takes them. */
  ciFaults?: FaultsInput;
}

/** The longest processing time a CI job may be given. */
export const MAX_CI_JOB_TIME_MS = 24 * 3_600_000;

export interface RunningServer {
  /** `http://host:port`, no trailing slash. */
  url: string;
  port: number;
  /** What opening the db found in flight at a crash and marked `interrupted`. */
  recovered: RecoveryCounts;
  /** The demo schedule's id, when it runs. */
  demoScheduleId: number | undefined;
  /** CI jobs a restart found unfinished and resumed. */
  resumedCiJobs: number;
  close(): Promise<void>;
}

/** Defaults for programmatic use: a throwaway server for a test suite. `ci-callback serve` has its own. */
export const SERVER_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  db: ':memory:',
  demo: false,
  demoEvery: '5s',
  allowTargets: [] as readonly string[],
  retryPolicy: DEFAULT_RETRY_POLICY,
  attemptHeader: false,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  log: (_line: string) => {},
  random: Math.random,
  retention: DEFAULT_RETENTION,
};

export const DEMO_SCHEDULE_NAME = 'demo';
/**
 * Where the demo sends without --target: the built-in sink, asked to answer 503 now and then (retried, then
 * delivered) and 404 (failed, never retried), so the demo shows retries and failures, not only successes.
 */
export const DEMO_SINK_PATH = '/sink?status=200,503,200,200,200,404';
/** How long a closing server waits for answers still being written after its deliveries ended. */
const CLOSE_GRACE_MS = 1_000;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** Refuses, before anything opens, a bind that would expose an unauthenticated control API. */
export function checkBind(host: string, token: string | undefined): void {
  if (token === '') throw new InputError('token', 'token cannot be empty');
  if (!isLoopback(host) && token === undefined) {
    throw new InputError(
      'host',
      `refusing to listen on ${host} without --token: anyone who can reach it could make this server POST ` +
        'anywhere; give --token SECRET (clients send Authorization: Bearer SECRET), or bind 127.0.0.1',
    );
  }
}

/** `ciFaults` as the API checks `faults`: the same words for the same mistakes. */
function checkedFaults(input: FaultsInput): FaultsInput {
  const result = faultsSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      'ci-faults',
      `ciFaults: ${result.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return result.data;
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InputError('port', `port must be a whole number from 0 to 65535, got ${port}`);
  }
}

function openStore(path: string): DeliveryStore {
  try {
    return createDeliveryStore({ path });
  } catch (error) {
    throw new InputError('db', `cannot open the db '${path}': ${(error as Error).message}`);
  }
}

const urlHost = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);
/** Where this server reaches itself: a wildcard address is not a destination. */
const selfHost = (host: string) => (host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host);

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const settings = { ...SERVER_DEFAULTS, ...options };
  const { host, token, log } = settings;
  checkPort(settings.port);
  checkBind(host, token);
  if (settings.target !== undefined) parseTarget('target', settings.target);
  const targetPolicy = createTargetPolicy(settings.allowTargets);
  // CI's settings are checked before anything opens
  const ciJobTimeMs =
    options.ciJobTime === undefined
      ? undefined
      : parseDuration('ci-job-time', options.ciJobTime, { maxMs: MAX_CI_JOB_TIME_MS });
  const ciFailRules = (options.ciFail ?? []).map((rule) =>
    typeof rule === 'string' ? parseFailRule(rule) : rule,
  );
  const ciWorkflows = (options.ciWorkflow ?? []).map((w) => (typeof w === 'string' ? parseWorkflow(w) : w));
  const ciSecret = typeof options.ciSecret === 'string' ? parseCiSecret(options.ciSecret) : options.ciSecret;
  const ciFaults =
    options.ciFaults === undefined ? undefined : faultPlanOf(checkedFaults(options.ciFaults), 'single');
  const sinkLog = createSinkLog();
  if (options.sinkResponse) sinkLog.answers.set(options.sinkResponse);
  if (options.ciCallback !== undefined) {
    parseTarget('ci-callback', options.ciCallback);
    if (!targetPolicy.allows(options.ciCallback)) {
      throw new InputError(
        'ci-callback',
        `--ci-callback ${options.ciCallback} is not allowed by --allow-target`,
      );
    }
  }

  // One server per db file: a second would resume the same schedules and mark the first's deliveries.
  const lock = settings.db === ':memory:' ? undefined : lockDbFile(settings.db);
  let store: DeliveryStore;
  try {
    store = openStore(settings.db);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const client = createDeliveryClient({ timeoutMs: settings.timeoutMs });
  const pruner = startPruner({ store, retention: settings.retention });
  // one line per finished delivery, composed only when someone reads it
  const logLine = options.log
    ? { onFinished: (delivery: DeliveryDetail) => log(describeDelivery(delivery)) }
    : {};
  const deliverer = createDeliverer({
    store,
    client,
    retryPolicy: settings.retryPolicy,
    attemptHeader: settings.attemptHeader,
    ...logLine,
  });
  const faultInjector = createFaultInjector({
    store,
    timeoutMs: settings.timeoutMs,
    ...logLine,
  });
  const scheduler = createScheduler({
    store,
    deliverer,
    faultInjector,
    random: settings.random,
    onError: (schedule, error) => log(`schedule ${schedule.id}: run skipped: ${error.message}`),
    onDone: (schedule) => log(`schedule ${schedule.id}: sent its limit of ${schedule.spec.limit}, done`),
  });
  const shutdown = new AbortController();
  let phase: ServerPhase = 'starting';
  let ciApi: ReturnType<typeof createCiApi>;
  try {
    ciApi = createCiApi({
      store,
      deliverer,
      targetPolicy,
      ...(ciJobTimeMs !== undefined ? { jobTimeMs: ciJobTimeMs } : {}),
      ...(options.ciCallback !== undefined ? { callback: options.ciCallback } : {}),
      failRules: ciFailRules,
      workflows: ciWorkflows,
      ...(ciSecret ? { secret: ciSecret } : {}),
      ...(isLoopback(host) ? {} : { exposed: true }),
      ...(ciFaults ? { faults: ciFaults } : {}),
      faultInjector,
      log,
      onInternalError: (error) => log(`internal error: ${error.message}`),
    });
  } catch (error) {
    pruner.stop();
    await client.close();
    store.close();
    lock?.release();
    throw error;
  }
  const app: AppType = createApp({
    ciApi,
    store,
    phase: () => phase,
    shutdownSignal: shutdown.signal,
    ...(options.loadRunLimits ? { loadRunLimits: options.loadRunLimits } : {}),
    deliverer,
    faultInjector,
    scheduler,
    sinkLog,
    targetPolicy,
    ...(token === undefined ? {} : { token }),
    onInternalError: (error) => log(`internal error: ${error.message}`),
  });

  const server = createAdaptorServer({ fetch: app.fetch });
  let answering = 0;
  server.on('request', (_request, response: import('node:http').ServerResponse) => {
    answering++;
    response.once('close', () => answering--);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    pruner.stop();
    await client.close();
    store.close();
    lock?.release();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new InputError(
        'port',
        `port ${settings.port} on ${host} is in use; give another --port, or 0 for any`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new InputError('host', `cannot listen on ${host}: no such local address`);
    }
    throw error;
  }
  const { port } = server.address() as import('node:net').AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;

  let demoScheduleId: number | undefined;
  let resumedCiJobs = 0;
  const resumeSchedules = () => {
    resumedCiJobs = ciApi.resume();
    if (resumedCiJobs > 0) log(`resumed ${resumedCiJobs} unfinished CI jobs`);
    const demoSchedule = store.findScheduleByName(DEMO_SCHEDULE_NAME);
    if (settings.demo) {
      const target = settings.target ?? `http://${urlHost(selfHost(host))}:${port}${DEMO_SINK_PATH}`;
      const demo = scheduler.upsertNamed(DEMO_SCHEDULE_NAME, {
        target,
        every: settings.demoEvery,
        choice: {},
        headers: {},
      });
      scheduler.resume(demo.id);
      demoScheduleId = demo.id;
    } else if (demoSchedule?.status === 'active') {
      // a demo left active by an earlier run must not keep sending after --no-demo
      scheduler.pause(demoSchedule.id);
    }
    scheduler.start();
  };

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      phase = 'stopping';
      ciApi.close();
      scheduler.stop();
      pruner.stop();
      shutdown.abort();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await Promise.all([deliverer.drain(), faultInjector.drain()]);
      // let requests that waited on a delivery write their answer (briefly), then drop idle keep-alives
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (answering > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await serverClosed;
      await client.close();
      const left = store.markInterrupted();
      if (left.deliveries > 0) log(`marked ${left.deliveries} unfinished deliveries interrupted`);
      store.close();
      lock?.release();
    })();
    return closing;
  };

  try {
    resumeSchedules();
  } catch (error) {
    // a server that cannot serve does not stay up pretending to
    await close();
    throw error;
  }
  phase = 'serving';
  return { url, port, recovered: store.recovered, demoScheduleId, resumedCiJobs, close };
}
