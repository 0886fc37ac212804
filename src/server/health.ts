/**
 * @module server/health
 * `GET /health`: 200 `{ status: "ok" }` while the server serves; 503 with `starting` or `stopping` while it
 * resumes its schedules or shuts down, so a readiness probe never trusts a server that is not serving. Open
 * even when a token guards the control API.
 */
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';

export function healthRouter(deps: Pick<AppDeps, 'deliverer' | 'phase'>) {
  return new Hono().get('/', (c) => {
    const phase = deps.phase?.() ?? 'serving';
    const inFlight = deps.deliverer.inFlight;
    if (phase === 'serving') return c.json({ status: 'ok' as const, inFlight }, 200);
    return c.json({ status: phase, inFlight }, 503);
  });
}
