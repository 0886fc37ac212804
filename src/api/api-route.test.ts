import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from '@hono/zod-openapi';
import { apiRoute, apiRouter, jsonBody, jsonResponse } from './api-route.ts';
import { toProblem } from './problem.ts';
import { healthSchema } from './responses.ts';

const body = z.strictObject({ name: z.string(), count: z.int().min(1).optional() });
const answer = z.object({ name: z.string() });

/** A router with one JSON-body route and the app's error handling. */
function app() {
  const route = apiRoute({
    method: 'post',
    path: '/things',
    request: { body: jsonBody(body) },
    responses: { 201: jsonResponse(answer, 'Made') },
  });
  const router = apiRouter().openapi(route, (c) => c.json({ name: c.req.valid('json').name }, 201));
  router.onError((error, c) => {
    const { problem } = toProblem(error);
    return c.json(problem.body, problem.status);
  });
  return router;
}

const post = (text: string, contentType?: string) =>
  app().request('/things', {
    method: 'POST',
    body: text,
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  });

describe('apiRoute', () => {
  it('documents the errors that follow from the route: 400, 401, 413, 415 for a JSON body; none of them for an open GET', () => {
    const withBody = apiRoute({
      method: 'post',
      path: '/',
      request: { body: jsonBody(body) },
      responses: { 201: jsonResponse(answer, 'Made') },
    });
    assert.deepEqual(Object.keys(withBody.responses).sort(), ['201', '400', '401', '413', '415']);
    const open = apiRoute({
      method: 'get',
      path: '/',
      security: [],
      responses: { 200: jsonResponse(healthSchema, 'Up') },
    });
    assert.deepEqual(Object.keys(open.responses), ['200']);
  });

  it('refuses a body not sent as JSON with a 415 that says what is accepted', async () => {
    const response = await post('name=a', 'application/x-www-form-urlencoded');
    assert.equal(response.status, 415);
    const problem = (await response.json()) as { detail: string };
    assert.match(problem.detail, /accepted: application\/json or application\/<name>\+json/);
    assert.equal((await post('{"name":"a"}', 'application/vnd.thing+json; charset=utf-8')).status, 201);
  });

  it('answers a request failing its schema with a 400 naming each field, and the accepted ones for an unknown field', async () => {
    const response = await post('{"name":"a","count":0,"colour":"red"}', 'application/json');
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { detail: string; fields: string[] };
    assert.match(problem.detail, /unknown field 'colour'; accepted: name, count/);
    assert.match(problem.detail, /count: /);
    assert.deepEqual(problem.fields.sort(), ['colour', 'count']);
  });

  it('makes the handler answer with a documented response (checked by tsc)', () => {
    const route = apiRoute({
      method: 'get',
      path: '/',
      responses: { 200: jsonResponse(healthSchema, 'Up') },
    });
    // @ts-expect-error `inFlight` is documented, so an answer without it does not compile
    apiRouter().openapi(route, (c) => c.json({ status: 'ok' as const }, 200));
    apiRouter().openapi(route, (c) => c.json({ status: 'ok' as const, inFlight: 0 }, 200));
  });
});
