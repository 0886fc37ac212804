/**
 * @module delivery/workflow-run
 * Delivering a workflow run: each node's TaskFinish and the run's WorkflowFinish (one RunId), as CI sends them
 * (every TaskFinish, then the WorkflowFinish) or in another order — the `reorder` fault, where the
 * WorkflowFinish may come first. The callbacks are sent one after another, each as its own delivery.
 */
import type { Format, JobState } from '../core/types.ts';
import { seededRandom } from '../faults/choice.ts';
import { generateWorkflowFinish } from '../workflow-finish.ts';
import type { Deliverer } from './deliverer.ts';
import type { NewDelivery } from './model.ts';
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
}

/** One callback of a run, ready to send. */
export interface RunCallback {
  event: 'TaskFinish' | 'WorkflowFinish';
  /** The node's Tag; null for the WorkflowFinish. */
  tag: string | null;
  body: string;
  contentType: string;
}

export interface WorkflowRunPlan {
  seed: number;
  order: RunOrder;
  callbacks: RunCallback[];
}

export function planWorkflowRun(spec: WorkflowRunSpec): WorkflowRunPlan {
  const run = generateWorkflowFinish({
    tags: spec.tags,
    ...(spec.format ? { format: spec.format } : {}),
    ...(spec.state ? { state: spec.state } : {}),
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
  });
  const nodes: RunCallback[] = run.taskFinish.map((task) => ({
    event: 'TaskFinish',
    tag: task.variant.tag,
    body: task.body,
    contentType: task.contentType,
  }));
  const finish: RunCallback = {
    event: 'WorkflowFinish',
    tag: null,
    body: run.body,
    contentType: run.contentType,
  };
  const order = spec.order ?? 'natural';
  return { seed: run.seed, order, callbacks: ordered(nodes, finish, order, run.seed) };
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
    state: null,
    seed: plan.seed,
    scheduleId: destination.scheduleId ?? null,
    replayOf: null,
    ...(fault ? { fault } : {}),
  }));
}

/** Sends the run one callback after another (each with its own retries); resolves with every record. */
export async function deliverWorkflowRun(
  deliverer: Pick<Deliverer, 'deliver'>,
  plan: WorkflowRunPlan,
  destination: Destination,
): Promise<DeliveryDetail[]> {
  const fault = plan.order === 'natural' ? null : `reorder/${plan.order}`;
  const results: DeliveryDetail[] = [];
  for (const delivery of runDeliveries(plan, destination, fault))
    results.push(await deliverer.deliver(delivery));
  return results;
}
