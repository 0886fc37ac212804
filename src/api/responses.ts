/**
 * @module api/responses
 * What the HTTP API answers, as zod schemas: each route declares its responses with them (src/api/*.ts), so
 * `/openapi.json` documents exactly these shapes, the handlers are type-checked against them and the typed
 * `hc` client sees them. A schema with an `id` becomes a named component of the document.
 */
import { z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES, SCHEDULE_STATUSES } from '../delivery/store.ts';
import { CALLBACK_EVENTS, RUN_ORDERS } from '../delivery/workflow-run.ts';

const dateTime = z.string().meta({ format: 'date-time' });
const nullableDateTime = dateTime.nullable();
/** A list as the server holds it (read-only); documented as a plain array. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
/** A number the server may not know yet: NaN and infinities travel as JSON null. */
const figure = z.number().nullable();

export const problemSchema = z
  .object({
    error: z.string().meta({ examples: ['bad_request', 'not_found', 'target_not_allowed'] }),
    detail: z.string().meta({ description: 'What was wrong and what is accepted' }),
    fields: z.array(z.string()).optional().meta({ description: 'The request fields that were wrong' }),
  })
  .meta({ id: 'Problem' });

// ---- health, tags -------------------------------------------------------------------------------------------

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'starting', 'stopping']),
    inFlight: z.int().meta({ description: 'Deliveries being attempted right now' }),
  })
  .meta({ id: 'Health' });

export const tagDescriptionSchema = z
  .object({
    tag: z.string(),
    family: z.string().meta({ description: 'The job family, which sets the JobId prefix' }),
    jobIdPrefix: z.string(),
    source: z.enum(['documented', 'inferred']).meta({
      description: 'documented: an official example body exists; inferred: built from the SDK and catalog',
    }),
    resultNode: z.string().meta({ description: 'The Operation element holding the result' }),
    summary: z.string(),
    docUrl: z.string(),
    defaultJsonShape: z.string(),
    formats: list(z.string()),
    triggers: list(z.string()),
    states: list(z.string()),
    jsonShapes: list(z.string()),
  })
  .meta({ id: 'TagDescription' });

export const tagListSchema = z.object({ tags: z.array(tagDescriptionSchema) });

export const reviewDescriptionSchema = z
  .object({
    review: z.string().meta({ description: 'The moderation kind, e.g. video' }),
    eventName: z
      .string()
      .meta({ description: '`EventName` (Detail) and `data.event` (Simple); live is ReviewVideo' }),
    summary: z.string(),
    callbackVersions: list(z.string()).meta({ description: "The forms CI sends for it, CI's default first" }),
    defaultCallbackVersion: z.string(),
    results: list(z.string()),
    callbackTypes: z
      .boolean()
      .meta({ description: 'Whether callbackType 2 (only non-compliant segments) applies' }),
    consoleTest: z.boolean().meta({ description: 'Whether the console sends a test request for it' }),
  })
  .meta({ id: 'ReviewDescription' });

export const reviewListSchema = z.object({ reviews: z.array(reviewDescriptionSchema) });

// ---- deliveries ---------------------------------------------------------------------------------------------

export const attemptErrorSchema = z
  .object({
    kind: z.enum(['connect', 'timeout', 'reset', 'local', 'other']),
    message: z.string(),
  })
  .meta({ id: 'AttemptError' });

export const attemptSchema = z
  .object({
    number: z.int().meta({ description: 'Sent as the X-CI-Callback-Attempt header' }),
    status: z.enum(['in_flight', 'ok', 'failed', 'interrupted']),
    httpStatus: z.int().nullable(),
    latencyMs: z.number().nullable(),
    responseSnippet: z.string().nullable().meta({ description: 'The first 512 characters of the answer' }),
    error: attemptErrorSchema.nullable(),
    startedAt: dateTime,
    finishedAt: nullableDateTime,
  })
  .meta({ id: 'Attempt' });

