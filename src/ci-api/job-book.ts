/**
 * @module ci-api/job-book
 * The jobs submitted to CI's job API and their life: `Submitted` (queued for a quarter of the processing time),
 * `Running` (Progress grows), then `Success` or `Failed` (a fail rule matched its Input.Object) when the
 * processing time is over, or `Cancel` when cancelled while still queued. When a job ends, its TaskFinish — the
 * catalog's body of its Tag, with the job's JobId, QueueId, Input, Operation echo and times — goes through the
 * server's deliverer to the job's CallBack, else to its queue's NotifyConfig URL, so it is logged, retried and
 * replayable like every callback.
 *
 * Every change is written to the delivery db (`ci_records`) before it is answered: a restart resumes unfinished
 * jobs where their clock says they are. Time comes from an injected clock, so tests drive it with mock.timers.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Failure } from '../core/failures.ts';
import { MAX_SEED } from '../core/faker.ts';
import { createListeners } from '../core/listeners.ts';
import { formatTaskTime } from '../core/time.ts';
import type { InputObject, Job, TagDefinition, Tree } from '../core/types.ts';
import type { DeliverOptions } from '../delivery/deliverer.ts';
import type { FaultInjector } from '../delivery/fault-injector.ts';
import type { NewDelivery } from '../delivery/model.ts';
import type { DeliveryDetail, DeliveryStore } from '../delivery/store.ts';
import { generate } from '../payloads/generate.ts';
import { findTag } from '../payloads/registry.ts';
import { type CiConfig, jobIdPrefix, type NotifyEvent, type ResultFormat } from './ci-config.ts';
import { CI_ERRORS } from './ci-error.ts';
import type { JobSpec } from './submit-request.ts';

export const CI_JOB_STATES = ['Submitted', 'Running', 'Success', 'Failed', 'Cancel'] as const;
export type CiJobState = (typeof CI_JOB_STATES)[number];
const UNFINISHED: ReadonlySet<CiJobState> = new Set(['Submitted', 'Running']);

/** The processing time of a job unless the server is told otherwise (`--ci-job-time`). */
export const DEFAULT_CI_JOB_TIME_MS = 2_000;
/** Jobs kept (memory and db); the oldest finished ones go first (ours). */
export const MAX_CI_JOBS = 10_000;

/** The clock and timers jobs live by; the defaults read the globals when called, so mock.timers drives them. */
export interface CiClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: CiClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The workflow run a node's job belongs to. */
export interface JobWorkflow {
  name: string;
  runId: string;
  workflowId: string;
  workflowName: string;
  cosHeaders: Tree[];
  input: InputObject;
}

/** A job as stored (JSON) and answered. Times are epoch ms. */
export interface CiJob {
  jobId: string;
  tag: string;
  state: CiJobState;
  createdAt: number;
  /** When it leaves the queue and when it ends, as planned at submit. */
  startAt: number;
  endAt: number;
  /** When it did (set when it happened). */
  startedAt?: number;
  endedAt?: number;
  queueId: string;
  object: string;
  bucket: string;
  region: string;
  input?: Job;
  operation: Job;
  callBack?: string;
  callBackFormat?: ResultFormat;
  seed: number;
  failure?: Failure;
  workflow?: JobWorkflow;
  /** The TaskFinish JobsDetail sent (or that would have been), once it ended. */
  result?: Job;
  /** The callback's delivery in the log. */
  deliveryId?: number;
  /** Why no callback was sent, when none was. */
  noCallback?: string;
}

export interface JobDeliverer {
  deliver(delivery: NewDelivery, options?: DeliverOptions): Promise<DeliveryDetail>;
}

export interface JobBookOptions {
  config: CiConfig;
  store: Pick<DeliveryStore, 'saveCiRecord' | 'listCiRecords' | 'pruneCiRecords'>;
  deliverer: JobDeliverer;
  /** Processing time of each job, ms. */
  jobTimeMs?: number;
  clock?: CiClock;
  /** Sends the extra deliveries of the configured faults (`CiConfig.faults`) after each callback. */
  faultInjector?: Pick<FaultInjector, 'afterDelivery'>;
  /** [0, 1): the fault draws. */
  random?: () => number;
  /** Told about anything that goes wrong out of a request (never thrown). */
  log?: (line: string) => void;
}

export interface JobFilter {
  queueId?: string;
  tag?: string;
  states?: readonly CiJobState[];
  workflowId?: string;
  inputObject?: string;
  startCreationTime?: number;
  endCreationTime?: number;
  order?: 'Asc' | 'Desc';
  size: number;
  /** Where the previous page stopped. */
  nextToken?: number;
}

