/**
 * @module api/schemas
 * The request shapes of the HTTP API, as zod schemas: the routes validate with them and /openapi.json is
 * generated from them, so the document cannot drift from what is enforced.
 */
import { z } from 'zod';
import { headersSchema as headers } from '../delivery/header-rules.ts';
import { scheduleSpecFields } from '../delivery/schedule-spec.ts';
import { DELIVERY_STATUSES } from '../delivery/store.ts';
import { targetSchema } from '../delivery/target.ts';
import { CALLBACK_EVENTS } from '../delivery/workflow-run.ts';
import { faultsSchema } from '../faults/options.ts';
import {
  formatSchema,
  jsonShapeSchema,
  overridesSchema,
  payloadChoiceFields,
  seedSchema,
  seedTextSchema,
  stateSchema,
  triggerSchema,
} from '../payloads/payload-options.ts';
import {
  callbackTypeTextSchema,
  refineReviewCombination,
  reviewOptionFields,
  reviewResultSchema,
  reviewSchema,
} from '../payloads/review-options.ts';
import {
  JSON_ONLY,
  NEEDS_REVIEW,
  NOT_FOR_REVIEWS,
  REVIEW_ONLY_FIELDS,
  TASK_FINISH_FIELDS,
} from '../payloads/review-rules.ts';

