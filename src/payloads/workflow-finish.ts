/**
 * @module workflow-finish
 * The library call for the WorkflowFinish event: the body CI POSTs when a workflow run ends, together with the
 * TaskFinish callbacks its nodes' jobs sent, which agree with it (object, run, node names, JobIds, times,
 * states). Reproducible from its seed.
 */
import { InputError } from '../core/errors.ts';
import { randomSeed, seededFaker } from '../core/faker.ts';
import { applyOverrides } from '../core/overrides.ts';
import { render } from '../core/render.ts';
import { DEFAULT_REFERENCE_DATE } from '../core/time.ts';
import type {
  Format,
  GenerateResult,
  Job,
  JobState,
  JsonShape,
  Override,
  TagDefinition,
} from '../core/types.ts';
import { generate } from './generate.ts';
import { checkWorkflowFinishOptions } from './payload-rules.ts';
import { findTag, tagNames } from './registry.ts';
import { buildWorkflowFinish, MAX_WORKFLOW_NODES, planWorkflowRun } from './workflow-finish-body.ts';

export interface WorkflowFinishOptions {
  /** One Tag per node, in node order (case-insensitive); a Tag may appear more than once. */
  tags: readonly string[];
  format?: Format;
  /** `failed`: one node's job fails (picked by the seed) and the instance is Failed; default `success`. */
  state?: JobState;
  /** Any whole number from 0 to 4294967295; omitted → a random one, reported back in the result. */
  seed?: number;
  /**
   * The TaskFinish callbacks' JobsDetail shape (default: each Tag's documented sample); `wrapped` also puts the
   * WorkflowFinish body under a top-level `Response`. WorkflowFinish has no JobsDetail, so `array` is `object`.
   */
  jsonShape?: JsonShape;
  /** Indentation off (XML and JSON), for every body. */
  compact?: boolean;
  /** `path=value` overrides of the WorkflowFinish body (from the `Response` root), applied last, verbatim. */
  overrides?: readonly (string | Override)[];
  /** The date runs are generated around (they fall within the year before it); pinned by default. */
  referenceDate?: Date;
}

export interface WorkflowFinishResult {
  body: string;
  contentType: string;
  seed: number;
  /** The WorkflowExecution tree that was rendered (overrides included). */
  execution: Job;
  /** The TaskFinish callback of each node's job, in node order, in the same format. */
  taskFinish: GenerateResult[];
}

export function generateWorkflowFinish(options: WorkflowFinishOptions): WorkflowFinishResult {
  const defs = workflowNodes(options.tags);
  checkWorkflowFinishOptions(options);
  const { format = 'xml', state = 'success', jsonShape } = options;
  const seed = options.seed ?? randomSeed();
  const compact = options.compact ?? false;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;

  const plan = planWorkflowRun(seededFaker(seed, 'WorkflowFinish'), defs, { state, referenceDate });
  const taskFinish = plan.nodes.map((node) =>
    generate(
      {
        tag: node.def.tag,
        format,
        trigger: 'workflow',
        state: node.state,
        seed: node.seed,
        compact,
        referenceDate,
        ...(jsonShape ? { jsonShape } : {}),
      },
      {
        input: plan.input,
        createdAt: node.createdAt,
        cosHeaders: plan.cosHeaders,
        queueId: node.queueId,
        workflow: {
          name: node.name,
          runId: plan.runId,
          workflowId: plan.workflowId,
          workflowName: plan.workflowName,
        },
      },
    ),
  );
  const response = buildWorkflowFinish(
    plan,
    taskFinish.map((result) => result.job),
  );
  applyOverrides(response, options.overrides ?? []);
  const { body, contentType } = render(response, { format, jsonShape: jsonShape ?? 'object', compact });
  return { body, contentType, seed, execution: response['WorkflowExecution'] as Job, taskFinish };
}

function workflowNodes(tags: readonly string[] | undefined): TagDefinition[] {
  if (!Array.isArray(tags) || tags.length === 0) {
    throw new InputError('tags', 'tags must list the workflow’s nodes, one Tag per node', tagNames());
  }
  if (tags.length > MAX_WORKFLOW_NODES) {
    throw new InputError(
      'tags',
      `a workflow run has at most ${MAX_WORKFLOW_NODES} nodes here, got ${tags.length}`,
    );
  }
  return tags.map((tag: unknown, index) => {
    if (typeof tag !== 'string') throw new InputError('tags', `a node is a Tag name, got ${typeof tag}`);
    return findTag(tag, ['tags', index]);
  });
}
