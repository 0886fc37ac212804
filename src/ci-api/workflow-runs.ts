/**
 * @module ci-api/workflow-runs
 * `POST /triggerworkflow`: a run of a workflow on one object. Its nodes (configured Tags, or a plausible default)
 * each run a job in the job book — created together, as nodes hanging off Start — and each sends its own
 * TaskFinish (Workflow.RunId = the InstanceId answered). When every node's job has ended and its callback has
 * been delivered, the run's WorkflowFinish follows, built from those jobs (src/payloads/workflow-finish-body), to
 * the queue's callback if its NotifyConfig Event has WorkflowFinish. Runs are stored like jobs.
 */
import { randomInt } from 'node:crypto';
import { MAX_SEED, seededFaker } from '../core/faker.ts';
import { render } from '../core/render.ts';
import { formatTaskTime } from '../core/time.ts';
import type { Job } from '../core/types.ts';
import type { DeliveryStore } from '../delivery/store.ts';
import { findTag } from '../payloads/registry.ts';
import {
  buildWorkflowFinish,
  planWorkflowRun,
  type WorkflowRunPlan,
} from '../payloads/workflow-finish-body.ts';
import { type CiConfig, DEFAULT_QUEUE_ID } from './ci-config.ts';
import { CI_ERRORS } from './ci-error.ts';
import type { CiClock, CiJob, JobBook, JobDeliverer, Location } from './job-book.ts';
import { SYSTEM_CLOCK, timeUuidHex } from './job-book.ts';

export type CiRunState = 'Running' | 'Success' | 'Failed';

/** A run as stored: the plan its WorkflowFinish is built from (nodes by Tag), and its node jobs. */
export interface CiRun {
  runId: string;
  workflowId: string;
  /** The `name` the trigger gave (a batch name), if any. */
  name?: string;
  state: CiRunState;
  createdAt: number;
  finishedAt?: number;
  plan: Omit<WorkflowRunPlan, 'nodes'> & {
    nodes: (Omit<WorkflowRunPlan['nodes'][number], 'def'> & { tag: string })[];
  };
  jobIds: string[];
  /** The workflow's own callback when it was triggered, if it had one. */
  callback?: string;
  deliveryId?: number;
  noCallback?: string;
}

export interface WorkflowRunsOptions {
  config: CiConfig;
  book: JobBook;
  store: Pick<DeliveryStore, 'saveCiRecord' | 'listCiRecords' | 'pruneCiRecords'>;
  deliverer: JobDeliverer;
  clock?: CiClock;
  log?: (line: string) => void;
}

export interface WorkflowRuns {
  trigger(request: { workflowId: string; object: string; name?: string }, location: Location): CiRun;
  get(runId: string): CiRun | undefined;
  list(): CiRun[];
  /** `WorkflowExecution` as `GET /workflowexecution/<RunId>` answers it. */
  execution(run: CiRun): Job;
  /** Loads the stored runs; call before the job book resumes. */
  resume(): void;
  /** Finishes the runs whose jobs all ended before a restart; call after the job book resumed. */
  settle(): void;
}

/** Runs kept (ours). */
export const MAX_CI_RUNS = 2_000;

/** `2022-08-09T14:54:17+08:00`, as GET /workflowexecution writes times (facts §5). */
const executionTime = (ms: number) => formatTaskTime(ms).replace(/\+0800$/, '+08:00');