/** Where a job's input lives when the request does not say: the Host names no bucket on loopback. */
export interface Location {
  bucket: string;
  region: string;
}

export interface JobBook {
  submit(specs: readonly JobSpec[], location: Location): CiJob[];
  /** A workflow node's job (see workflow-runs); `callBack` is the workflow's own, if it has one. */
  submitNode(def: TagDefinition, workflow: JobWorkflow, queueId: string, callBack?: string): CiJob;
  get(jobId: string): CiJob | undefined;
  list(filter: JobFilter): { jobs: CiJob[]; nextToken: number | undefined };
  /** Cancels a queued job; a CiError for an unknown or a started one. */
  cancel(jobId: string): CiJob;
  /** The JobsDetail a GET (or the submit) answers with, now. */
  jobsDetail(job: CiJob): Job;
  /** Whenever a job is submitted or changes state. */
  subscribe(listener: (job: CiJob) => void): () => void;
  /** Settles when the job's callback delivery has ended (at once when none is under way). */
  sent(jobId: string): Promise<void>;
  /** Schedules the stored unfinished jobs (after a restart); returns how many. */
  resume(): number;
  /** Stops every timer; jobs stay as stored. */
  close(): void;
  readonly jobTimeMs: number;
}

/** 32 hex digits laid out as a version-1 UUID of `epochMs` (CI's ids are), the rest random. */
export function timeUuidHex(epochMs: number): string {
  const t = BigInt(epochMs) * 10_000n + 0x01b21dd213814000n;
  const hex = (value: bigint, digits: number) => value.toString(16).padStart(digits, '0').slice(-digits);
  const random = randomBytes(8).toString('hex');
  return `${hex(t & 0xffffffffn, 8)}${hex((t >> 32n) & 0xffffn, 4)}1${hex((t >> 48n) & 0xfffn, 3)}${random.slice(0, 16)}`;
}

/** The TemplateName CI echoes for a TemplateId (the console's `template_<tag>` naming). */
const templateName = (tag: string) => `template_${tag.toLowerCase()}`;

