/**
 * @module api/openapi
 * `GET /openapi.json`: the OpenAPI 3.1 document of the API, generated whole from the route definitions
 * (`apiRoute` in each router: request schemas, responses and their schemas, which routes are open). Nothing
 * in it is written here but the title, the description and the bearer scheme. The dashboard's pages (`/`,
 * `/ui/…`) are HTML for people and stay out of it.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import pkg from '../../package.json' with { type: 'json' };
import { apiRoute, apiRouter, jsonResponse } from './api-route.ts';

const DESCRIPTION =
  'Stands in for Tencent Cloud Infinite when it calls back your server. The control API needs a bearer ' +
  'token only when the server was started with --token (/health and /sink stay open). Every error is JSON ' +
  '{ error, detail, fields? }.';

/** The document of every route registered on `app` so far. */
export function openApiDocument(app: OpenAPIHono) {
  const registered = app.openAPIRegistry.definitions.some(
    (definition) => definition.type === 'component' && definition.name === 'bearer',
  );
  if (!registered)
    app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'ci-callback-emitter', version: pkg.version, description: DESCRIPTION },
    security: [{ bearer: [] }],
  });
}

const document = apiRoute({
  method: 'get',
  path: '/',
  summary: 'This document',
  responses: {
    200: jsonResponse(z.record(z.string(), z.unknown()), 'The OpenAPI 3.1 document'),
  },
});

/** `GET /openapi.json`, answering with the document of `app` (built once, at the first request). */
export function openapiRouter(app: OpenAPIHono) {
  let built: Record<string, unknown> | undefined;
  return apiRouter().openapi(document, (c) => {
    built ??= openApiDocument(app) as unknown as Record<string, unknown>;
    return c.json(built, 200);
  });
}
