/**
 * @module api/api-route
 * How a route of the HTTP API is defined: `apiRoute(config)` is @hono/zod-openapi's `createRoute` — method,
 * path, request schemas and every response with its schema — plus the two rules every route shares: a JSON
 * body must be sent as JSON (415 otherwise), and a request failing its schemas is a 400 naming each wrong
 * field. `apiRouter()` is the router those routes are registered on. `/openapi.json` is generated from these
 * definitions alone (src/api/openapi.ts).
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler, ValidationTargets } from 'hono';
import { PROBLEMS } from './problem.ts';
import { problemSchema } from './responses.ts';
import { describeIssues, isJsonMediaType } from './validation.ts';

type RequestSchemas = NonNullable<RouteConfig['request']>;

const REQUEST_SCHEMAS = 'ci-callback.requestSchemas';

/** The schema a target of the request was validated with, for the 400's "accepted:" list of fields. */
function schemaOf(c: Context, target: keyof ValidationTargets): z.ZodType | undefined {
  const request = c.get(REQUEST_SCHEMAS as never) as RequestSchemas | undefined;
  if (!request) return undefined;
  if (target === 'json') {
    const media = request.body?.content['application/json'];
    return media && 'schema' in media ? (media.schema as z.ZodType) : undefined;
  }
  if (target === 'query') return request.query;
  if (target === 'param') return request.params;
  return undefined;
}

/** The hook every route runs after validation: a 400 naming each wrong field and what is accepted. */
function refuseInvalid(
  result: { success: boolean; target: keyof ValidationTargets; error?: { issues: unknown[] } },
  c: Context,
): undefined {
  if (result.success) return undefined;
  const { target } = result;
  const issues = (result.error?.issues ?? []) as z.core.$ZodIssue[];
  const { detail, fields } = describeIssues(target, issues, schemaOf(c, target));
  throw PROBLEMS.badRequest(`invalid ${target === 'json' ? 'request body' : target}: ${detail}`, fields);
}

/**
 * A route's JSON body must be sent as JSON: Hono parses the body only for these media types and otherwise
 * validates an empty object, blaming the missing fields; so anything it would not parse is refused first.
 */
const requireJson: MiddlewareHandler = async (c, next) => {
  const contentType = c.req.header('content-type');
  if (!isJsonMediaType(contentType)) {
    throw PROBLEMS.unsupportedMediaType(
      `the request body must be JSON, got Content-Type ${contentType === undefined ? '(none)' : `'${contentType}'`}; accepted: application/json or application/<name>+json, with optional parameters such as ; charset=utf-8`,
      ['body'],
    );
  }
  await next();
};

/** A router of API routes: every failed validation becomes the same 400 problem. */
export function apiRouter() {
  return new OpenAPIHono({ defaultHook: refuseInvalid as never });
}

/**
 * `createRoute` with the rules every route shares: the request's schemas remembered for the 400, JSON bodies
 * sent as JSON, and the errors that follow from the route's shape documented for it — 400 when it takes
 * input, 401 unless it is open (`security: []`), 413 unless it is a GET, 415 when its body is JSON.
 */
export function apiRoute<const R extends Omit<RouteConfig, 'middleware'>>(config: R) {
  const remember: MiddlewareHandler = async (c, next) => {
    c.set(REQUEST_SCHEMAS as never, config.request as never);
    await next();
  };
  const { request } = config;
  const jsonMedia = request?.body?.content['application/json'];
  // a JSON body described by a zod schema is parsed and validated; one described by a plain JSON Schema is not
  const json = jsonMedia !== undefined && 'schema' in jsonMedia && jsonMedia.schema instanceof z.ZodType;
  const middleware: MiddlewareHandler[] = [remember, ...(json ? [requireJson] : [])];
  const open = Array.isArray(config.security) && config.security.length === 0;
  const errors = {
    ...(json || request?.query || request?.params ? { 400: PROBLEM_RESPONSES[400] } : {}),
    ...(open ? {} : { 401: PROBLEM_RESPONSES[401] }),
    // the 1 MiB limit holds for any request that may carry a body, whether the route reads one or not
    ...(config.method === 'get' ? {} : { 413: PROBLEM_RESPONSES[413] }),
    ...(json ? { 415: PROBLEM_RESPONSES[415] } : {}),
  };
  const route = createRoute({ ...config, middleware, responses: { ...errors, ...config.responses } });
  // typed as the route declared: its handler must answer with exactly the responses it lists (the errors
  // added here are thrown, never returned)
  return route as unknown as R & Pick<typeof route, 'getRoutingPath'>;
}

/** A JSON response with its schema. */
export function jsonResponse<const S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body, required. */
export function jsonBody<const S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** The JSON problem `{ error, detail, fields? }` every error answers with. */
export const problemResponse = (description: string) => jsonResponse(problemSchema, description);

/** The errors routes answer with; `apiRoute` adds 400, 401, 413 and 415 where they apply, routes the rest. */
export const PROBLEM_RESPONSES = {
  400: problemResponse('A field is wrong: `detail` says which and what is accepted, `fields` lists them'),
  401: {
    ...problemResponse('The server was started with --token and this request lacks the right bearer token'),
    headers: z.object({ 'WWW-Authenticate': z.literal('Bearer').meta({ description: 'The scheme to use' }) }),
  },
  /** A route that sends to a target the server's --allow-target patterns refuse. */
  403: problemResponse('The target does not match the --allow-target patterns'),
  413: problemResponse('The request body is over 1 MiB'),
  415: problemResponse(
    'The body is not sent as JSON: Content-Type must be application/json or application/<name>+json',
  ),
  /** A route that sends now, asked while the server shuts down. */
  503: problemResponse('The server is shutting down and takes no new deliveries'),
} as const;
