/**
 * @module api/auth
 * Bearer-token guard for the control API. /health and /sink stay open: a load balancer and the demo's own
 * deliveries reach them without the token. Tokens are compared in constant time and never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PROBLEMS } from './problem.ts';

/** Paths (and what is under them) that need no token. */
export const OPEN_PATHS = ['/health', '/sink'] as const;
/** Under an open path, but a change to the server: what the sink answers everyone is the owner's to set. */
const GUARDED_PATHS = ['/sink/response'] as const;

const digest = (text: string) => createHash('sha256').update(text).digest();

function isOpen(path: string): boolean {
  if (GUARDED_PATHS.some((guarded) => path === guarded || path.startsWith(`${guarded}/`))) return false;
  return OPEN_PATHS.some((open) => path === open || path.startsWith(`${open}/`));
}

export interface BearerAuthOptions {
  /** Paths guarded another way (the dashboard's pages, by its session cookie). */
  guardedElsewhere?: (path: string) => boolean;
}

export function bearerAuth(token: string, options: BearerAuthOptions = {}): MiddlewareHandler {
  if (token === '') throw new RangeError('a bearer token cannot be empty');
  const expected = digest(token);
  const skip = options.guardedElsewhere ?? (() => false);
  return async function requireBearerToken(c, next) {
    if (isOpen(c.req.path) || skip(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1] as string), expected)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw PROBLEMS.unauthorized(
        match
          ? 'the bearer token is wrong; use the --token the server was started with'
          : 'this server needs a token; send Authorization: Bearer <token> (the --token it was started with)',
      );
    }
    return next();
  };
}