/** Most payloads one POST /emit sends (count × tags). */
export const MAX_EMIT_DELIVERIES = 100;
const tagName = z.string().min(1).meta({ description: 'A Tag from GET /tags (case-insensitive)' });
const review = reviewSchema.meta({
  description:
    'A moderation kind from GET /reviews: send its Review* callback (JSON, with X-Ci-Content-Version) instead of a TaskFinish',
});
// one payload's options, with the library's words (src/payloads/payload-options.ts)
const format = formatSchema;
const trigger = triggerSchema;
const state = stateSchema;
const jsonShape = jsonShapeSchema;
const event = z.enum(CALLBACK_EVENTS).meta({
  description:
    '`task-finish` (default): one job’s TaskFinish per payload; `workflow-finish`: the WorkflowFinish of a workflow run over `tags` (the nodes, one Tag each, in order)',
});
const run = z.boolean().meta({
  description:
    'With `tags`: deliver the whole workflow run as CI does, each node’s TaskFinish then the WorkflowFinish (one RunId), one delivery each; implies event workflow-finish',
});
const overrides = overridesSchema.meta({
  description: '`path=value` overrides applied last, e.g. "JobsDetail.Code=InputObjectNotExist"',
});
/** Query and path values arrive as text. */
const wholeNumber = (description: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be ${min} or more`).max(max, `must be ${max} or less`))
    .meta({ description });

export const emitBody = z
  .strictObject({
    target: targetSchema,
    tag: tagName.optional(),
    tags: z.array(tagName).min(1).max(MAX_EMIT_DELIVERIES).optional().meta({
      description:
        '`count` of each Tag; with event workflow-finish or run: the workflow run’s nodes, in order',
    }),
    format: format.optional(),
    trigger: trigger.optional(),
    state: state.optional(),
    jsonShape: jsonShape.optional(),
    seed: seedSchema.optional().meta({
      description: 'With a seed, the i-th payload of each Tag uses seed + i (reproducible); default random',
    }),
    count: z.int().min(1).max(MAX_EMIT_DELIVERIES).optional().meta({
      description: 'Payloads per Tag (default 1); with event workflow-finish: runs (seeds S, S+1, …)',
    }),
    overrides: overrides.optional(),
    headers: headers.optional(),
    retry: scheduleSpecFields.retry,
    attemptHeader: scheduleSpecFields.attemptHeader,
    compact: z.boolean().optional(),
    faults: faultsSchema.optional(),
    event: event.optional(),
    run: run.optional(),
    review: review.optional(),
    ...reviewOptionFields,
  })
  .superRefine((body, ctx) => {
    if (checkReviewFields(body, ctx)) return;
    if (checkWorkflowFields(body, ctx)) {
      const runs = body.count ?? 1;
      const total = runs * (body.run ? (body.tags?.length ?? 0) + 1 : 1);
      if (total > MAX_EMIT_DELIVERIES) {
        ctx.addIssue({
          code: 'custom',
          path: ['count'],
          message: `count × callbacks per run is ${total}; accepted: at most ${MAX_EMIT_DELIVERIES} deliveries per emit`,
        });
      }
      return;
    }
    if ((body.tag === undefined) === (body.tags === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tag'],
        message: 'give exactly one of tag (a name) and tags (a list)',
      });
    }
    const total = (body.tags?.length ?? 1) * (body.count ?? 1);
    if (total > MAX_EMIT_DELIVERIES) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `count × tags is ${total}; accepted: at most ${MAX_EMIT_DELIVERIES} deliveries per emit`,
      });
    }
  })
  // one shape for the handler: `tag` is a list of one, `count` defaults to 1
  .transform(({ tag, tags, count, ...rest }) => ({
    ...rest,
    tags: tags ?? (tag === undefined ? [] : [tag]),
    count: count ?? 1,
  }));
export type EmitBody = z.infer<typeof emitBody>;

/**
 * With `review`, a body asks for moderation callbacks: the TaskFinish fields are refused, the format is JSON,
 * and the options must suit the kind (review-rules.ts). Without it, the moderation options are refused.
 * Returns whether the body asks for moderation callbacks.
 */
function checkReviewFields(body: Record<string, unknown>, ctx: z.RefinementCtx): boolean {
  if (body['review'] === undefined) {
    for (const field of REVIEW_ONLY_FIELDS)
      if (body[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: NEEDS_REVIEW });
    return false;
  }
  for (const field of [...TASK_FINISH_FIELDS, 'weights', 'formats', 'triggers', 'states'])
    if (body[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: NOT_FOR_REVIEWS });
  if (body['format'] !== undefined && body['format'] !== 'json')
    ctx.addIssue({ code: 'custom', path: ['format'], message: JSON_ONLY });
  refineReviewCombination(body as Parameters<typeof refineReviewCombination>[0], ctx);
  return true;
}

/** The fields that pick a workflow event, in emit and schedule bodies. */
interface WorkflowFields {
  event?: (typeof CALLBACK_EVENTS)[number] | undefined;
  run?: boolean | undefined;
  tags?: readonly string[] | undefined;
  tag?: string | undefined;
  trigger?: string | undefined;
  triggers?: readonly string[] | undefined;
  weights?: Record<string, number> | undefined;
  faults?: Record<string, unknown> | undefined;
}

/**
 * Checks the workflow fields (`event: workflow-finish`, `run`) against the rest, adding an issue per conflict;
 * returns whether the body asks for a workflow event (then `tags` are its nodes, in order).
 */
function checkWorkflowFields(body: WorkflowFields, ctx: z.RefinementCtx): boolean {
  if (body.run && body.event === 'task-finish') {
    ctx.addIssue({
      code: 'custom',
      path: ['run'],
      message:
        'run sends a workflow run, which ends with its WorkflowFinish: give event "workflow-finish" or leave event out',
    });
  }
  if (body.event !== 'workflow-finish' && !body.run) return false;
  const asked = body.run ? 'run' : 'event "workflow-finish"';
  if (body.tags === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['tags'],
      message: `${asked} needs tags: the workflow's nodes, one Tag per node, in order, e.g. ["SpeechRecognition", "Transcode"]`,
    });
  }
  const refused: [keyof WorkflowFields, string][] = [
    ['tag', 'tag is one TaskFinish; a workflow run lists its nodes in tags'],
    ['trigger', 'every job of a workflow run is workflow-triggered'],
    ['triggers', 'every job of a workflow run is workflow-triggered'],
    ['weights', 'a workflow run has fixed nodes, listed in order in tags; weights draw one Tag per delivery'],
  ];
  for (const [field, why] of refused) {
    if (body[field] !== undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} does not go with ${asked}: ${why}` });
  }
  if (!body.run && body.faults && Object.keys(body.faults).includes('reorder')) {
    ctx.addIssue({
      code: 'custom',
      path: ['faults', 'reorder'],
      message: 'reorder needs run: true: it sends a run’s WorkflowFinish before its TaskFinish callbacks',
    });
  }
  if (body.faults && Object.keys(body.faults).includes('burst')) {
    ctx.addIssue({
      code: 'custom',
      path: ['faults', 'burst'],
      message: `burst does not go with ${asked}: a run's callbacks are sent one after another; reorder changes their order`,
    });
  }
  return true;
}