export function createJobBook(options: JobBookOptions): JobBook {
  const { config, store, deliverer } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const log = options.log ?? (() => {});
  const jobTimeMs = options.jobTimeMs ?? DEFAULT_CI_JOB_TIME_MS;
  const jobs = new Map<string, CiJob>();
  const timers = new Map<string, unknown>();
  const sendings = new Map<string, Promise<void>>();
  const changes = createListeners<CiJob>();
  let closed = false;

  const save = (job: CiJob) => {
    store.saveCiRecord({
      kind: 'job',
      id: job.jobId,
      createdAt: new Date(job.createdAt).toISOString(),
      doc: JSON.stringify(job),
    });
    changes.notify(job);
  };

  function forgetOldest(): void {
    if (jobs.size <= MAX_CI_JOBS) return;
    for (const job of jobs.values()) {
      if (jobs.size <= MAX_CI_JOBS) break;
      if (!UNFINISHED.has(job.state)) jobs.delete(job.jobId);
    }
    store.pruneCiRecords('job', MAX_CI_JOBS);
  }

  function schedule(job: CiJob): void {
    if (closed || !UNFINISHED.has(job.state)) return;
    const at = job.state === 'Submitted' ? job.startAt : job.endAt;
    const timer = clock.setTimeout(() => step(job.jobId), Math.max(0, at - clock.now()));
    timers.set(job.jobId, timer);
  }

  function step(jobId: string): void {
    timers.delete(jobId);
    const job = jobs.get(jobId);
    if (!job || !UNFINISHED.has(job.state)) return;
    try {
      if (job.state === 'Submitted') {
        job.state = 'Running';
        job.startedAt = job.startAt;
        save(job);
        schedule(job);
      } else finish(job);
    } catch (error) {
      log(`ci job ${jobId}: ${(error as Error).message}`);
    }
  }

  /** Where a callback of this job goes, or why none does. */
  function destination(job: CiJob, event: NotifyEvent): { url: string; format: ResultFormat } | string {
    if (job.callBack === 'no') return 'CallBack is no';
    const queue = config.notifyConfig(job.queueId);
    if (job.callBack !== undefined) return { url: job.callBack, format: job.callBackFormat ?? queue.format };
    if (queue.state !== 'On' || queue.url === undefined)
      return `queue ${job.queueId} has no callback (NotifyConfig Off)`;
    if (!queue.events.includes(event)) return `queue ${job.queueId}'s NotifyConfig Event lacks ${event}`;
    return { url: queue.url, format: job.callBackFormat ?? queue.format };
  }

  /** The Operation children the request set, as the callback echoes them. */
  function echo(job: CiJob): Tree {
    const { operation } = job;
    const fixed: Tree = {};
    if (operation['Output'] !== undefined) fixed['Output'] = operation['Output'] as Tree;
    const template = operation['TemplateId'];
    if (typeof template === 'string' && template !== '') {
      fixed['TemplateId'] = template;
      fixed['TemplateName'] = templateName(job.tag);
    }
    if (operation['UserData'] !== undefined) fixed['UserData'] = operation['UserData'] as string;
    if (operation['JobLevel'] !== undefined) fixed['JobLevel'] = operation['JobLevel'] as string;
    return fixed;
  }

  function finish(job: CiJob): void {
    job.endedAt = job.endAt;
    job.startedAt ??= job.startAt;
    const target = destination(job, 'TaskFinish');
    const format = typeof target === 'string' ? (job.callBackFormat ?? 'XML') : target.format;
    const failed = job.failure !== undefined;
    const result = generate(
      {
        tag: job.tag,
        format: format === 'JSON' ? 'json' : 'xml',
        trigger: job.workflow ? 'workflow' : 'direct',
        state: failed ? 'failed' : 'success',
        seed: job.seed,
      },
      {
        jobId: job.jobId,
        createdAt: job.createdAt,
        startedAt: job.startedAt,
        endedAt: job.endedAt,
        queueId: job.queueId,
        ...(job.workflow
          ? {
              input: { ...job.workflow.input },
              cosHeaders: job.workflow.cosHeaders,
              workflow: {
                name: job.workflow.name,
                runId: job.workflow.runId,
                workflowId: job.workflow.workflowId,
                workflowName: job.workflow.workflowName,
              },
            }
          : { inputLocation: { key: job.object, bucket: job.bucket, region: job.region } }),
        ...(job.failure ? { failure: job.failure } : {}),
        operation: echo(job),
      },
    );
    job.state = failed ? 'Failed' : 'Success';
    job.result = result.job;
    if (typeof target === 'string') {
      job.noCallback = target;
      save(job);
      return;
    }
    // the delivery is in the log (and its promise known) before anyone hears the job ended
    const sending = deliverer
      .deliver(
        {
          target: target.url,
          body: result.body,
          contentType: result.contentType,
          headers: {},
          tag: job.tag,
          format: result.variant.format,
          trigger: result.variant.trigger,
          state: result.variant.state,
          seed: job.seed,
          scheduleId: null,
          replayOf: null,
        },
        {
          onRecorded: (deliveryId) => {
            job.deliveryId = deliveryId;
          },
        },
      )
      .then(
        (detail) => {
          // the configured delivery faults, drawn for this callback as for an emitted one
          const plan = config.faults;
          if (options.faultInjector && Object.keys(plan).length > 0) {
            options.faultInjector.afterDelivery(detail, { plan, random: options.random ?? Math.random });
          }
        },
        (error: Error) => log(`ci job ${job.jobId}: its callback was not sent: ${error.message}`),
      );
    sendings.set(job.jobId, sending);
    const forget = () => sendings.delete(job.jobId);
    sending.then(forget, forget);
    save(job);
  }

  function create(
    def: TagDefinition,
    facts: Omit<CiJob, 'jobId' | 'tag' | 'state' | 'createdAt' | 'startAt' | 'endAt' | 'seed'>,
  ): CiJob {
    const now = clock.now();
    const job: CiJob = {
      jobId: `${jobIdPrefix(def.family)}${timeUuidHex(now)}`,
      tag: def.tag,
      state: 'Submitted',
      createdAt: now,
      startAt: now + Math.round(jobTimeMs / 4),
      endAt: now + jobTimeMs,
      seed: randomInt(0, MAX_SEED),
      ...facts,
    };
    const failure = config.failureFor(job.workflow ? job.workflow.input.key : job.object, def.family);
    if (failure) job.failure = failure;
    jobs.set(job.jobId, job);
    return job;
  }

  const book: JobBook = {
    jobTimeMs,
    submit(specs, location) {
      const created = specs.map((spec) =>
        create(spec.def, {
          queueId: spec.queueId,
          object: spec.object,
          bucket: location.bucket,
          region: location.region,
          ...(spec.input ? { input: spec.input } : {}),
          operation: spec.operation,
          ...(spec.callBack !== undefined ? { callBack: spec.callBack } : {}),
          ...(spec.callBackFormat !== undefined ? { callBackFormat: spec.callBackFormat } : {}),
        }),
      );
      for (const job of created) {
        save(job);
        schedule(job);
      }
      forgetOldest();
      return created;
    },
    submitNode(def, workflow, queueId, callBack) {
      const job = create(def, {
        queueId,
        ...(callBack !== undefined ? { callBack } : {}),
        object: workflow.input.key,
        bucket: workflow.input.bucket,
        region: workflow.input.region,
        operation: {},
        workflow,
      });
      save(job);
      schedule(job);
      forgetOldest();
      return job;
    },
    get: (jobId) => jobs.get(jobId),
    sent: (jobId) => sendings.get(jobId) ?? Promise.resolve(),
    list(filter) {
      let found = [...jobs.values()].filter(
        (job) =>
          (filter.queueId === undefined || job.queueId === filter.queueId) &&
          (filter.tag === undefined || job.tag === filter.tag) &&
          (filter.states === undefined || filter.states.includes(job.state)) &&
          (filter.workflowId === undefined || job.workflow?.workflowId === filter.workflowId) &&
          (filter.inputObject === undefined || job.object === filter.inputObject) &&
          (filter.startCreationTime === undefined || job.createdAt >= filter.startCreationTime) &&
          (filter.endCreationTime === undefined || job.createdAt <= filter.endCreationTime),
      );
      if (filter.order !== 'Asc') found = found.reverse();
      const from = filter.nextToken ?? 0;
      const page = found.slice(from, from + filter.size);
      const next = from + filter.size < found.length ? from + filter.size : undefined;
      return { jobs: page, nextToken: next };
    },
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) throw CI_ERRORS.invalidArgument(`job ${jobId.slice(0, 64)} does not exist`);
      if (job.state !== 'Submitted') {
        throw CI_ERRORS.invalidArgument(
          `job ${jobId} is ${job.state}; only pending (Submitted) jobs can be canceled`,
        );
      }
      clock.clearTimeout(timers.get(jobId));
      timers.delete(jobId);
      job.state = 'Cancel';
      job.endedAt = clock.now();
      job.noCallback = 'cancelled';
      save(job);
      return job;
    },
    jobsDetail(job) {
      if ((job.state === 'Success' || job.state === 'Failed') && job.result) return job.result;
      const now = clock.now();
      const progress =
        job.state === 'Running'
          ? Math.min(
              99,
              Math.max(0, Math.floor((100 * (now - job.startAt)) / Math.max(1, job.endAt - job.startAt))),
            )
          : 0;
      // CI echoes the template's name right after its id
      const operation: Job = {};
      for (const [name, value] of Object.entries(job.operation)) {
        operation[name] = value;
        if (
          name === 'TemplateId' &&
          typeof value === 'string' &&
          value !== '' &&
          !('TemplateName' in job.operation)
        )
          operation['TemplateName'] = templateName(job.tag);
      }
      const input: Job = { BucketId: job.bucket, Object: job.object, Region: job.region };
      return {
        Code: 'Success',
        Message: '',
        JobId: job.jobId,
        State: job.state,
        Progress: String(progress),
        CreationTime: formatTaskTime(job.createdAt),
        StartTime: job.startedAt === undefined ? '-' : formatTaskTime(job.startedAt),
        EndTime: job.endedAt === undefined ? '-' : formatTaskTime(job.endedAt),
        QueueId: job.queueId,
        Tag: job.tag,
        Input: input,
        Operation: operation,
        ...(job.workflow
          ? {
              Workflow: {
                Name: job.workflow.name,
                RunId: job.workflow.runId,
                WorkflowId: job.workflow.workflowId,
                WorkflowName: job.workflow.workflowName,
              },
            }
          : {}),
      };
    },
    subscribe: (listener) => changes.subscribe(listener),
    resume() {
      let resumed = 0;
      for (const record of store.listCiRecords('job')) {
        let job: CiJob;
        try {
          job = JSON.parse(record.doc) as CiJob;
          findTag(job.tag);
        } catch (error) {
          log(`ci job ${record.id}: not resumed: ${(error as Error).message}`);
          continue;
        }
        jobs.set(job.jobId, job);
        if (UNFINISHED.has(job.state)) {
          schedule(job);
          resumed++;
        }
      }
      return resumed;
    },
    close() {
      closed = true;
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
    },
  };
  return book;
}
