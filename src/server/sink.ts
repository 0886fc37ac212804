/**
 * @module server/sink
 * `/sink`: a receiver built in, so callbacks can be seen flowing with nothing else running. POST stores a
 * callback (bounded, see sink-log) and answers 200; GET lists what arrived, newest first. Open without a token.
 */
import { Hono } from 'hono';
import { ATTEMPT_HEADER } from '../delivery/retry.ts';
import type { AppDeps } from './deps.ts';
import { sinkQuery } from './schemas.ts';
import { validate } from './validation.ts';

export function sinkRouter(deps: Pick<AppDeps, 'sinkLog'>) {
  const { sinkLog } = deps;
  return new Hono()
    .post('/', async (c) => {
      const entry = sinkLog.record({
        contentType: c.req.header('content-type') ?? null,
        attempt: c.req.header(ATTEMPT_HEADER) ?? null,
        body: await c.req.text(),
      });
      return c.json({ received: true as const, id: entry.id }, 200);
    })
    .get('/', validate('query', sinkQuery), (c) => {
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
