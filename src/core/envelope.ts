/**
 * @module envelope
 * Builds the whole `Response` tree for one job: the JobsDetail fields every Tag shares (IDs, times, Input,
 * Workflow, CosHeaders, Code/Message/State) around the Operation a Tag's generator builds.
 */
import type { Faker } from '@faker-js/faker';
import { WORKFLOW_NAMES } from './data/workflows.ts';
import { FAILURES, type Failure } from './failures.ts';
import { cosRequestId, jobId, queueId, runId, workflowId } from './ids.ts';
import { bucketId, inputObject, region } from './objects.ts';
import { formatTaskTime } from './time.ts';
import { normalize, text } from './tree.ts';
import type {
  BuildContext,
  InputObject,
  Invariant,
  Job,
  JobTimes,
  TagDefinition,
  Tree,
  Variant,
  WorkflowRun,
} from './types.ts';

const DAY_MS = 86_400_000;

export const DEFAULT_JOBS_DETAIL_ORDER = [
  'Code',
  'CreationTime',
  'EndTime',
  'Input',
  'JobId',
  'Message',
  'Operation',
  'QueueId',
  'StartTime',
  'State',
  // Not alphabetical: the SDK's sample (jobs.go) puts Progress between State and SubTag.
  'Progress',
  'SubTag',
  'Tag',
  'Workflow',
] as const;

/**
 * Facts a caller decides instead of letting the envelope draw them: the jobs of one workflow run share the
 * uploaded object, the run, the upload's CosHeaders and the queue, and are created when the run reaches their node.
 * `workflow` and `cosHeaders` are used only by workflow-triggered variants. A fixed input must be of the Tag's
 * `inputKind`.
 */
export interface FixedJobContext {
  input?: InputObject;
  /** Epoch ms the job was created; queue wait and processing time are still drawn. */
  createdAt?: number;
  workflow?: WorkflowRun;
  cosHeaders?: Tree[];
  queueId?: string;
  /**
   * The facts of a job that was really submitted (src/ci-api): its JobId, when it started and ended, where its
   * input is, why it failed and the Operation children its request set (Output, UserData, TemplateId, JobLevel…),
   * which replace the built ones in place or are appended. The drawn facts are still drawn, in the same order, so
   * a body without these fixed facts keeps its bytes.
   */
  jobId?: string;
  startedAt?: number;
  endedAt?: number;
  inputLocation?: { key: string; bucket?: string; region?: string };
  failure?: Failure;
  operation?: Tree;
}

export interface EnvelopeOptions {
  referenceDate: Date;
  /** Omitted (or empty): every fact is drawn from `faker`, as for a lone job. */
  fixed?: FixedJobContext;
}

/** Builds `{ EventName, JobsDetail }` for one job of `def` in the given variant, drawing only from `faker`. */
export function buildResponse(
  def: TagDefinition,
  variant: Variant,
  faker: Faker,
  options: EnvelopeOptions,
): Job {
  const fixed = options.fixed ?? {};
  // Each fact is drawn only when it is not fixed, in the same order as always, so a lone job's bytes never change.
  const drawnInput =
    fixed.input ??
    inputObject(faker, {
      kind: def.inputKind,
      bucket: bucketId(faker),
      region: region(faker),
      ...(def.inputExtensions ? { extensions: def.inputExtensions } : {}),
      ...(def.inputDuration ? { durationRange: def.inputDuration } : {}),
    });
  const input = fixed.inputLocation ? { ...drawnInput, ...fixed.inputLocation } : drawnInput;
  const creation = fixed.createdAt ?? creationTime(faker, options.referenceDate);
  const drawn = jobTimes(faker, def, input, variant, creation);
  const times = {
    creation,
    start: fixed.startedAt ?? drawn.times.start,
    end: fixed.endedAt ?? drawn.times.end,
  };
  const { shareDone } = drawn;
  const drawnId = jobId(faker, def.family, times.creation);
  const id = fixed.jobId ?? drawnId;
  const workflow =
    variant.trigger === 'workflow' ? (fixed.workflow ?? workflowRun(faker, def.tag, times)) : undefined;
  const cosHeaders =
    variant.trigger === 'workflow'
      ? (fixed.cosHeaders ?? cosHeadersFor(faker, input, uploadTime(faker, times.creation)))
      : [];
  const ctx: BuildContext = {
    faker,
    tag: def.tag,
    jobId: id,
    input,
    times,
    trigger: variant.trigger,
    state: variant.state,
    workflow,
    cosHeaders,
  };
  const built = def.build(ctx);
  const drawnFailure =
    variant.state === 'failed' ? faker.helpers.arrayElement(FAILURES[def.family]) : undefined;
  const failure = drawnFailure && (fixed.failure ?? drawnFailure);
  const produced = failure ? withoutProducedNodes(built.operation, def) : built.operation;
  const operation = fixed.operation ? { ...produced, ...fixed.operation } : produced;

  let inputNode: Tree | undefined;
  if (built.input === null) inputNode = undefined;
  else {
    inputNode = built.input ?? { BucketId: input.bucket, Object: input.key, Region: input.region };
    if (cosHeaders.length > 0 && !('CosHeaders' in inputNode))
      inputNode = { ...inputNode, CosHeaders: cosHeaders };
  }

  const fields: Tree = {
    Code: failure ? failure.code : 'Success',
    CreationTime: formatTaskTime(times.creation),
    EndTime: formatTaskTime(times.end),
    JobId: id,
    Message: failure ? failure.message : (built.message ?? ''),
    Operation: operation,
    QueueId: fixed.queueId ?? queueId(faker),
    StartTime: formatTaskTime(times.start),
    State: failure ? 'Failed' : 'Success',
    Tag: def.tag,
    ...(def.reportsProgress ? { Progress: Math.round(shareDone * 100) } : {}),
    ...built.extra,
  };
  if (inputNode) fields['Input'] = inputNode;
  if (workflow) {
    fields['Workflow'] = {
      Name: workflow.name,
      RunId: workflow.runId,
      WorkflowId: workflow.workflowId,
      WorkflowName: workflow.workflowName,
    };
  }
  const order = def.jobsDetailOrder ?? DEFAULT_JOBS_DETAIL_ORDER;
  const jobsDetail: Tree = {};
  for (const name of order) if (name in fields) jobsDetail[name] = fields[name] as Tree[string];
  return normalize({ EventName: 'TaskFinish', JobsDetail: jobsDetail });
}

