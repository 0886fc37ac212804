/**
 * @module dashboard/paths
 * Where the dashboard lives in the server's URL space: the catalog at `/`, every other page under `/ui/`,
 * so no page shadows an API route.
 */

export const UI = '/ui';

/** Paths served by the dashboard (guarded by its session cookie, not the bearer token). */
export function isDashboardPath(path: string): boolean {
  return path === '/' || path === UI || path.startsWith(`${UI}/`);
}
