/**
 * @module delivery/mask-target
 * A target URL as it may be shown (stdout, the delivery log over HTTP, schedules, load reports): user, password
 * and query values hidden, since they often carry a receiver's secret. The full URL is kept only where it is
 * needed to send (the store).
 */

export function maskTarget(target: string): string {
  // no userinfo and no query: nothing to hide, and no URL to parse (this runs once per delivery shown)
  if (!target.includes('@') && !target.includes('?')) return target;
  let shown: URL;
  try {
    shown = new URL(target);
  } catch {
    return target; // not a URL: nothing was sent to it, and it has no credential part to hide
  }
  if (shown.username || shown.password) {
    shown.username = '***';
    shown.password = '';
  }
  for (const key of [...shown.searchParams.keys()]) shown.searchParams.set(key, '***');
  return shown.href;
}

/** The same record with its target masked. */
export function withMaskedTarget<T extends { target: string }>(record: T): T {
  return { ...record, target: maskTarget(record.target) };
}
