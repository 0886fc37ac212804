/**
 * @module delivery/retry
 * The retry policy as plain data, and the one decision made from it: after this attempt, wait and try again,
 * or stop. Network errors, timeouts and 5xx are retried; 2xx, 4xx and local errors (a request that cannot be
 * written as given) never are: they will not get better.
 */
import { z } from 'zod';
import { DURATION_FORMAT, parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import type { AttemptOutcome } from './client.ts';

export interface RetryPolicy {
  /** The wait before the 2nd, 3rd, … attempt: a delivery makes at most `delaysMs.length + 1` attempts. */
  delaysMs: readonly number[];
}

/** Four attempts: at once, then after 1 s, 5 s and 25 s (about half a minute in all). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { delaysMs: [1_000, 5_000, 25_000] };

/** A delivery makes at most this many attempts (the first and 19 retries). */
export const MAX_ATTEMPTS = 20;
const MAX_RETRIES = MAX_ATTEMPTS - 1;
const MAX_DELAY_MS = 60 * 60 * 1000;

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

/**
 * The text form of a retry schedule, one grammar for `serve --retry`, `send --retry`, the `retry` of an emit or a
 * schedule and the dashboard: the wait before each attempt, comma-separated, in the duration grammar
 * (src/core/duration.ts). The first attempt goes at once, so the list starts with 0: `0,1s,5s,25s` is the
 * default; `0` or `none` is a single attempt, never retried.
 */
export const RETRY_RULE =
  `"none", or the wait before each attempt, comma-separated, starting with 0 (the first goes at once), e.g. ` +
  `"0,1s,5s,25s"; each wait ${DURATION_FORMAT}, at most 1h; at most ${MAX_ATTEMPTS} attempts`;

/** The policy a retry schedule's text stands for; `field` names the option in the error. */
export function parseRetrySchedule(field: string, text: string): RetryPolicy {
  const read = readRetrySchedule(text);
  if (typeof read === 'string') throw new InputError(field, `${field} ${read}`);
  return read;
}

/** The policy, or what is wrong with the text (in words that follow the field's name). */
function readRetrySchedule(text: string): RetryPolicy | string {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'none') return { delaysMs: [] };
  const parts = trimmed.split(',').map((part) => part.trim());
  if (parts.length > MAX_ATTEMPTS) {
    return `'${text}' has ${parts.length} attempts; accepted: at most ${MAX_ATTEMPTS} (${RETRY_RULE})`;
  }
  const waits: number[] = [];
  for (const part of parts) {
    try {
      waits.push(parseDuration('wait', part, { maxMs: MAX_DELAY_MS }));
    } catch {
      return `'${text}': '${part}' is not a wait of 0 to 1h; accepted: ${RETRY_RULE}`;
    }
  }
  if (waits[0] !== 0) {
    return `'${text}' starts with ${parts[0]}, but the first attempt goes at once: start with 0; accepted: ${RETRY_RULE}`;
  }
  return { delaysMs: waits.slice(1) };
}

/** A policy in the text form, as `parseRetrySchedule` reads it back: `0,1s,5s,25s`, or `none`. */
export function formatRetrySchedule(policy: RetryPolicy): string {
  if (policy.delaysMs.length === 0) return 'none';
  const wait = (ms: number) => (ms % 1_000 === 0 ? `${ms / 1_000}s` : `${ms}ms`);
  return ['0', ...policy.delaysMs.map(wait)].join(',');
}

/** The zod schema of a `retry` field (API and CLI): the text form above, kept as written. */
export const retrySchema = z
  .string()
  .max(400)
  .superRefine((value, ctx) => {
    const read = readRetrySchedule(value);
    if (typeof read === 'string')
      ctx.addIssue({ code: 'custom', message: `must be a retry schedule: ${read}` });
  })
  .meta({
    description: `The retry schedule: ${RETRY_RULE}. Default: the server's (0,1s,5s,25s unless serve --retry)`,
    examples: ['0,1s,5s,25s', 'none'],
  });
