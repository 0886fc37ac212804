/**
 * @module api/load-runs
 * `/load-runs`: drive a receiver with the load engine from afar. `POST /load-runs` checks the request against
 * the limits the server's owner set (duration, rate, connections, one run at a time by default), starts the run
 * in the background and answers 202 with its id; `GET /load-runs/:id` shows its status and, once done, the
 * report (the same JSON as `ci-callback load --json`). Runs live in memory; the latest few are kept.
 */

import { randomUUID } from 'node:crypto';
import { faultPlanOf } from '../faults/options.ts';
import { type LoadHooks, type LoadProgress, runLoad } from '../load/engine.ts';
import { describeTarget, LOAD_DEFAULTS, type LoadPlan, resolveLoadPlan } from '../load/plan.ts';
import type { LoadReport } from '../load/report.ts';
import { type LoadRunBody, loadRunBody } from '../load/run-request.ts';
import {
  evaluateThresholds,
  parseThresholds,
  type Threshold,
  type ThresholdResult,
} from '../load/thresholds.ts';
import { apiRouter } from './api-route.ts';
import { PROBLEMS } from './problem.ts';
import { loadRunSchema, loadRunStartedSchema } from './responses.ts';
import { createRunBook } from './run-book.ts';
import { locate, runOrNotFound, runRoutes } from './run-routes.ts';
import { createTargetPolicy, type TargetPolicy } from './target-policy.ts';

export interface LoadRunLimits {
  /** Longest run accepted, warm-up included. */
  maxDurationSeconds: number;
  /** Highest open-model rate accepted; closed-model runs are paced so they never go faster. */
  maxRate: number;
  maxConnections: number;
  /** Runs at once; more are refused with 409. */
  maxConcurrentRuns: number;
}

export const LOAD_RUN_LIMIT_DEFAULTS: LoadRunLimits = {
  maxDurationSeconds: 60,
  maxRate: 1_000,
  maxConnections: 64,
  maxConcurrentRuns: 1,
};

export interface LoadRunsOptions {
  /** Unset limits take LOAD_RUN_LIMIT_DEFAULTS. */
  limits?: Partial<LoadRunLimits>;
  /** Where runs may be aimed; every target by default. */
  targetPolicy?: TargetPolicy;
  /** Aborting it stops every run (e.g. when the server shuts down). */
  signal?: AbortSignal;
  /** Finished runs kept for GET; the oldest are forgotten first. */
  keepFinished?: number;
  /** Injected in tests. */
  runLoad?: typeof runLoad;
  newId?: () => string;
}

type RunStatus = 'running' | 'done' | 'failed';

export interface LoadRun {
  id: string;
  status: RunStatus;
  target: string;
  model: LoadPlan['model'];
  startedAt: string;
  finishedAt: string | null;
  /** Seconds the run is planned to last, warm-up included. */
  expectedSeconds: number;
  /** The latest look at the run while it goes (once a second); null before the first. */
  progress: LoadProgress | null;
  report: LoadReport | null;
  thresholds: ThresholdResult[] | null;
  /** With thresholds: whether none was crossed. */
  passed: boolean | null;
  error: string | null;
}

/** The load runs of one server: started within its owner's limits, kept in memory, followed live. */
export interface LoadRuns {
  readonly limits: LoadRunLimits;
  /** Checks the request against the limits and starts the run in the background. */
  start(body: LoadRunBody): LoadRun;
  get(id: string): LoadRun | undefined;
  /** Newest first. */
  list(): LoadRun[];
  /** Calls `listener` with a run each time it progresses or ends. */
  subscribe(listener: (run: LoadRun) => void): () => void;
  readonly keepFinished: number;
}

