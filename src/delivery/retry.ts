/**
 * @module delivery/retry
 * The retry policy as plain data, and the one decision made from it: after this attempt, wait and try again,
 * or stop. Network errors, timeouts and 5xx are retried; 2xx, 4xx and local errors (a request that cannot be
 * written as given) never are: they will not get better.
 */
import type { AttemptOutcome } from './attempt-outcome.ts';

export interface RetryPolicy {
  /** The wait before the 2nd, 3rd, … attempt: a delivery makes at most `delaysMs.length + 1` attempts. */
  delaysMs: readonly number[];
}

/** Four attempts: at once, then after 1 s, 5 s and 25 s (about half a minute in all). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { delaysMs: [1_000, 5_000, 25_000] };

/** A delivery makes at most this many attempts (the first and 19 retries). */
export const MAX_ATTEMPTS = 20;
const MAX_RETRIES = MAX_ATTEMPTS - 1;
/** The longest wait between two attempts. */
export const MAX_DELAY_MS = 60 * 60 * 1000;

/** Checks a policy once, when it is configured, so a bad one fails at start-up and not mid-delivery. */
export function checkRetryPolicy(policy: RetryPolicy): RetryPolicy {
  if (policy.delaysMs.length > MAX_RETRIES) {
    throw new RangeError(
      `a retry policy has at most ${MAX_RETRIES} delays (${MAX_ATTEMPTS} attempts), got ${policy.delaysMs.length}`,
    );
  }
  for (const delay of policy.delaysMs) {
    if (!Number.isFinite(delay) || delay < 0 || delay > MAX_DELAY_MS) {
      throw new RangeError(`retry delays are 0 to ${MAX_DELAY_MS} ms, got ${delay}`);
    }
  }
  return policy;
}

/** Whether another attempt could succeed where this one failed. */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.error?.kind === 'local') return false; // the same request would fail the same way
  if (outcome.status === undefined) return true; // no response: connect error, timeout, reset
  return outcome.status >= 500;
}

/** The wait before the next attempt, or `undefined` when attempt number `attempt` (from 1) was the last. */
export function nextRetryDelay(
  policy: RetryPolicy,
  attempt: number,
  outcome: AttemptOutcome,
): number | undefined {
  if (outcome.ok || !isRetryable(outcome)) return undefined;
  return policy.delaysMs[attempt - 1];
}
