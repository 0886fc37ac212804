/**
 * @module server/tags
 * `GET /tags` and `GET /tags/:tag/payload`: the Tags, and a preview of one body with its real content type.
 */
import { Hono } from 'hono';
import { InputError } from '../core/errors.ts';
import type { GenerateOptions } from '../core/types.ts';
import { generate } from '../generate.ts';
import { describeTags, findTag } from '../registry.ts';
import { PROBLEMS } from './problem.ts';
import { payloadQuery, tagParam } from './schemas.ts';
import { validate } from './validation.ts';

/** The seed a preview used, so the same body can be asked for again. */
export const SEED_HEADER = 'X-CI-Callback-Seed';

function knownTag(name: string): string {
  try {
    return findTag(name).tag;
  } catch (error) {
    if (error instanceof InputError) throw PROBLEMS.notFound(error.message, ['tag']);
    throw error;
  }
}

export function tagsRouter() {
  return new Hono()
    .get('/', (c) => c.json({ tags: describeTags() }, 200))
    .get('/:tag/payload', validate('param', tagParam), validate('query', payloadQuery), (c) => {
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
