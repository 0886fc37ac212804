/**
 * @module workflow-finish
 * The WorkflowFinish callback (catalog §4): one run of a workflow on one uploaded object, in which each node ran
 * a job that sent its own TaskFinish. `planWorkflowRun` draws what the nodes share (the object, the run, the
 * upload's CosHeaders) and what each node is (name, start, template, outcome); `buildWorkflowFinish` turns the
 * plan and its jobs' TaskFinish trees into the `WorkflowExecution` tree, taking every per-job fact (JobId,
 * times, templates, outputs) from those jobs, so the two kinds of callback of one run agree.
 */
import type { Faker } from '@faker-js/faker';
import { WORKFLOW_NAMES } from '../core/data/workflows.ts';
import { cosHeadersFor, creationTime, uploadTime } from '../core/envelope.ts';
import { InputError } from '../core/errors.ts';
import { MAX_SEED } from '../core/faker.ts';
import { queueId, runId, templateId, workflowId } from '../core/ids.ts';
import { bucketId, type InputObjectOptions, inputObject, region } from '../core/objects.ts';
import { formatWorkflowTime, parseCiTime } from '../core/time.ts';
import { normalize, select, text } from '../core/tree.ts';
import type { Family, InputObject, Job, JobState, JobValue, TagDefinition, Tree } from '../core/types.ts';

const DAY_MS = 86_400_000;

/** Nodes per workflow run: a bound so no request asks for an unbounded run (ours; CI's limit is not documented). */
export const MAX_WORKFLOW_NODES = 20;

/**
 * Element order of `WorkflowExecution` in the zh sample (doc 436/80040). Tasks follow the catalog's order:
 * Type, CreateTime, EndTime, State, JobId, Name, TemplateId, TemplateName, then the optional fields.
 */
export const WORKFLOW_EXECUTION_ORDER = [
  'WorkflowId',
  'WorkflowName',
  'RunId',
  'State',
  'BucketId',
  'Object',
  'CreateTime',
  'CosHeaders',
  'Tasks',
] as const;

/** One node of the run and the job it started. */
export interface WorkflowNode {
  def: TagDefinition;
  /** `<Tag>_<13-digit ms>`: the TaskFinish's `Workflow.Name` and the WorkflowFinish's `Tasks.Name`. */
  name: string;
  /** When the run reached the node and its job was created (epoch ms). */
  createdAt: number;
  state: JobState;
  /** The seed of the node's job, drawn from the run's seed. */
  seed: number;
  /** The template the node is configured with; reported when the job's callback does not echo one. */
  template: { id: string; name: string };
  queueId: string;
}

export interface WorkflowRunPlan {
  input: InputObject;
  /** When the upload started the run (epoch ms): the instance's CreateTime and the RunId's timestamp. */
  createdAt: number;
  runId: string;
  workflowId: string;
  workflowName: string;
  cosHeaders: Tree[];
  nodes: WorkflowNode[];
}

export interface WorkflowRunPlanOptions {
  /** `failed`: one node's job fails (picked by the seed), the others succeed; `success`: every job succeeds. */
  state: JobState;
  referenceDate: Date;
}