const deliverySummaryFields = {
  id: z.int(),
  status: z.enum(DELIVERY_STATUSES),
  target: z.string().meta({ description: 'Credentials and query values masked' }),
  tag: z.string().nullable(),
  format: z.string().nullable(),
  trigger: z.string().nullable(),
  state: z.string().nullable(),
  seed: z.int().nullable(),
  scheduleId: z.int().nullable(),
  replayOf: z.int().nullable(),
  fault: z.string().nullable().meta({ description: 'The delivery fault that shaped it, e.g. duplicate' }),
  faultOf: z.int().nullable().meta({ description: 'The delivery a faulted one derives from' }),
  attemptCount: z.int(),
  httpStatus: z.int().nullable().meta({ description: "The last attempt's" }),
  latencyMs: z.number().nullable().meta({ description: "The last attempt's" }),
  error: attemptErrorSchema.nullable().meta({ description: "The last attempt's" }),
  createdAt: dateTime,
  finishedAt: nullableDateTime,
};

export const deliverySummarySchema = z.object(deliverySummaryFields).meta({ id: 'DeliverySummary' });

export const deliveryOutcomeSchema = z
  .object({ ...deliverySummaryFields, attempts: z.array(attemptSchema) })
  .meta({ id: 'DeliveryOutcome' });

export const deliveryDetailSchema = z
  .object({
    ...deliveryOutcomeSchema.shape,
    request: z.object({
      contentType: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
    }),
  })
  .meta({ id: 'DeliveryDetail' });