export function createWorkflowRuns(options: WorkflowRunsOptions): WorkflowRuns {
  const { config, book, store, deliverer } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const log = options.log ?? (() => {});
  const runs = new Map<string, CiRun>();
  const save = (run: CiRun) =>
    store.saveCiRecord({
      kind: 'run',
      id: run.runId,
      createdAt: new Date(run.createdAt).toISOString(),
      doc: JSON.stringify(run),
    });

  function maybeFinish(run: CiRun): void {
    if (run.state !== 'Running') return;
    const jobs = run.jobIds.map((id) => book.get(id));
    if (jobs.some((job) => job === undefined || job.state === 'Submitted' || job.state === 'Running')) return;
    run.state = jobs.some((job) => job?.state !== 'Success') ? 'Failed' : 'Success';
    run.finishedAt = clock.now();
    save(run);
    // CI's order: every node's TaskFinish, then the WorkflowFinish
    Promise.all(run.jobIds.map((id) => book.sent(id)))
      .then(() => sendFinish(run, jobs as CiJob[]))
      .catch((error: Error) => log(`ci run ${run.runId}: ${error.message}`));
  }

  function sendFinish(run: CiRun, jobs: CiJob[]): void {
    const queue = config.notifyConfig(DEFAULT_QUEUE_ID);
    const own = run.callback;
    if (
      own === undefined &&
      (queue.state !== 'On' || queue.url === undefined || !queue.events.includes('WorkflowFinish'))
    ) {
      run.noCallback = `queue ${DEFAULT_QUEUE_ID} sends no WorkflowFinish`;
      save(run);
      return;
    }
    const url = own ?? (queue.url as string);
    const plan: WorkflowRunPlan = {
      ...run.plan,
      nodes: run.plan.nodes.map(({ tag, ...node }, index) => ({
        ...node,
        def: findTag(tag),
        state: jobs[index]?.state === 'Success' ? 'success' : 'failed',
      })),
    };
    const response = buildWorkflowFinish(
      plan,
      jobs.map((job) => job.result ?? {}),
    );
    const format = queue.format === 'JSON' ? 'json' : 'xml';
    const { body, contentType } = render(response, { format, jsonShape: 'object', compact: false });
    deliverer
      .deliver(
        {
          target: url,
          body,
          contentType,
          headers: {},
          tag: 'WorkflowFinish',
          format,
          trigger: 'workflow',
          state: run.state === 'Success' ? 'success' : 'failed',
          seed: null,
          scheduleId: null,
          replayOf: null,
        },
        {
          onRecorded: (id) => {
            run.deliveryId = id;
            save(run);
          },
        },
      )
      .catch((error: Error) => log(`ci run ${run.runId}: its WorkflowFinish was not sent: ${error.message}`));
  }

  book.subscribe((job) => {
    const runId = job.workflow?.runId;
    const run = runId === undefined ? undefined : runs.get(runId);
    if (run && job.state !== 'Submitted' && job.state !== 'Running') maybeFinish(run);
  });

  return {
    trigger({ workflowId, object, name }, location) {
      const defs = config.workflowTags(workflowId).map((tag) => findTag(tag));
      const seed = randomInt(0, MAX_SEED);
      let drawn: WorkflowRunPlan;
      try {
        drawn = planWorkflowRun(seededFaker(seed, 'WorkflowFinish'), defs, {
          state: 'success',
          referenceDate: new Date(clock.now()),
        });
      } catch (error) {
        throw CI_ERRORS.invalidArgument(`workflow ${workflowId}: ${(error as Error).message}`);
      }
      const now = clock.now();
      const runId = `i${timeUuidHex(now)}`;
      const input = { ...drawn.input, key: object, bucket: location.bucket, region: location.region };
      const plan: CiRun['plan'] = {
        ...drawn,
        input,
        createdAt: now,
        runId,
        workflowId,
        nodes: drawn.nodes.map(({ def, ...node }) => ({
          ...node,
          tag: def.tag,
          createdAt: now,
          queueId: DEFAULT_QUEUE_ID,
        })),
      };
      const callback = config.workflowCallback(workflowId);
      const run: CiRun = {
        runId,
        workflowId,
        ...(name ? { name } : {}),
        ...(callback !== undefined ? { callback } : {}),
        state: 'Running',
        createdAt: now,
        plan,
        jobIds: [],
      };
      runs.set(runId, run);
      for (const node of plan.nodes) {
        const job = book.submitNode(
          findTag(node.tag),
          {
            name: node.name,
            runId,
            workflowId,
            workflowName: plan.workflowName,
            cosHeaders: plan.cosHeaders,
            input,
          },
          node.queueId,
          callback,
        );
        run.jobIds.push(job.jobId);
      }
      save(run);
      if (runs.size > MAX_CI_RUNS) {
        for (const old of runs.values()) {
          if (runs.size <= MAX_CI_RUNS) break;
          if (old.state !== 'Running') runs.delete(old.runId);
        }
        store.pruneCiRecords('run', MAX_CI_RUNS);
      }
      return run;
    },
    get: (runId) => runs.get(runId),
    list: () => [...runs.values()],
    execution(run) {
      const tasks = run.jobIds.flatMap((id, index) => {
        const job = book.get(id);
        if (!job) return [];
        const detail = book.jobsDetail(job);
        return [
          {
            Type: job.tag,
            JobId: job.jobId,
            CreateTime: executionTime(job.createdAt),
            Name: run.plan.nodes[index]?.name ?? job.tag,
            State: job.state,
            StartTime: job.startedAt === undefined ? '-' : executionTime(job.startedAt),
            EndTime: job.endedAt === undefined ? '-' : executionTime(job.endedAt),
            Code: typeof detail['Code'] === 'string' ? detail['Code'] : 'Success',
            Message: typeof detail['Message'] === 'string' ? detail['Message'] : '',
          },
        ];
      });
      return {
        WorkflowId: run.workflowId,
        Name: run.plan.workflowName,
        RunId: run.runId,
        CreateTime: executionTime(run.createdAt),
        Object: run.plan.input.key,
        State: run.state,
        Tasks: tasks,
      };
    },
    resume() {
      for (const record of store.listCiRecords('run')) {
        try {
          const run = JSON.parse(record.doc) as CiRun;
          runs.set(run.runId, run);
        } catch (error) {
          log(`ci run ${record.id}: not resumed: ${(error as Error).message}`);
        }
      }
    },
    settle() {
      for (const run of runs.values()) maybeFinish(run);
    },
  };
}
