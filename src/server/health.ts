/**
 * @module server/health
 * `GET /health`: the server is up; open even when a token guards the control API.
 */
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';

export function healthRouter(deps: Pick<AppDeps, 'deliverer'>) {
  return new Hono().get('/', (c) =>
    c.json({ status: 'ok' as const, inFlight: deps.deliverer.inFlight }, 200),
  );
}