/** Draws a run of `defs` (one node each, in order) from `faker`; an unsuitable node list is an InputError. */
export function planWorkflowRun(
  faker: Faker,
  defs: readonly TagDefinition[],
  options: WorkflowRunPlanOptions,
): WorkflowRunPlan {
  if (defs.length === 0 || defs.length > MAX_WORKFLOW_NODES) {
    throw new InputError('tags', `a workflow run has 1 to ${MAX_WORKFLOW_NODES} nodes, got ${defs.length}`);
  }
  const input = inputObject(faker, { ...sharedInput(defs), bucket: bucketId(faker), region: region(faker) });
  const createdAt = creationTime(faker, options.referenceDate);
  const cosHeaders = cosHeadersFor(faker, input, uploadTime(faker, createdAt));
  const run = runId(faker, createdAt);
  const workflow = workflowId(faker);
  const workflowName = faker.helpers.arrayElement(WORKFLOW_NAMES);
  const failing = options.state === 'failed' ? faker.number.int(defs.length - 1) : -1;
  // The console names a node after its Tag and the millisecond it was added; nodes were added one after
  // another when the workflow was designed, days before this run.
  let addedAt = createdAt - faker.number.int({ min: DAY_MS, max: 200 * DAY_MS });
  // The Start node names the queue per kind of processing (QueueId, PicProcessQueueId), so jobs of one family
  // in a run share a queue.
  const queues = new Map<Family, string>();
  const queueFor = (family: Family): string => {
    const id = queues.get(family) ?? queueId(faker);
    queues.set(family, id);
    return id;
  };
  const nodes = defs.map((def, index): WorkflowNode => {
    addedAt += faker.number.int({ min: 800, max: 90_000 });
    return {
      def,
      name: `${def.tag}_${addedAt}`,
      // Every node hangs off Start (the usual topology), so all jobs are created as the run begins.
      createdAt: createdAt + faker.number.int({ min: 50, max: 900 }),
      state: index === failing ? 'failed' : 'success',
      seed: faker.number.int(MAX_SEED),
      template: { id: templateId(faker), name: `template_${def.tag.toLowerCase()}` },
      queueId: queueFor(def.family),
    };
  });
  return { input, createdAt, runId: run, workflowId: workflow, workflowName, cosHeaders, nodes };
}

/**
 * The input every node can read: one workflow runs on one uploaded file, so the nodes must read the same kind
 * of file, and the extension and length must suit each of them.
 */
export function sharedInput(defs: readonly TagDefinition[]): Omit<InputObjectOptions, 'bucket' | 'region'> {
  const [first] = defs;
  if (!first) throw new InputError('tags', 'a workflow run needs at least one node');
  const other = defs.find((def) => def.inputKind !== first.inputKind);
  if (other) {
    throw new InputError(
      'tags',
      `${first.tag} reads ${first.inputKind} but ${other.tag} reads ${other.inputKind}: a workflow runs on one uploaded file, so list Tags that read the same kind of file`,
    );
  }
  const restricting = defs.filter((def) => def.inputExtensions);
  let extensions: readonly string[] | undefined;
  for (const def of restricting) {
    const allowed = def.inputExtensions ?? [];
    extensions = extensions ? extensions.filter((extension) => allowed.includes(extension)) : allowed;
  }
  if (extensions?.length === 0) {
    const reads = restricting.map((def) => `${def.tag} reads ${def.inputExtensions?.join('/')}`);
    throw new InputError('tags', `no file type suits every node (${reads.join('; ')})`);
  }
  const ranges = defs.flatMap((def) =>
    def.inputDuration ? [{ tag: def.tag, range: def.inputDuration }] : [],
  );
  let durationRange: readonly [number, number] | undefined;
  if (ranges.length > 0) {
    durationRange = [Math.max(...ranges.map((r) => r.range[0])), Math.min(...ranges.map((r) => r.range[1]))];
    if (durationRange[0] > durationRange[1]) {
      const takes = ranges.map(({ tag, range }) => `${tag} takes ${range[0]}–${range[1]} s`);
      throw new InputError('tags', `no input length suits every node (${takes.join('; ')})`);
    }
  }
  return {
    kind: first.inputKind,
    ...(extensions ? { extensions } : {}),
    ...(durationRange ? { durationRange } : {}),
  };
}

/**
 * `{ EventName: WorkflowFinish, WorkflowExecution }` for a planned run, given the TaskFinish JobsDetail of each
 * node's job (in node order). The instance is Failed when any node's job failed.
 */
