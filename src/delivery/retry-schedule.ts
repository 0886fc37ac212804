/**
 * @module delivery/retry-schedule
 * A retry policy as people write it, apart from delivery/retry so the delivery path does not load zod (the
 * probe and load entries import retry.ts and keep their dependencies few).
 */
import { z } from 'zod';
import { DURATION_FORMAT, parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { MAX_ATTEMPTS, MAX_DELAY_MS, type RetryPolicy } from './retry.ts';

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
