/**
 * @module dashboard
 * `dashboardRouter(deps)`: the web dashboard, mounted at `/` in the fixture server. Pages are rendered on the
 * server with Hono's JSX; one small script (no build step) makes forms post to the API, refreshes previews
 * and follows server-sent events. Changes reach the HTTP API through `/ui/api/…`, which adds the server's
 * own credentials, so every form meets exactly the API's validation and shows its messages.
 *
 * Guards: with a token, a session cookie from the sign-in page; a CSRF token on every change; a strict
 * Content-Security-Policy (scripts and styles from this server only).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { assetsRoutes } from './assets.ts';
import { loginRoutes } from './login.tsx';
import type { DashboardDeps, DashboardEnv } from './page.ts';
import { PAGES } from './pages.ts';
import { isDashboardPath, UI } from './paths.ts';
import { createDashboardSession } from './session.ts';

export type { DashboardDeps } from './page.ts';
export { isDashboardPath } from './paths.ts';

/** API routes the dashboard's script may call through `/ui/api`. */
const API_ROUTES = /^\/(tags|workflow-finish|emit|schedules|deliveries|load-runs|probes|sink)(\/|$)/;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/** The router is mounted at `/`, so its middleware must leave the API's paths alone. */
function onDashboardPaths(handler: MiddlewareHandler<DashboardEnv>): MiddlewareHandler<DashboardEnv> {
  return (c, next) => (isDashboardPath(c.req.path) ? handler(c, next) : next());
}

export function dashboardRouter(deps: DashboardDeps & { token?: string }) {
  const session = createDashboardSession(deps.token);
  const nav = PAGES.map(({ title, href }) => ({ title, href }));
  const router = new Hono<DashboardEnv>();
  router.use(
    onDashboardPaths(async (c, next) => {
      c.set('nav', nav);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
      await next();
    }),
  );
  router.route(`${UI}/assets`, assetsRoutes());
  router.use(onDashboardPaths(session.requireSession), onDashboardPaths(session.requireCsrf));
  router.route(`${UI}/login`, loginRoutes(session));
  router.all(`${UI}/api/*`, async (c) => {
    const url = new URL(c.req.url);
    const path = url.pathname.slice(`${UI}/api`.length);
    if (!API_ROUTES.test(path)) {
      return c.json({ error: 'not_found', detail: `the dashboard does not call ${path}` }, 404);
    }
    const init: RequestInit = { method: c.req.method };
    const type = c.req.header('content-type');
    if (type) init.headers = { 'content-type': type };
    if (!['GET', 'HEAD'].includes(c.req.method)) init.body = await c.req.arrayBuffer();
    return deps.callApi(path + url.search, init);
  });
  for (const page of PAGES) router.route(page.href, page.routes(deps));
  return router;
}
