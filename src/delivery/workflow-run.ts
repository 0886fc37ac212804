/**
 * @module delivery/workflow-run
 * Delivering a workflow run: each node's TaskFinish and the run's WorkflowFinish (one RunId), as CI sends them
 * (every TaskFinish, then the WorkflowFinish) or in another order — the `reorder` fault, where the
 * WorkflowFinish may come first. The callbacks are sent one after another, each as its own delivery.
 */
import { MAX_SEED } from '../core/faker.ts';
import type { Format, JobState, JsonShape } from '../core/types.ts';
import { seededRandom } from '../faults/choice.ts';
import type { FaultSetting } from '../faults/options.ts';
import { generateWorkflowFinish, type WorkflowFinishOptions } from '../payloads/workflow-finish.ts';
import type { Deliverer, InOrderOptions } from './deliverer.ts';
import type { NewDelivery } from './model.ts';
// a type only: payload-plan loads zod, which the probe entry (through this module) must not
import type { Destination } from './payload-plan.ts';
import type { DeliveryDetail } from './store.ts';

export const RUN_ORDERS = ['natural', 'workflow-first', 'shuffled'] as const;
/**
 * `natural`: nodes in order, then the WorkflowFinish (as CI sends them); `workflow-first`: the WorkflowFinish,
 * then the nodes in reverse; `shuffled`: an order drawn from the run's seed.
 */
export type RunOrder = (typeof RUN_ORDERS)[number];

export interface WorkflowRunSpec {
  /** One Tag per node. */
  tags: readonly string[];
  format?: Format;
  state?: JobState;
  seed?: number;
  order?: RunOrder;
  jsonShape?: JsonShape;
  compact?: boolean;
  /** `path=value` overrides of the WorkflowFinish body. */
  overrides?: WorkflowFinishOptions['overrides'];
}

/** One callback of a run, ready to send. */
export interface RunCallback {
  event: 'TaskFinish' | 'WorkflowFinish';
  /** The node's Tag; null for the WorkflowFinish. */
  tag: string | null;
  /** The node job's state; for the WorkflowFinish, the run's. */
  state: JobState;
  body: string;
  contentType: string;
}

export interface WorkflowRunPlan {
  seed: number;
  /** The RunId every callback of the run carries. */
  runId: string;
  order: RunOrder;
  callbacks: RunCallback[];
}

export function planWorkflowRun(spec: WorkflowRunSpec): WorkflowRunPlan {
  const run = generateWorkflowFinish({
    tags: spec.tags,
    ...(spec.format ? { format: spec.format } : {}),
    ...(spec.state ? { state: spec.state } : {}),
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
    ...(spec.jsonShape ? { jsonShape: spec.jsonShape } : {}),
    ...(spec.compact ? { compact: true } : {}),
    ...(spec.overrides ? { overrides: spec.overrides } : {}),
  });
  const nodes: RunCallback[] = run.taskFinish.map((task) => ({
    event: 'TaskFinish',
    tag: task.variant.tag,
    state: task.variant.state,
    body: task.body,
    contentType: task.contentType,
  }));
  const finish: RunCallback = {
    event: 'WorkflowFinish',
    tag: null,
    state: spec.state ?? 'success',
    body: run.body,
    contentType: run.contentType,
  };
  const order = spec.order ?? 'natural';
  const runId = String(run.execution['RunId']);
  return { seed: run.seed, runId, order, callbacks: ordered(nodes, finish, order, run.seed) };
}

function ordered(nodes: RunCallback[], finish: RunCallback, order: RunOrder, seed: number): RunCallback[] {
  switch (order) {
    case 'natural':
      return [...nodes, finish];
    case 'workflow-first':
      return [finish, ...[...nodes].reverse()];
    case 'shuffled':
      return shuffle([...nodes, finish], seededRandom(seed));
  }
}

/** Fisher–Yates with the given draws. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The run's callbacks as deliveries to one destination, in the plan's order. */
export function runDeliveries(
  plan: WorkflowRunPlan,
  destination: Destination,
  fault: string | null,
): NewDelivery[] {
  return plan.callbacks.map((callback) => ({
    target: destination.target,
    body: callback.body,
    contentType: callback.contentType,
    headers: { ...destination.headers },
    tag: callback.tag ?? 'WorkflowFinish',
    format: callback.contentType.includes('json') ? 'json' : 'xml',
    trigger: 'workflow',
    state: callback.state,
    seed: plan.seed,
    scheduleId: destination.scheduleId ?? null,
    replayOf: null,
    ...(fault ? { fault } : {}),
    ...(destination.send ? { send: destination.send } : {}),
  }));
}

/** Sends the run one callback after another (each with its own retries); resolves with every record. */
export function deliverWorkflowRun(
  deliverer: Pick<Deliverer, 'deliverInOrder'>,
  plan: WorkflowRunPlan,
  destination: Destination,
  options?: InOrderOptions,
): Promise<DeliveryDetail[]> {
  const fault = plan.order === 'natural' ? null : `reorder/${plan.order}`;
  return deliverer.deliverInOrder(runDeliveries(plan, destination, fault), options);
}

/** The callbacks a workflow event sends: `task-finish` one job's TaskFinish, `workflow-finish` a run's end. */
export const CALLBACK_EVENTS = ['task-finish', 'workflow-finish'] as const;
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];

/** What `event: workflow-finish` sends, from emit, send and schedules. */
export interface WorkflowEmission extends Omit<WorkflowRunSpec, 'order'> {
  /** true: the whole run (each node's TaskFinish, then the WorkflowFinish); false: the WorkflowFinish alone. */
  run: boolean;
  /** How many runs (with a seed S: seeds S, S+1, …); default 1. */
  count?: number;
  /** The `reorder` fault: each run drawn for it is sent WorkflowFinish first. */
  reorder?: FaultSetting;
  /** [0, 1): the reorder draws. */
  random?: () => number;
}

/** Callbacks per run: the nodes' TaskFinish and the WorkflowFinish, or the WorkflowFinish alone. */
export function callbacksPerRun(emission: Pick<WorkflowEmission, 'run' | 'tags'>): number {
  return emission.run ? emission.tags.length + 1 : 1;
}

/**
 * The plans of `count` runs, rendered before anything is sent (a bad Tag or override fails first). Without
 * `run`, each plan holds the WorkflowFinish alone; with it, the whole run, in CI's order unless `reorder` is
 * drawn for it.
 */
export function planWorkflowEmission(emission: WorkflowEmission): WorkflowRunPlan[] {
  const { run, count = 1, reorder, random = Math.random, seed, ...spec } = emission;
  return Array.from({ length: count }, (_, i) => {
    const reordered = run && reorder !== undefined && random() < reorder.probability;
    const plan = planWorkflowRun({
      ...spec,
      ...(seed !== undefined ? { seed: (seed + i) % (MAX_SEED + 1) } : {}),
      order: reordered ? 'workflow-first' : 'natural',
    });
    return run ? plan : { ...plan, callbacks: plan.callbacks.filter((c) => c.event === 'WorkflowFinish') };
  });
}
