/**
 * @module api/probes
 * `POST /probes` runs the delivery-fault battery against a target in the background (within the server's
 * target policy); `GET /probes/:id` shows its progress and, once done, the report (as `probe --json`). The runs
 * live in memory (`createProbeRuns`), shared with the dashboard's Probes page, which follows them live.
 */
import { randomUUID } from 'node:crypto';
import { maskTarget } from '../delivery/mask-target.ts';
import { type ProbeBody, probeBody } from '../probe/run-request.ts';
import { type ProbeReport, type ProbeResult, runProbes, selectProbes } from '../probe/runner.ts';
import { apiRouter } from './api-route.ts';
import { PROBLEMS } from './problem.ts';
import { probeRunSchema, probeRunStartedSchema } from './responses.ts';
import { createRunBook } from './run-book.ts';
import { locate, runOrNotFound, runRoutes } from './run-routes.ts';
import { createTargetPolicy, type TargetPolicy } from './target-policy.ts';

export const MAX_CONCURRENT_PROBE_RUNS = 2;
const KEEP_FINISHED = 20;

export interface ProbeRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  target: string;
  startedAt: string;
  finishedAt: string | null;
  /** The probe ids selected, in the order they run. */
  planned: string[];
  /** Probes finished so far (while running), then the whole report's. */
  probes: ProbeResult[];
  /** Once done: whether every selected probe passed. */
  passed: boolean | null;
  report: ProbeReport | null;
  error: string | null;
}

export interface ProbeRunsOptions {
  targetPolicy?: TargetPolicy;
  runProbes?: typeof runProbes;
}

/** The probe runs of one server: started within its target policy, kept in memory, followed live. */
export interface ProbeRuns {
  /** Checks the request (target policy, probe names, runs at once) and starts the run in the background. */
  start(body: ProbeBody): ProbeRun;
  get(id: string): ProbeRun | undefined;
  /** Newest first. */
  list(): ProbeRun[];
  /** Calls `listener` with a run each time one of its probes ends, and when it ends. */
  subscribe(listener: (run: ProbeRun) => void): () => void;
  readonly keepFinished: number;
}

export function createProbeRuns(options: ProbeRunsOptions = {}): ProbeRuns {
  const targetPolicy = options.targetPolicy ?? createTargetPolicy();
  const run = options.runProbes ?? runProbes;
  const book = createRunBook<ProbeRun>(KEEP_FINISHED);

  return {
    keepFinished: book.keepFinished,
    start(body) {
      targetPolicy.check(body.target);
      const selected = selectProbes(body.only, body.skip, body.review); // unknown names: a 400 naming what is accepted
      const running = book.running();
      if (running.length >= MAX_CONCURRENT_PROBE_RUNS) {
        throw PROBLEMS.conflict(
          `${running.length} probe runs are running; accepted: at most ${MAX_CONCURRENT_PROBE_RUNS} at a time, try again when one has finished`,
        );
      }
      const record: ProbeRun = {
        id: randomUUID(),
        status: 'running',
        target: maskTarget(body.target),
        startedAt: new Date().toISOString(),
        finishedAt: null,
        planned: selected.map((probe) => probe.id),
        probes: [],
        passed: null,
        report: null,
        error: null,
      };
      const { target, headers, format, only, skip, timeoutMs, burstSize, seed, review } = body;
      const work = run({
        target,
        ...(headers ? { headers } : {}),
        ...(format ? { format } : {}),
        ...(only ? { only } : {}),
        ...(skip ? { skip } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(burstSize !== undefined ? { burstSize } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(review ? { review } : {}),
        onProbe: (result) => {
          record.probes.push(result);
          book.changed(record);
        },
      });
      return book.track(record, work, (report) =>
        Object.assign(record, { report, probes: report.probes, passed: report.passed }),
      );
    },
    get: book.get,
    list: book.list,
    subscribe: book.subscribe,
  };
}

const { start, one } = runRoutes({
  noun: 'probe run',
  startSummary: 'Run the delivery-fault probes against a target in the background, a canary after each',
  getSummary:
    'A probe run: the probes finished so far and, once done, the report (as `ci-callback probe --json`)',
  body: probeBody,
  started: probeRunStartedSchema,
  run: probeRunSchema,
});

/** The HTTP face of `runs`; built over its own registry when given options. */
export function probesRouter(from: ProbeRunsOptions | ProbeRuns = {}) {
  const runs = 'start' in from ? from : createProbeRuns(from);
  return apiRouter()
    .openapi(start, (c) => {
      const record = runs.start(c.req.valid('json'));
      const location = locate(c, record.id);
      return c.json({ id: record.id, status: 'running' as const, location, probes: record.planned }, 202);
    })
    .openapi(one, (c) => {
      const { id } = c.req.valid('param');
      return c.json(runOrNotFound(runs, id, 'probe run'), 200);
    });
}