export const deliveryPageSchema = z.object({
  deliveries: z.array(deliverySummarySchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page' }),
});

// ---- emit ---------------------------------------------------------------------------------------------------

export const emitResultSchema = z
  .object({
    delivered: z.int(),
    failed: z.int().meta({ description: 'Deliveries that did not end delivered' }),
    deliveries: z.array(deliveryOutcomeSchema),
    faultDeliveries: z
      .array(z.object({ id: z.int(), fault: z.string(), faultOf: z.int() }))
      .optional()
      .meta({
        description: 'With faults: the extra deliveries recorded, sent in the background after their delay',
      }),
    runs: z
      .array(
        z.object({
          runId: z.string(),
          seed: z.int(),
          order: z.enum(RUN_ORDERS),
          deliveries: z.array(z.int()).meta({ description: 'Delivery ids, in the order sent' }),
        }),
      )
      .optional()
      .meta({
        description: 'With event workflow-finish: each run, its RunId, seed, order and its deliveries',
      }),
  })
  .meta({ id: 'EmitResult' });

// ---- schedules ----------------------------------------------------------------------------------------------

export const scheduleSchema = z
  .object({
    id: z.int(),
    name: z.string().nullable(),
    status: z.enum(SCHEDULE_STATUSES),
    target: z.string().meta({ description: 'Credentials and query values masked' }),
    every: z.union([z.string(), z.number()]).nullable().meta({ description: 'As written' }),
    cron: z.string().nullable(),
    tags: list(z.string()).nullable(),
    weights: z.record(z.string(), z.number()).readonly().nullable(),
    formats: list(z.string()).nullable(),
    triggers: list(z.string()).nullable(),
    states: list(z.string()).nullable(),
    jsonShape: z.string().nullable(),
    overrides: list(z.string()).nullable(),
    review: z
      .object({
        review: z.string(),
        callbackVersion: z.string().optional(),
        results: list(z.string()).optional(),
        callbackType: z.int().optional(),
        liveState: z.string().optional(),
      })
      .nullable()
      .meta({
        description: 'Moderation callbacks each run sends instead of TaskFinish (result drawn from results)',
      }),
    headers: z.record(z.string(), z.string()),
    limit: z.int().nullable(),
    jitter: z.union([z.string(), z.number()]).nullable().meta({ description: 'As written' }),
    faults: z
      .record(z.string(), z.object({ probability: z.number(), delayMs: z.int().optional() }))
      .nullable()
      .meta({ description: 'Delivery faults drawn for each run, by fault name' }),
    event: z.enum(CALLBACK_EVENTS).meta({ description: 'What each run sends' }),
    run: z.boolean().meta({ description: 'Each run sends a whole workflow run over tags' }),
    retry: z
      .string()
      .nullable()
      .meta({ description: "The retry schedule as written, e.g. 0,1s,5s; null: the server's" }),
    attemptHeader: z
      .boolean()
      .nullable()
      .meta({ description: "Whether attempts carry X-CI-Callback-Attempt; null: the server's setting" }),
    sent: z.int().meta({ description: 'Callbacks sent (a whole workflow run is several)' }),
    createdAt: dateTime,
    lastRunAt: nullableDateTime,
    nextRunAt: nullableDateTime,
  })
  .meta({ id: 'Schedule' });

export const scheduleListSchema = z.object({ schedules: z.array(scheduleSchema) });

// ---- sink ---------------------------------------------------------------------------------------------------

export const sinkEntrySchema = z
  .object({
    id: z.int().meta({ description: 'Counts every callback received since start' }),
    receivedAt: dateTime,
    contentType: z.string().nullable(),
    attempt: z.string().nullable().meta({ description: 'The X-CI-Callback-Attempt header' }),
    size: z.int().meta({ description: 'Body length in bytes' }),
    body: z.string(),
    truncated: z.boolean(),
    answered: z
      .object({
        status: z.int(),
        delayMs: z.int().meta({ description: 'How long the sink waited before answering' }),
        by: z.enum(['default', 'query', 'setting']).meta({
          description:
            'default: nothing asked (200); query: the request asked (?status=…); setting: PUT /sink/response',
        }),
      })
      .meta({ description: 'What the sink answered this callback' }),
  })
  .meta({ id: 'SinkEntry' });

export const sinkListSchema = z.object({
  capacity: z.int().meta({ description: 'How many callbacks are kept' }),
  total: z.int().meta({ description: 'Callbacks received since start' }),
  callbacks: z.array(sinkEntrySchema),
});

export const sinkReceiptSchema = z.object({ received: z.literal(true), id: z.int() });

export const sinkSettingSchema = z.object({
  setting: z
    .object({
      status: z.array(z.int()).meta({ description: 'Answered in turn, then again from the start' }),
      delay: z.union([z.string(), z.number()]).nullable().meta({ description: 'As written' }),
      body: z.string().nullable(),
      next: z.int().meta({ description: 'The place in status the next callback takes, from 0' }),
    })
    .nullable()
    .meta({ description: 'null: the sink answers 200 at once (unless a request asks otherwise)' }),
});

// ---- runs started in the background -------------------------------------------------------------------------

const runStatus = z.enum(['running', 'done', 'failed']);

export const runStartedSchema = z.object({
  id: z.string(),
  status: z.literal('running'),
  location: z.string().meta({ description: 'Where to follow the run (also the Location header)' }),
});

const latencySummary = z.object({
  p50: figure,
  p90: figure,
  p99: figure,
  p999: figure,
  max: figure,
  mean: figure,
});

const faultTallySchema = z.object({
  sent: z.int(),
  answered2xx: z.int(),
  answered4xx: z.int(),
  answered5xx: z.int(),
  noAnswer: z.int(),
  cancelled: z.int(),
});

export const loadReportSchema = z
  .object({
    model: z.enum(['open', 'closed']),
    target: z.string(),
    startedAt: dateTime,
    targetRate: z.number().nullable(),
    connections: z.int(),
    maxInFlight: z.int().nullable(),
    durationSeconds: z.number(),
    warmupSeconds: z.number(),
    warmup: z
      .object({
        seconds: z.number(),
        excluded: z.literal(true),
        requests: z.int(),
        responses: z.int(),
        failures: z.int(),
        achievedRate: z.number(),
        latencyMs: latencySummary,
      })
      .meta({ description: 'The warm-up, reported apart: its requests are in no other figure' }),
    requests: z.int(),
    responses: z.int(),
    achievedRate: z.number(),
    statusCodes: z.record(z.string(), z.int()),
    errors: z.record(z.string(), z.int()).meta({ description: 'Transport failures by kind' }),
    failures: z.int(),
    errorRate: z.number(),
    latencyMs: latencySummary,
    sendLagMs: z.object({ p50: figure, p99: figure, max: figure }),
    saturation: z.object({
      delayedByInFlightCap: z.int(),
      unfinished: z.int(),
      warnings: z.array(z.string()),
    }),
    tags: z.record(
      z.string(),
      z.object({ requests: z.int(), responses: z.int(), failures: z.int(), latencyMs: latencySummary }),
    ),
    timeline: z.array(
      z.object({
        second: z.int(),
        requests: z.int(),
        responses: z.int(),
        failures: z.int(),
        latencyMs: z.object({ p50: figure, p99: figure, max: figure }),
        completed: z.int(),
      }),
    ),
    bodies: z.object({
      seed: z.int(),
      format: z.string(),
      trigger: z.string(),
      state: z.string(),
      templates: z.int(),
      averageBytes: z.number(),
    }),
    aborted: z.boolean(),
    faults: z.record(z.string(), faultTallySchema).optional(),
  })
  .meta({ id: 'LoadReport', description: 'As `ci-callback load --json` writes it' });

export const loadRunSchema = z
  .object({
    id: z.string(),
    status: runStatus,
    target: z.string(),
    model: z.enum(['open', 'closed']),
    startedAt: dateTime,
    finishedAt: nullableDateTime,
    expectedSeconds: z.number().meta({ description: 'Planned length, warm-up included' }),
    progress: z
      .object({
        elapsedMs: z.number(),
        phase: z.enum(['warmup', 'measuring', 'draining']),
        rate: figure,
        inFlight: z.int(),
        finished: z.int(),
        failed: z.int(),
        p50Ms: figure,
        p99Ms: figure,
      })
      .nullable()
      .meta({ description: 'The latest look at the run while it goes (once a second)' }),
    report: loadReportSchema.nullable(),
    thresholds: z
      .array(z.object({ threshold: z.string(), unit: z.string(), actual: figure, crossed: z.boolean() }))
      .nullable(),
    passed: z.boolean().nullable().meta({ description: 'With failOn: whether no threshold was crossed' }),
    error: z.string().nullable(),
  })
  .meta({ id: 'LoadRun' });

export const loadRunStartedSchema = runStartedSchema.extend({
  expectedSeconds: z.number().meta({ description: 'Planned length, warm-up included' }),
});

const probeResultSchema = z
  .object({
    id: z.string(),
    fault: z.string(),
    expects: z.string(),
    verdict: z.enum(['pass', 'fail', 'not-run']),
    happened: z.string(),
    statuses: z.array(z.int().nullable()),
    latencyMs: z.number(),
    events: z.array(z.string()),
    canary: z
      .object({
        accepted: z.boolean(),
        status: z.int().nullable(),
        latencyMs: z.number(),
        happened: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ProbeResult' });

export const probeReportSchema = z
  .object({
    target: z.string(),
    format: z.string(),
    seed: z.int(),
    startedAt: dateTime,
    finishedAt: dateTime,
    passed: z.boolean(),
    stoppedEarly: z.string().nullable(),
    counts: z.object({ passed: z.int(), failed: z.int(), notRun: z.int() }),
    probes: z.array(probeResultSchema),
  })
  .meta({ id: 'ProbeReport', description: 'As `ci-callback probe --json` writes it' });

export const probeRunSchema = z
  .object({
    id: z.string(),
    status: runStatus,
    target: z.string(),
    startedAt: dateTime,
    finishedAt: nullableDateTime,
    planned: z.array(z.string()).meta({ description: 'The probe ids selected, in run order' }),
    probes: z.array(probeResultSchema).meta({ description: 'Finished so far, then the whole report’s' }),
    passed: z.boolean().nullable(),
    report: probeReportSchema.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ProbeRun' });

export const probeRunStartedSchema = runStartedSchema.extend({
  probes: z.array(z.string()).meta({ description: 'The probe ids selected, in run order' }),
});