export function buildWorkflowFinish(plan: WorkflowRunPlan, jobs: readonly Job[]): Job {
  if (jobs.length !== plan.nodes.length)
    throw new Error(`a run of ${plan.nodes.length} nodes needs as many jobs, got ${jobs.length}`);
  const tasks = plan.nodes.map((node, index) => task(node, jobs[index] as Job, plan.input.key));
  const failed = plan.nodes.some((node) => node.state === 'failed');
  const execution: Tree = {
    WorkflowId: plan.workflowId,
    WorkflowName: plan.workflowName,
    RunId: plan.runId,
    State: failed ? 'Failed' : 'Success',
    BucketId: plan.input.bucket,
    Object: plan.input.key,
    CreateTime: formatWorkflowTime(plan.createdAt),
    CosHeaders: plan.cosHeaders,
    Tasks: tasks,
  };
  return normalize({ EventName: 'WorkflowFinish', WorkflowExecution: execution });
}

/** One `Tasks` entry: what the node's job reported in its TaskFinish, in WorkflowFinish's format. */
function task(node: WorkflowNode, job: Job, inputKey: string): Tree {
  const tag = node.def.tag;
  const entry: Tree = {
    Type: tag,
    CreateTime: workflowTime(job, 'CreationTime', tag),
    EndTime: workflowTime(job, 'EndTime', tag),
    State: node.state === 'failed' ? 'Failed' : 'Success',
    JobId: required(job, 'JobId', tag),
    Name: node.name,
    TemplateId: text(job, 'Operation.TemplateId') || node.template.id,
    TemplateName: text(job, 'Operation.TemplateName') || node.template.name,
  };
  // Optional fields of GO's task struct, sent when the job has them.
  const transcodeTemplate = text(job, 'Operation.TranscodeTemplateId');
  if (transcodeTemplate) entry['TranscodeTemplateId'] = transcodeTemplate;
  const hdrMode = text(job, 'Operation.SDRtoHDR.HdrMode');
  if (hdrMode) entry['HdrMode'] = hdrMode;
  const info = resultInfo(job, inputKey);
  if (info) entry['ResultInfo'] = info;
  return entry;
}

/**
 * `ResultInfo` (newer intl sample, GO): the files the job wrote, from its MediaResult. ObjectName starts with
 * "/" as in that sample. Jobs without output files (and failed jobs, which have no MediaResult) have none.
 */
function resultInfo(job: Job, inputKey: string): Tree | undefined {
  const [file] = select(job, 'Operation.MediaResult.OutputFile');
  if (!isJob(file)) return undefined;
  const objects = objectInfo(file, inputKey);
  if (objects.length === 0) return undefined;
  const [sprite] = select(file, 'SpriteOutputFile');
  const sprites = isJob(sprite) ? objectInfo(sprite, inputKey) : [];
  const info: Tree = {
    ObjectCount: objects.length,
    SpriteObjectCount: sprites.length,
    ObjectInfo: objects,
  };
  if (sprites.length > 0) info['SpriteObjectInfo'] = sprites;
  return info;
}

function objectInfo(file: Job, inputKey: string): Tree[] {
  const bucket = text(file, 'Bucket') ?? '';
  const region = text(file, 'Region') ?? '';
  const prefix = text(file, 'ObjectPrefix') ?? '';
  return select(file, 'ObjectName')
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => {
      // Names are relative to ObjectPrefix (Snapshot) or full keys (SmartCover); some start with "/" (Tts).
      const key = `${prefix}${name}`.replace(/^\/+/, '');
      return {
        ObjectName: `/${key}`,
        ObjectUrl: `https://${bucket}.cos.${region}.myqcloud.com/${encodeURI(key)}`,
        InputObjectName: inputKey,
        Code: 'Success',
        Message: '',
      };
    });
}

function isJob(value: JobValue | undefined): value is Job {
  return typeof value === 'object' && !Array.isArray(value);
}

function required(job: Job, path: string, tag: string): string {
  const value = text(job, path);
  if (!value) throw new Error(`${tag}: its TaskFinish has no ${path}, which a WorkflowFinish task reports`);
  return value;
}

/** A TaskFinish time (`…T…+0800`) in WorkflowFinish's format (`… …+0800`). */
function workflowTime(job: Job, path: string, tag: string): string {
  return formatWorkflowTime(parseCiTime(required(job, path, tag)));
}
