/**
 * @module server/openapi
 * `GET /openapi.json`: an OpenAPI 3.1 document of every route. Request bodies and query parameters are
 * generated from the zod schemas the routes validate with; responses are described here. A test checks that
 * every route of the app appears in it.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { DELIVERY_STATUSES, SCHEDULE_STATUSES } from '../delivery/store.ts';
import { CALLBACK_EVENTS, RUN_ORDERS } from '../delivery/workflow-run.ts';
import { loadRunBody } from '../load/run-request.ts';
import { probeBody } from '../probe/run-request.ts';
import { OPEN_PATHS } from './auth.ts';
import {
  deliveriesQuery,
  emitBody,
  payloadQuery,
  scheduleBody,
  sinkQuery,
  workflowFinishQuery,
} from './schemas.ts';

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;
/** Path (OpenAPI style, `{id}`) → method → operation. */
export type OpenApiPaths = Record<string, Record<string, Operation>>;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

function queryParameters(schema: z.ZodObject): Operation[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchemaOf(field as z.ZodType);
    return { name, in: 'query', required: false, description, schema: fieldSchema };
  });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string) => json(ref('Problem'), description);
const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id`,
  schema: { type: 'string', pattern: '^\\d+$' },
});
const nullable = (type: string) => ({ type: [type, 'null'] });

const COMMON_ERRORS = {
  '400': problem('A field is wrong: `detail` says which and what is accepted, `fields` lists them'),
  '401': problem('The server was started with --token and this request lacks the right bearer token'),
  '413': problem('The request body is over 1 MiB'),
};
const NOT_FOUND = { '404': problem('No such resource') };
const FORBIDDEN = { '403': problem('The target does not match the --allow-target patterns') };
const NOT_JSON = {
  '415': problem(
    'The body is not sent as JSON: Content-Type must be application/json or application/<name>+json',
  ),
};

const COMPONENTS = {
  securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  schemas: {
    Problem: {
      type: 'object',
      required: ['error', 'detail'],
      properties: {
        error: { type: 'string', examples: ['bad_request', 'not_found', 'target_not_allowed'] },
        detail: { type: 'string', description: 'What was wrong and what is accepted' },
        fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'The request fields that were wrong',
        },
      },
    },
    AttemptError: {
      type: ['object', 'null'],
      properties: {
        kind: { enum: ['connect', 'timeout', 'reset', 'local', 'other'] },
        message: { type: 'string' },
      },
    },
    Attempt: {
      type: 'object',
      properties: {
        number: { type: 'integer', description: 'Sent as the X-CI-Callback-Attempt header' },
        status: { enum: ['in_flight', 'ok', 'failed', 'interrupted'] },
        httpStatus: nullable('integer'),
        latencyMs: nullable('number'),
        responseSnippet: { ...nullable('string'), description: 'The first 512 characters of the answer' },
        error: ref('AttemptError'),
        startedAt: { type: 'string', format: 'date-time' },
        finishedAt: { ...nullable('string'), format: 'date-time' },
      },
    },
    DeliverySummary: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        status: { enum: DELIVERY_STATUSES },
        target: { type: 'string' },
        tag: nullable('string'),
        format: nullable('string'),
        trigger: nullable('string'),
        state: nullable('string'),
        seed: nullable('integer'),
        scheduleId: nullable('integer'),
        replayOf: nullable('integer'),
        fault: { ...nullable('string'), description: 'The delivery fault that shaped it, e.g. duplicate' },
        faultOf: { ...nullable('integer'), description: 'The delivery a faulted one derives from' },
        attemptCount: { type: 'integer' },
        httpStatus: { ...nullable('integer'), description: "The last attempt's" },
        latencyMs: { ...nullable('number'), description: "The last attempt's" },
        error: ref('AttemptError'),
        createdAt: { type: 'string', format: 'date-time' },
        finishedAt: { ...nullable('string'), format: 'date-time' },
      },
    },
    DeliveryOutcome: {
      allOf: [
        ref('DeliverySummary'),
        { type: 'object', properties: { attempts: { type: 'array', items: ref('Attempt') } } },
      ],
    },
    DeliveryDetail: {
      allOf: [
        ref('DeliveryOutcome'),
        {
          type: 'object',
          properties: {
            request: {
              type: 'object',
              properties: {
                contentType: { type: 'string' },
                headers: { type: 'object', additionalProperties: { type: 'string' } },
                body: { type: 'string' },
              },
            },
          },
        },
      ],
    },
    Schedule: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: nullable('string'),
        status: { enum: SCHEDULE_STATUSES },
        target: { type: 'string' },
        every: nullable('string'),
        cron: nullable('string'),
        tags: { type: ['array', 'null'], items: { type: 'string' } },
        weights: { type: ['object', 'null'], additionalProperties: { type: 'number' } },
        formats: { type: ['array', 'null'], items: { type: 'string' } },
        triggers: { type: ['array', 'null'], items: { type: 'string' } },
        states: { type: ['array', 'null'], items: { type: 'string' } },
        jsonShape: nullable('string'),
        overrides: { type: ['array', 'null'], items: { type: 'string' } },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        limit: nullable('integer'),
        jitter: nullable('string'),
        faults: {
          type: ['object', 'null'],
          description: 'Delivery faults drawn for each run, by fault name',
        },
        event: { enum: CALLBACK_EVENTS, description: 'What each run sends' },
        run: { type: 'boolean', description: 'Each run sends a whole workflow run over tags' },
        sent: { type: 'integer', description: 'Callbacks sent (a whole workflow run is several)' },
        createdAt: { type: 'string', format: 'date-time' },
        lastRunAt: { ...nullable('string'), format: 'date-time' },
        nextRunAt: { ...nullable('string'), format: 'date-time' },
      },
    },
    SinkEntry: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        receivedAt: { type: 'string', format: 'date-time' },
        contentType: nullable('string'),
        attempt: nullable('string'),
        size: { type: 'integer' },
        body: { type: 'string' },
        truncated: { type: 'boolean' },
      },
    },
  },
};

export const OPENAPI_PATHS: OpenApiPaths = {
  '/health': {
    get: {
      summary: 'The server is up and serving (open without a token)',
      responses: {
        '200': json(
          { type: 'object', properties: { status: { const: 'ok' }, inFlight: { type: 'integer' } } },
          'Serving',
        ),
        '503': json(
          {
            type: 'object',
            properties: { status: { enum: ['starting', 'stopping'] }, inFlight: { type: 'integer' } },
          },
          'Listening but not serving: still resuming its schedules, or shutting down',
        ),
      },
    },
  },
  '/tags': {
    get: {
      summary: 'The Tags the emitter knows, with their variants',
      responses: { '200': json({ type: 'object', properties: { tags: { type: 'array' } } }, 'The Tags') },
    },
  },
  '/tags/{tag}/payload': {
    get: {
      summary: 'A preview: one body with its real content type; the seed used is in X-CI-Callback-Seed',
      parameters: [
        { name: 'tag', in: 'path', required: true, schema: { type: 'string' } },
        ...queryParameters(payloadQuery),
      ],
      responses: {
        '200': {
          description: 'The body CI would POST',
          headers: { 'X-CI-Callback-Seed': { schema: { type: 'string' } } },
          content: { 'application/xml': { schema: { type: 'string' } }, 'application/json': { schema: {} } },
        },
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    },
  },
  '/workflow-finish/payload': {
    get: {
      summary:
        'A preview of the WorkflowFinish body for the nodes given; the seed used is in X-CI-Callback-Seed',
      parameters: queryParameters(workflowFinishQuery),
      responses: {
        '200': {
          description: 'The body CI would POST when the workflow run ends',
          headers: { 'X-CI-Callback-Seed': { schema: { type: 'string' } } },
          content: { 'application/xml': { schema: { type: 'string' } }, 'application/json': { schema: {} } },
        },
        ...COMMON_ERRORS,
      },
    },
  },
  '/emit': {
    post: {
      summary: 'Render and send callbacks now; answers with each delivery outcome',
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(emitBody) } } },
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              delivered: { type: 'integer' },
              failed: { type: 'integer', description: 'Deliveries that did not end delivered' },
              deliveries: { type: 'array', items: ref('DeliveryOutcome') },
              faultDeliveries: {
                type: 'array',
                description:
                  'With faults: the extra deliveries recorded, sent in the background after their delay',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    fault: { type: 'string' },
                    faultOf: { type: 'integer' },
                  },
                },
              },
              runs: {
                type: 'array',
                description:
                  'With event workflow-finish: each run, its RunId, seed, order and its deliveries (ids, in the order sent)',
                items: {
                  type: 'object',
                  properties: {
                    runId: { type: 'string' },
                    seed: { type: 'integer' },
                    order: { enum: RUN_ORDERS },
                    deliveries: { type: 'array', items: { type: 'integer' } },
                  },
                },
              },
            },
          },
          'Every delivery ran; a failed target is reported per delivery',
        ),
        ...COMMON_ERRORS,
        ...FORBIDDEN,
        ...NOT_JSON,
      },
    },
  },
  '/schedules': {
    post: {
      summary: 'Create a schedule (every or cron); it survives a restart',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(scheduleBody) } },
      },
      responses: { '201': json(ref('Schedule'), 'Created'), ...COMMON_ERRORS, ...FORBIDDEN, ...NOT_JSON },
    },
    get: {
      summary: 'Every schedule',
      responses: {
        '200': json(
          { type: 'object', properties: { schedules: { type: 'array', items: ref('Schedule') } } },
          'OK',
        ),
        ...COMMON_ERRORS,
      },
    },
  },
  '/schedules/{id}': {
    get: {
      summary: 'One schedule, with how many it sent and when it runs next',
      parameters: [idParameter('schedule')],
      responses: { '200': json(ref('Schedule'), 'OK'), ...COMMON_ERRORS, ...NOT_FOUND },
    },
    delete: {
      summary: 'Delete a schedule (its deliveries stay in the log)',
      parameters: [idParameter('schedule')],
      responses: { '204': { description: 'Deleted' }, ...COMMON_ERRORS, ...NOT_FOUND },
    },
  },
  '/schedules/{id}/pause': {
    post: {
      summary: 'Pause a schedule',
      parameters: [idParameter('schedule')],
      responses: { '200': json(ref('Schedule'), 'Paused'), ...COMMON_ERRORS, ...NOT_FOUND },
    },
  },
  '/schedules/{id}/resume': {
    post: {
      summary: 'Resume a paused schedule (a done one stays done)',
      parameters: [idParameter('schedule')],
      responses: { '200': json(ref('Schedule'), 'Active'), ...COMMON_ERRORS, ...NOT_FOUND },
    },
  },
  '/deliveries': {
    get: {
      summary: 'The delivery log, newest first',
      parameters: queryParameters(deliveriesQuery),
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              deliveries: { type: 'array', items: ref('DeliverySummary') },
              nextCursor: { ...nullable('string'), description: 'Pass as cursor for the next page' },
            },
          },
          'A page of deliveries',
        ),
        ...COMMON_ERRORS,
      },
    },
  },
  '/load-runs': {
    post: {
      summary: "Start a load run against a target in the background (bounded by the server owner's limits)",
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(loadRunBody) } } },
      responses: {
        '202': json(
          {
            type: 'object',
            properties: {
              id: { type: 'string' },
              status: { const: 'running' },
              location: { type: 'string' },
              expectedSeconds: { type: 'number' },
            },
          },
          'Started; poll the location',
        ),
        '409': problem('As many load runs as the server allows are running'),
        ...COMMON_ERRORS,
        ...FORBIDDEN,
        ...NOT_JSON,
      },
    },
  },
  '/probes': {
    post: {
      summary: 'Run the delivery-fault probes against a target in the background, a canary after each',
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(probeBody) } } },
      responses: {
        '202': json(
          {
            type: 'object',
            properties: {
              id: { type: 'string' },
              status: { const: 'running' },
              location: { type: 'string' },
              probes: { type: 'array', items: { type: 'string' } },
            },
          },
          'Started; poll the location',
        ),
        '409': problem('As many probe runs as the server allows are running'),
        ...COMMON_ERRORS,
        ...FORBIDDEN,
      },
    },
  },
  '/probes/{id}': {
    get: {
      summary:
        'A probe run: the probes finished so far and, once done, the report (as `ci-callback probe --json`)',
      parameters: [{ ...idParameter('probe run'), schema: { type: 'string' } }],
      responses: {
        '200': json(
          {
            type: 'object',
            properties: { id: { type: 'string' }, status: { type: 'string' }, passed: nullable('boolean') },
          },
          'OK',
        ),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    },
  },
  '/load-runs/{id}': {
    get: {
      summary: 'A load run: its status and, once done, the report (as `ci-callback load --json`)',
      parameters: [{ ...idParameter('load run'), schema: { type: 'string' } }],
      responses: {
        '200': json(
          { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string' } } },
          'OK',
        ),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    },
  },
  '/deliveries/{id}': {
    get: {
      summary: 'One delivery: the request sent and every attempt',
      parameters: [idParameter('delivery')],
      responses: { '200': json(ref('DeliveryDetail'), 'OK'), ...COMMON_ERRORS, ...NOT_FOUND },
    },
  },
  '/deliveries/{id}/replay': {
    post: {
      summary: 'Send a logged delivery again (same target, headers and body) as a new delivery',
      parameters: [idParameter('delivery')],
      responses: {
        '201': json(ref('DeliveryDetail'), 'The new delivery'),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
        '403': problem(
          "The delivery's target no longer matches the --allow-target patterns this server was started with",
        ),
      },
    },
  },
  '/sink': {
    post: {
      summary: 'The built-in receiver: stores the callback (bounded) and answers 200 (open without a token)',
      requestBody: { content: { 'application/xml': { schema: { type: 'string' } }, 'application/json': {} } },
      responses: {
        '200': json(
          { type: 'object', properties: { received: { const: true }, id: { type: 'integer' } } },
          'OK',
        ),
        '413': COMMON_ERRORS['413'],
      },
    },
    get: {
      summary: 'What the built-in receiver got, newest first (open without a token)',
      parameters: queryParameters(sinkQuery),
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              capacity: { type: 'integer' },
              total: { type: 'integer' },
              callbacks: { type: 'array', items: ref('SinkEntry') },
            },
          },
          'OK',
        ),
        '400': COMMON_ERRORS['400'],
      },
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This document',
      responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document') },
    },
  },
};

/** The document; `extraPaths` documents routers mounted beside the built-in ones. */
export function openApiDocument(extraPaths: OpenApiPaths = {}) {
  const paths: OpenApiPaths = {};
  for (const [path, item] of Object.entries({ ...OPENAPI_PATHS, ...extraPaths })) {
    const open = OPEN_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    const security = open ? [] : [{ bearer: [] }];
    paths[path] = Object.fromEntries(
      Object.entries(item).map(([method, operation]) => [method, { security, ...operation }]),
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ci-callback-emitter',
      version: pkg.version,
      description:
        'Stands in for Tencent Cloud Infinite when it calls back your server. The control API needs a bearer ' +
        'token only when the server was started with --token. Every error is JSON { error, detail }.',
    },
    paths,
    components: COMPONENTS,
  };
}

export function openapiRouter(extraPaths: OpenApiPaths = {}) {
  const document = openApiDocument(extraPaths);
  return new Hono().get('/', (c) => c.json(document, 200));
}