export function createLoadRuns(options: LoadRunsOptions = {}): LoadRuns {
  const limits = { ...LOAD_RUN_LIMIT_DEFAULTS, ...options.limits };
  const targetPolicy = options.targetPolicy ?? createTargetPolicy();
  const run = options.runLoad ?? runLoad;
  const newId = options.newId ?? randomUUID;
  const keepFinished = options.keepFinished ?? 20;
  const book = createRunBook<LoadRun>(keepFinished);

  function planFor(body: LoadRunBody): LoadPlan {
    targetPolicy.check(body.target);
    // Defaults the caller left out stay within this server's limits.
    const plan = resolveLoadPlan({
      ...body,
      duration: body.duration ?? Math.min(LOAD_DEFAULTS.durationMs / 1000, limits.maxDurationSeconds),
      ...(body.rate !== undefined && body.connections === undefined
        ? { connections: Math.min(LOAD_DEFAULTS.openModelConnections, limits.maxConnections) }
        : {}),
    });
    // A left-out warm-up (the CLI's default second, so both check and word everything alike) is shortened to
    // what the duration leaves of the longest run.
    if (body.warmup === undefined) {
      plan.warmupMs = Math.max(
        0,
        Math.min(LOAD_DEFAULTS.warmupMs, limits.maxDurationSeconds * 1000 - plan.durationMs),
      );
    }
    const seconds = (plan.durationMs + plan.warmupMs) / 1000;
    if (seconds > limits.maxDurationSeconds) {
      throw PROBLEMS.badRequest(
        `duration (with warm-up) is ${seconds} s; accepted: at most ${limits.maxDurationSeconds} s on this server`,
        ['duration'],
      );
    }
    if (plan.rate !== undefined && plan.rate > limits.maxRate) {
      throw PROBLEMS.badRequest(
        `rate is ${plan.rate} req/s; accepted: at most ${limits.maxRate} on this server`,
        ['rate'],
      );
    }
    if (plan.connections > limits.maxConnections) {
      throw PROBLEMS.badRequest(
        `connections is ${plan.connections}; accepted: at most ${limits.maxConnections} on this server`,
        ['connections'],
      );
    }
    if (body.faults) plan.faults = faultPlanOf(body.faults, 'single');
    // The closed model goes as fast as the receiver answers; here it may not go faster than the owner allows.
    return plan.model === 'closed' ? { ...plan, rateCeiling: limits.maxRate } : plan;
  }

  function launch(plan: LoadPlan, thresholds: Threshold[] | undefined): LoadRun {
    const record: LoadRun = {
      id: newId(),
      status: 'running',
      target: describeTarget(plan.target),
      model: plan.model,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      expectedSeconds: (plan.warmupMs + plan.durationMs) / 1000,
      progress: null,
      report: null,
      thresholds: null,
      passed: null,
      error: null,
    };
    const hooks: LoadHooks = {
      onProgress: (progress) => {
        record.progress = progress;
        book.changed(record);
      },
      ...(options.signal ? { signal: options.signal } : {}),
    };
    // Deferred, so the 202 goes out before the body pool is generated.
    const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(plan, hooks));
    return book.track(record, work, (report) => {
      record.report = report;
      if (thresholds) {
        record.thresholds = evaluateThresholds(thresholds, report);
        record.passed = record.thresholds.every((t) => !t.crossed);
      }
    });
  }

  return {
    limits,
    keepFinished,
    start(body) {
      const plan = planFor(body);
      const thresholds = body.failOn === undefined ? undefined : parseThresholds(body.failOn);
      const running = book.running();
      if (running.length >= limits.maxConcurrentRuns) {
        throw PROBLEMS.conflict(
          `${running.length} load run${running.length === 1 ? ' is' : 's are'} running (${running.map((r) => r.id).join(', ')}); accepted: at most ${limits.maxConcurrentRuns} at a time on this server, try again when it has finished`,
        );
      }
      return launch(plan, thresholds);
    },
    get: book.get,
    list: book.list,
    subscribe: book.subscribe,
  };
}

const { start, one } = runRoutes({
  noun: 'load run',
  startSummary: "Start a load run against a target in the background (bounded by the server owner's limits)",
  getSummary: 'A load run: its status and, once done, the report (as `ci-callback load --json`)',
  body: loadRunBody,
  started: loadRunStartedSchema,
  run: loadRunSchema,
});

/** The HTTP face of `runs`; built over its own registry when given options. */
export function loadRunsRouter(from: LoadRunsOptions | LoadRuns = {}) {
  const runs = 'start' in from ? from : createLoadRuns(from);
  return apiRouter()
    .openapi(start, (c) => {
      const record = runs.start(c.req.valid('json'));
      const location = locate(c, record.id);
      return c.json(
        { id: record.id, status: 'running' as const, location, expectedSeconds: record.expectedSeconds },
        202,
      );
    })
    .openapi(one, (c) => {
      const { id } = c.req.valid('param');
      return c.json(runOrNotFound(runs, id, 'load run'), 200);
    });
}
