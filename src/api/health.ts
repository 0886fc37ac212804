/**
 * @module api/health
 * `GET /health`: 200 `{ status: "ok" }` while the server serves; 503 with `starting` or `stopping` while it
 * resumes its schedules or shuts down, so a readiness probe never trusts a server that is not serving. Open
 * even when a token guards the control API.
 */
import { apiRoute, apiRouter, jsonResponse } from './api-route.ts';
import type { AppDeps } from './deps.ts';
import { healthSchema } from './responses.ts';

const health = apiRoute({
  method: 'get',
  path: '/',
  summary: 'The server is up and serving (open without a token)',
  security: [],
  responses: {
    200: jsonResponse(healthSchema, 'Serving'),
    503: jsonResponse(
      healthSchema,
      'Listening but not serving: still resuming its schedules, or shutting down',
    ),
  },
});

export function healthRouter(deps: Pick<AppDeps, 'deliverer' | 'phase'>) {
  return apiRouter().openapi(health, (c) => {
    const phase = deps.phase?.() ?? 'serving';
    const inFlight = deps.deliverer.inFlight;
    if (phase === 'serving') return c.json({ status: 'ok' as const, inFlight }, 200);
    return c.json({ status: phase, inFlight }, 503);
  });
}
