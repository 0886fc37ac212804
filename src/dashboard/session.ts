/**
 * @module dashboard/session
 * The dashboard's two guards. With `--token`, a browser signs in once: the token is checked in constant time
 * and the session cookie (HttpOnly, SameSite=Strict) then holds a digest of it, never the token itself.
 * Every state-changing request must carry the page's CSRF token (a header from scripts, a field from the
 * sign-in form), which another site cannot read; a request whose Origin is another site is refused as well.
 * Without a token the server only listens on loopback, and the dashboard answers only loopback host names, so
 * a web page cannot reach it by pointing its own domain at 127.0.0.1 (DNS rebinding).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { PROBLEMS } from '../api/problem.ts';
import type { DashboardEnv } from './page.ts';
import { UI } from './paths.ts';

export const SESSION_COOKIE = 'ci_callback_session';
export const CSRF_HEADER = 'X-CSRF-Token';
export const CSRF_FIELD = '_csrf';

export interface DashboardSession {
  /** Whether a token guards the dashboard at all. */
  readonly guarded: boolean;
  readonly csrfToken: string;
  /** Sets `csrf` for the pages and refuses a request without a valid session (sign-in page for browsers). */
  requireSession: MiddlewareHandler<DashboardEnv>;
  /** Refuses a state-changing request without the CSRF token or from another origin. */
  requireCsrf: MiddlewareHandler<DashboardEnv>;
  /** Checks a token typed on the sign-in page; when right, sets the session cookie. */
  signIn(c: Context, typed: string): boolean;
}

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The only dashboard paths that act on a change: the sign-in form and the pass-through to the API. A PUT,
 * PROPFIND or TRACE on a page changes nothing and has no route: it gets the 404 of any unknown route, not a
 * CSRF 403 that would send its sender looking for a token.
 */
const takesChanges = (path: string) =>
  path === `${UI}/login` || path === `${UI}/login/` || path.startsWith(`${UI}/api/`);

/** `localhost`, `127.x.y.z` or `[::1]`, with or without a port. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

export function createDashboardSession(token: string | undefined): DashboardSession {
  // per process: a page from before a restart has to be reloaded to act again
  const secret = randomBytes(32);
  const csrfToken = hmac(secret, 'csrf').toString('base64url');
  const sessionValue = token === undefined ? undefined : hmac(token, 'dashboard-session').toString('hex');

  const hasSession = (c: Context) => {
    if (sessionValue === undefined) return true;
    const cookie = getCookie(c, SESSION_COOKIE) ?? '';
    return sameBytes(Buffer.from(cookie), Buffer.from(sessionValue));
  };

  return {
    guarded: token !== undefined,
    csrfToken,
    requireSession: async function requireDashboardSession(c, next) {
      c.set('csrf', csrfToken);
      if (sessionValue === undefined && !isLoopbackHost(new URL(c.req.url).host)) {
        throw PROBLEMS.forbidden(
          'without --token the dashboard answers only loopback host names (localhost, 127.0.0.1, [::1]); ' +
            'open it at http://127.0.0.1:<port>/, or start the server with --token',
        );
      }
      const signedIn = hasSession(c);
      c.set('signedIn', signedIn);
      if (signedIn || c.req.path === `${UI}/login` || c.req.path.startsWith(`${UI}/assets/`)) return next();
      if (c.req.method === 'GET' && c.req.header('accept')?.includes('text/html')) {
        const next = new URL(c.req.url);
        return c.redirect(`${UI}/login?next=${encodeURIComponent(next.pathname + next.search)}`, 303);
      }
      throw PROBLEMS.unauthorized('sign in to the dashboard first: open /ui/login and give the --token');
    },
    requireCsrf: async function requireCsrfToken(c, next) {
      if (SAFE_METHODS.has(c.req.method) || !takesChanges(c.req.path)) return next();
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== new URL(c.req.url).origin) {
        throw PROBLEMS.forbidden(`requests from ${origin} are refused; use the dashboard's own pages`);
      }
      let sent = c.req.header(CSRF_HEADER);
      if (sent === undefined && /form-urlencoded/.test(c.req.header('content-type') ?? '')) {
        const field = (await c.req.parseBody())[CSRF_FIELD];
        sent = typeof field === 'string' ? field : undefined;
      }
      if (sent === undefined || !sameBytes(Buffer.from(sent), Buffer.from(csrfToken))) {
        throw PROBLEMS.forbidden(
          'the CSRF token is missing or out of date (the server restarted?); reload the page and try again',
        );
      }
      return next();
    },
    signIn(c, typed) {
      if (sessionValue === undefined) return true;
      const right = sameBytes(hmac(typed, 'dashboard-session'), Buffer.from(sessionValue, 'hex'));
      if (right) {
        setCookie(c, SESSION_COOKIE, sessionValue, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
          secure: new URL(c.req.url).protocol === 'https:',
        });
      }
      return right;
    },
  };
}

/** A sign-in redirect target: a path on this server, never another site (`//evil`, `https://…`). */
export function safeNext(next: string | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}
