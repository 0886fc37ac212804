/**
 * @module api/sink
 * `/sink`: a receiver built in, so callbacks can be seen flowing with nothing else running. POST stores a
 * callback (bounded, see sink-log) and answers 200; GET lists what arrived, newest first. Open without a token.
 */
import { ATTEMPT_HEADER } from '../core/callback-headers.ts';
import { apiRoute, apiRouter, jsonResponse } from './api-route.ts';
import type { AppDeps } from './deps.ts';
import { sinkListSchema, sinkReceiptSchema } from './responses.ts';
import { sinkQuery } from './schemas.ts';

const receive = apiRoute({
  method: 'post',
  path: '/',
  summary: 'The built-in receiver: stores the callback (bounded) and answers 200 (open without a token)',
  security: [],
  request: {
    body: {
      description: 'A callback, as CI sends it; any body of any type is accepted and stored as text',
      // plain JSON Schemas, not zod: the sink takes every body as it comes, unvalidated
      content: {
        'application/xml': { schema: { type: 'string' } },
        'application/json': { schema: {} },
      },
    },
  },
  responses: { 200: jsonResponse(sinkReceiptSchema, 'Stored') },
});

const received = apiRoute({
  method: 'get',
  path: '/',
  summary: 'What the built-in receiver got, newest first (open without a token)',
  security: [],
  request: { query: sinkQuery },
  responses: { 200: jsonResponse(sinkListSchema, 'The latest callbacks') },
});

export function sinkRouter(deps: Pick<AppDeps, 'sinkLog'>) {
  const { sinkLog } = deps;
  return apiRouter()
    .openapi(receive, async (c) => {
      const entry = sinkLog.record({
        contentType: c.req.header('content-type') ?? null,
        attempt: c.req.header(ATTEMPT_HEADER) ?? null,
        body: await c.req.text(),
      });
      return c.json({ received: true as const, id: entry.id }, 200);
    })
    .openapi(received, (c) => {
      const { limit } = c.req.valid('query');
      return c.json(
        {
          capacity: sinkLog.capacity,
          total: sinkLog.total,
          callbacks: sinkLog.list(limit ?? sinkLog.capacity),
        },
        200,
      );
    });
}
