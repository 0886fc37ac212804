/**
 * @module server/app
 * `createApp(deps)` → the Hono app: one router per resource, a 1 MiB body limit, the optional bearer token,
 * and one `onError` that turns anything thrown into a JSON problem `{ error, detail }`. `AppType` types the
 * `hc` client, whose response types are the documented ones. CI's own job API (src/ci-api: `/jobs`, `/ai_jobs`,
 * `/triggerworkflow`, …) is mounted at the root beside it, answering in CI's XML, without the bearer token. The web
 * dashboard (src/dashboard) is mounted last, at `/` and `/ui/…`, beside the API.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { bearerAuth } from '../api/auth.ts';
import { deliveriesRouter } from '../api/deliveries.ts';
import type { AppDeps } from '../api/deps.ts';
import { emitRouter } from '../api/emit.ts';
import { healthRouter } from '../api/health.ts';
import { createLoadRuns, loadRunsRouter } from '../api/load-runs.ts';
import { openapiRouter } from '../api/openapi.ts';
import { createProbeRuns, probesRouter } from '../api/probes.ts';
import { PROBLEMS, toProblem } from '../api/problem.ts';
import { reviewsRouter } from '../api/reviews.ts';
import { schedulesRouter } from '../api/schedules.ts';
import { sinkRouter } from '../api/sink.ts';
import { tagsRouter } from '../api/tags.ts';
import { workflowFinishRouter } from '../api/workflow-finish-preview.ts';
import { errorAnswer } from '../ci-api/ci-answer.ts';
import { CI_ERRORS } from '../ci-api/ci-error.ts';
import { type CiApi, createCiApi, isCiApiPath } from '../ci-api/index.ts';
import { dashboardRouter, isDashboardPath } from '../dashboard/index.ts';

export type { AppDeps } from '../api/deps.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The app's deps, and CI's job API when the caller built it (startServer does, to resume and close it). */
export type ServerAppDeps = AppDeps & { ciApi?: CiApi };

export function createApp(deps: ServerAppDeps) {
  const app = new OpenAPIHono();
  const ciApi =
    deps.ciApi ??
    createCiApi({
      store: deps.store,
      deliverer: deps.deliverer,
      targetPolicy: deps.targetPolicy,
      ...(deps.faultInjector ? { faultInjector: deps.faultInjector } : {}),
      ...(deps.onInternalError ? { onInternalError: deps.onInternalError } : {}),
    });
  app.onError((error, c) => {
    const { problem, internal } = toProblem(error);
    if (internal) deps.onInternalError?.(error);
    return c.json(problem.body, problem.status);
  });
  app.notFound((c) => {
    const { body, status } = PROBLEMS.notFound(
      `no route ${c.req.method} ${c.req.path}; GET /openapi.json lists the routes`,
    );
    return c.json(body, status);
  });
  // what an answer reports is committed before it is sent: after a 2xx, a `kill -9` loses none of it
  app.use(async (_c, next) => {
    await next();
    deps.store.flush();
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        if (isCiApiPath(c.req.path)) {
          c.header('Connection', 'close');
          const answer = errorAnswer(
            c,
            CI_ERRORS.tooLarge(`the request body is over ${MAX_BODY_BYTES} bytes`),
          );
          answer.headers.set('Connection', 'close');
          return answer;
        }
        const { body, status } = PROBLEMS.payloadTooLarge(
          `the request body is over ${MAX_BODY_BYTES} bytes (1 MiB); accepted: up to 1 MiB`,
        );
        // the rest of the body is never read, so this connection cannot carry another request: say so
        c.header('Connection', 'close');
        return c.json(body, status);
      },
    }),
  );
  // CI's paths take CI's credentials (a COS signature, checked with --ci-secret), never the bearer token
  const guardedElsewhere = (path: string) => isDashboardPath(path) || isCiApiPath(path);
  if (deps.token !== undefined) app.use(bearerAuth(deps.token, { guardedElsewhere }));
  const loadRuns = createLoadRuns({
    targetPolicy: deps.targetPolicy,
    ...(deps.loadRunLimits ? { limits: deps.loadRunLimits } : {}),
    ...(deps.shutdownSignal ? { signal: deps.shutdownSignal } : {}),
  });
  const probeRuns = createProbeRuns({ targetPolicy: deps.targetPolicy });
  /** The dashboard's way into this API: the same routes, validation and errors, with the server's token. */
  const callApi = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (deps.token !== undefined) headers.set('authorization', `Bearer ${deps.token}`);
    return app.request(path, { ...init, headers });
  };

  // one router per resource; mount another with one more `.route(path, router)`
  return app
    .route('/health', healthRouter(deps))
    .route('/tags', tagsRouter())
    .route('/reviews', reviewsRouter())
    .route('/workflow-finish', workflowFinishRouter())
    .route('/emit', emitRouter(deps))
    .route('/schedules', schedulesRouter(deps))
    .route('/deliveries', deliveriesRouter(deps))
    .route('/sink', sinkRouter(deps))
    .route('/load-runs', loadRunsRouter(loadRuns))
    .route('/probes', probesRouter(probeRuns))
    .route('/ci', ciApi.controlRouter)
    .route('/openapi.json', openapiRouter(app))
    .route('/', ciApi.router)
    .route('/', dashboardRouter({ ...deps, loadRuns, probeRuns, callApi, ciJobs: ciApi.book }));
}

export type AppType = ReturnType<typeof createApp>;