export const scheduleBody = z
  .strictObject({
    target: targetSchema,
    every: scheduleSpecFields.every,
    cron: z
      .string()
      .meta({ description: 'Cron pattern, 5 fields or 6 with seconds first, server local time' })
      .optional(),
    tags: z.array(tagName).min(1).optional().meta({
      description:
        'Drawn uniformly; default every Tag. With event workflow-finish or run: the nodes of each run, in order',
    }),
    weights: z
      .record(z.string(), z.number().positive())
      .optional()
      .meta({ description: 'Tags drawn in proportion to weight, e.g. {"SmartCover": 3, "SoundHound": 1}' }),
    format: format.optional(),
    formats: payloadChoiceFields.formats,
    trigger: trigger.optional(),
    triggers: payloadChoiceFields.triggers,
    state: state.optional(),
    states: payloadChoiceFields.states,
    jsonShape: jsonShape.optional(),
    overrides: overrides.optional(),
    headers: headers.optional(),
    limit: scheduleSpecFields.limit,
    jitter: scheduleSpecFields.jitter,
    retry: scheduleSpecFields.retry,
    attemptHeader: scheduleSpecFields.attemptHeader,
    faults: faultsSchema.optional(),
    event: event.optional(),
    run: run.optional(),
    review: review.optional(),
    callbackVersion: reviewOptionFields.callbackVersion,
    result: reviewOptionFields.result,
    results: z.array(reviewResultSchema).min(1, 'give at least one value').optional().meta({
      description: 'With review: each run draws its result from these (default every result class)',
    }),
    callbackType: reviewOptionFields.callbackType,
    liveState: reviewOptionFields.liveState,
  })
  .superRefine((body, ctx) => {
    if (body.result !== undefined && body.results !== undefined)
      ctx.addIssue({ code: 'custom', path: ['results'], message: 'give result or results, not both' });
    if (body.review === undefined && body.results !== undefined)
      ctx.addIssue({ code: 'custom', path: ['results'], message: NEEDS_REVIEW });
    if (!checkReviewFields(body, ctx)) checkWorkflowFields(body, ctx);
    const pairs = [
      ['every', 'cron'],
      ['tags', 'weights'],
      ['format', 'formats'],
      ['trigger', 'triggers'],
      ['state', 'states'],
    ] as const;
    for (const [one, other] of pairs) {
      if (body[one] !== undefined && body[other] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [other], message: `give ${one} or ${other}, not both` });
      }
    }
    if (body.every === undefined && body.cron === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['every'],
        message: 'give every (e.g. "5s") or cron (e.g. "*/1 * * * *")',
      });
    }
  });
export type ScheduleBody = z.infer<typeof scheduleBody>;

/** A query value given once or repeated (`?overrides=a=1&overrides=b=2`). */
const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));
const overridesQuery = repeatable
  .pipe(overridesSchema)
  .meta({ description: '`path=value` overrides applied last; repeat the parameter for more than one' });

export const payloadQuery = z.strictObject({
  format: format.optional(),
  trigger: trigger.optional(),
  state: state.optional(),
  jsonShape: jsonShape.optional(),
  seed: seedTextSchema
    .optional()
    .meta({ description: '0 … 4294967295; default random (reported in X-CI-Callback-Seed)' }),
  compact: z.enum(['true', 'false']).optional(),
  overrides: overridesQuery.optional(),
});

export const reviewParam = z.object({
  review: z.string().min(1).meta({ description: 'A moderation kind from GET /reviews' }),
});

export const reviewPayloadQuery = z.strictObject({
  callbackVersion: reviewOptionFields.callbackVersion,
  result: reviewOptionFields.result,
  callbackType: callbackTypeTextSchema
    .optional()
    .meta({ description: '1 (default) every snapshot, section or page; 2 only the non-compliant ones' }),
  liveState: reviewOptionFields.liveState,
  consoleTest: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: "true: the console's fixed test request sent when a callback URL is saved" }),
  seed: payloadQuery.shape.seed,
  compact: payloadQuery.shape.compact,
});

export const workflowFinishQuery = z.strictObject({
  nodes: z
    .string()
    .min(1, 'list the nodes, one Tag per node, e.g. SpeechRecognition,Transcode')
    .transform((value) => value.split(',').map((tag) => tag.trim()))
    .meta({ description: 'One Tag per workflow node, in order, comma-separated (a Tag may repeat)' }),
  format: format.optional(),
  state: state.optional(),
  jsonShape: jsonShape.optional(),
  seed: payloadQuery.shape.seed,
  compact: payloadQuery.shape.compact,
  overrides: overridesQuery.optional(),
});

export const deliveriesQuery = z.strictObject({
  schedule: wholeNumber('Only deliveries of this schedule').optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  tag: tagName.optional(),
  target: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'Only deliveries whose target URL contains this text' }),
  limit: wholeNumber('Page size, 1 … 500 (default 50)', 1, 500).optional(),
  cursor: wholeNumber('`nextCursor` of the previous page').optional(),
});

export const sinkQuery = z.strictObject({
  limit: wholeNumber('How many of the latest callbacks (default all kept)', 1).optional(),
});

export const idParam = z.object({ id: wholeNumber('The id') });
export const tagParam = z.object({ tag: tagName });