/** Some time in the year before the reference date. */
export function creationTime(faker: Faker, referenceDate: Date): number {
  return referenceDate.getTime() - faker.number.int({ min: DAY_MS, max: 365 * DAY_MS });
}

/**
 * Queue wait of up to a few seconds, then the Tag's processing time. A failure ends part-way through: `shareDone`
 * is how far (1 for a finished job), what a Tag that reports Progress sends.
 */
function jobTimes(
  faker: Faker,
  def: TagDefinition,
  input: InputObject,
  variant: Variant,
  creation: number,
): { times: JobTimes; shareDone: number } {
  const start = creation + faker.number.int({ min: 200, max: 3_000 });
  const [min, max] =
    typeof def.processingSeconds === 'function' ? def.processingSeconds(input) : def.processingSeconds;
  let processingMs = faker.number.int({ min: Math.round(min * 1000), max: Math.round(max * 1000) });
  let shareDone = 1;
  if (variant.state === 'failed') {
    shareDone = faker.number.float({ min: 0.05, max: 0.6 });
    processingMs = Math.round(processingMs * shareDone);
  }
  return { times: { creation, start, end: start + processingMs }, shareDone };
}

/** For Tags that report Progress (added by defineTag): 100 when the job finished, below 100 when it failed. */
export const PROGRESS_MATCHES_STATE: Invariant = {
  name: 'Progress is 100 when the job succeeded and below 100 when it failed',
  check: (job) => {
    const value = text(job, 'Progress');
    const progress = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || progress > 100) return `Progress ${value}`;
    const done = text(job, 'State') === 'Success';
    return (done ? progress === 100 : progress < 100)
      ? undefined
      : `Progress ${progress} for a ${text(job, 'State')} job`;
  },
};

/** The run a workflow-triggered job belongs to; the node was created days before the upload that started it. */
function workflowRun(faker: Faker, tag: string, times: JobTimes): WorkflowRun {
  const nodeCreated = times.creation - faker.number.int({ min: DAY_MS, max: 200 * DAY_MS });
  return {
    name: `${tag}_${nodeCreated}`,
    runId: runId(faker, times.creation - faker.number.int({ min: 50, max: 900 })),
    workflowId: workflowId(faker),
    workflowName: faker.helpers.arrayElement(WORKFLOW_NAMES),
  };
}

/** The upload that triggers a workflow lands a moment before the work it starts. */
export function uploadTime(faker: Faker, startedMs: number): number {
  return startedMs - faker.number.int({ min: 100, max: 1_500 });
}

/** The headers of the upload that triggered the workflow, in the order the samples show. */
export function cosHeadersFor(faker: Faker, input: InputObject, uploaded: number): Tree[] {
  // Large files arrive by multipart upload; small ones by PUT (browser forms use POST).
  const event =
    input.size > 64 * 1024 * 1024
      ? 'cos:ObjectCreated:CompleteMultipartUpload'
      : faker.helpers.weightedArrayElement([
          { value: 'cos:ObjectCreated:Put', weight: 8 },
          { value: 'cos:ObjectCreated:Post', weight: 2 },
        ]);
  return [
    { Key: 'Content-Type', Value: input.contentType },
    { Key: 'x-cos-request-id', Value: cosRequestId(faker, uploaded) },
    { Key: 'EventName', Value: event },
    { Key: 'Size', Value: String(input.size) },
  ];
}

/** What a failed job did not produce: its result node, MediaInfo and MediaResult (catalog §7, modelled). */
function withoutProducedNodes(operation: Tree, def: TagDefinition): Tree {
  const produced = new Set([def.resultNode, 'MediaInfo', 'MediaResult']);
  return Object.fromEntries(Object.entries(operation).filter(([name]) => !produced.has(name)));
}
