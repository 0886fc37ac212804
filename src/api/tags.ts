/**
 * @module api/tags
 * `GET /tags` and `GET /tags/:tag/payload`: the Tags, and a preview of one body with its real content type.
 */
import { z } from '@hono/zod-openapi';
import { InputError } from '../core/errors.ts';
import type { GenerateOptions } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { describeTags, findTag } from '../payloads/registry.ts';
import { apiRoute, apiRouter, jsonResponse, problemResponse } from './api-route.ts';
import { PROBLEMS } from './problem.ts';
import { tagListSchema } from './responses.ts';
import { payloadQuery, tagParam } from './schemas.ts';

/** The seed a preview used, so the same body can be asked for again. */
export const SEED_HEADER = 'X-CI-Callback-Seed';

/** A previewed body: XML or JSON as CI sends it, with the seed that made it. */
export const previewResponse = (description: string) => ({
  description,
  headers: z.object({
    [SEED_HEADER]: z.string().meta({ description: 'The seed used; ask again with it for the same bytes' }),
  }),
  content: {
    'application/xml': { schema: z.string() },
    'application/json': { schema: z.unknown().meta({ description: 'A TaskFinish or WorkflowFinish body' }) },
  },
});

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'The Tags the emitter knows, with their variants',
  responses: { 200: jsonResponse(tagListSchema, 'The Tags') },
});

const payload = apiRoute({
  method: 'get',
  path: '/{tag}/payload',
  summary: 'A preview: one body with its real content type; the seed used is in X-CI-Callback-Seed',
  request: { params: tagParam, query: payloadQuery },
  responses: {
    200: previewResponse('The body CI would POST'),
    404: problemResponse('No such Tag: GET /tags lists them'),
  },
});

function knownTag(name: string): string {
  try {
    return findTag(name).tag;
  } catch (error) {
    if (error instanceof InputError) throw PROBLEMS.notFound(error.message, ['tag']);
    throw error;
  }
}

export function tagsRouter() {
  return apiRouter()
    .openapi(list, (c) => c.json({ tags: describeTags() }, 200))
    .openapi(payload, (c) => {
      const query = c.req.valid('query');
      const options: GenerateOptions = { tag: knownTag(c.req.valid('param').tag) };
      if (query.format) options.format = query.format;
      if (query.trigger) options.trigger = query.trigger;
      if (query.state) options.state = query.state;
      if (query.jsonShape) options.jsonShape = query.jsonShape;
      if (query.seed !== undefined) options.seed = query.seed;
      if (query.compact === 'true') options.compact = true;
      if (query.overrides) options.overrides = query.overrides;
      const payload = generate(options);
      return c.body(payload.body, 200, {
        'Content-Type': payload.contentType,
        [SEED_HEADER]: String(payload.seed),
      });
    });
}
