/**
 * @module api/sink
 * `/sink`: a receiver built in, so callbacks can be seen flowing with nothing else running. POST stores a
 * callback (bounded, see sink-log) and answers 200, or what the request or the sink's setting asks for (see
 * sink-answers); GET lists what arrived, newest first, with what it answered. Open without a token, but for
 * `/sink/response`, which sets what the sink answers everyone.
 */
import { z } from 'zod';
import { ATTEMPT_HEADER } from '../core/callback-headers.ts';
import { apiRoute, apiRouter, jsonBody, jsonResponse } from './api-route.ts';
import type { AppDeps } from './deps.ts';
import { sinkListSchema, sinkReceiptSchema, sinkSettingSchema } from './responses.ts';
import { sinkQuery } from './schemas.ts';
import { sinkAnswerFields } from './sink-answers.ts';

/** Says where an answer came from, so a test (and the fuzzer) tells an asked-for 503 from a broken server. */
export const SINK_ANSWER_HEADER = 'X-CI-Sink-Answer';
const answerHeader = z.object({
  [SINK_ANSWER_HEADER]: z.enum(['default', 'query', 'setting']).meta({
    description: 'default: nothing was asked; query: this request asked; setting: PUT /sink/response asked',
  }),
});
/** What a callback may be answered: the receipt, or the text asked for. */
const answerContent = {
  'application/json': { schema: sinkReceiptSchema },
  'text/plain': { schema: z.string() },
};

const receive = apiRoute({
  method: 'post',
  path: '/',
  summary:
    'The built-in receiver: stores the callback (bounded) and answers 200, or the status, delay and body asked for (open without a token)',
  security: [],
  request: {
    // unknown parameters are ignored: a target may carry its own query
    query: z.object(sinkAnswerFields),
    body: {
      description: 'A callback, as CI sends it; any body of any type is accepted and stored as text',
      // plain JSON Schemas, not zod: the sink takes every body as it comes, unvalidated
      content: {
        'application/xml': { schema: { type: 'string' } },
        'application/json': { schema: {} },
      },
    },
  },
  responses: {
    200: { description: 'Stored', headers: answerHeader, content: answerContent },
    default: {
      description: 'Stored, and answered with the status asked for (?status=… or PUT /sink/response)',
      headers: answerHeader,
      content: answerContent,
    },
  },
});

const received = apiRoute({
  method: 'get',
  path: '/',
  summary: 'What the built-in receiver got and answered, newest first (open without a token)',
  security: [],
  request: { query: sinkQuery },
  responses: { 200: jsonResponse(sinkListSchema, 'The latest callbacks') },
});

const showSetting = apiRoute({
  method: 'get',
  path: '/response',
  summary: 'What the sink answers callbacks that ask nothing themselves',
  responses: { 200: jsonResponse(sinkSettingSchema, 'The setting (null: 200 at once)') },
});

const changeSetting = apiRoute({
  method: 'put',
  path: '/response',
  summary: 'Set what the sink answers every callback: a status or a sequence of them, a delay, a body',
  request: { body: jsonBody(z.strictObject(sinkAnswerFields)) },
  responses: { 200: jsonResponse(sinkSettingSchema, 'The new setting; a sequence starts from its first') },
});

const clearSetting = apiRoute({
  method: 'delete',
  path: '/response',
  summary: 'Back to answering 200 at once',
  responses: { 204: { description: 'Cleared' } },
});

/** Statuses that carry no body. */
const BODILESS = new Set([204, 205, 304]);

export function sinkRouter(deps: Pick<AppDeps, 'sinkLog' | 'shutdownSignal'>) {
  const { sinkLog } = deps;
  const { answers } = sinkLog;
  return apiRouter()
    .openapi(receive, async (c) => {
      const answer = answers.pick(c.req.valid('query'));
      const entry = sinkLog.record({
        contentType: c.req.header('content-type') ?? null,
        attempt: c.req.header(ATTEMPT_HEADER) ?? null,
        body: await c.req.text(),
        answered: { status: answer.status, delayMs: answer.delayMs, by: answer.by },
      });
      await answers.wait(answer, deps.shutdownSignal);
      c.header(SINK_ANSWER_HEADER, answer.by);
      // any status from 200 to 599 may be asked for: the documented `default` response covers them
      const status = answer.status as 200;
      // 204, 205 and 304 carry no body; the typed responses cannot say so for `default`
      if (BODILESS.has(answer.status)) return c.body(null, status) as never;
      if (answer.body !== null) return c.text(answer.body, status);
      return c.json({ received: true as const, id: entry.id }, status);
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
    })
    .openapi(showSetting, (c) => c.json({ setting: answers.setting() }, 200))
    .openapi(changeSetting, (c) => c.json({ setting: answers.set(c.req.valid('json')) }, 200))
    .openapi(clearSetting, (c) => {
      answers.clear();
      return c.body(null, 204);
    });
}
