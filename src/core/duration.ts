/**
 * @module core/duration
 * The one duration grammar of the project, for every flag and every API field that takes a duration (schedule
 * `every`/`jitter`, load `duration`/`warmup`/`timeout`, `serve --load-max-duration`, probe and fault delays):
 * a number with a unit — `250ms`, `5s`, `1.5s`, `2m`, `1h` — or a bare number, which means seconds (`60` is
 * `60s`), as `sleep 60` and `timeout 60` read it. JSON callers may send that number as a JSON number.
 */
import { z } from 'zod';
import { InputError } from './errors.ts';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/;
export const DURATION_FORMAT = 'a number with a unit (250ms, 5s, 2m, 1h) or a bare number of seconds (60)';

export interface DurationBounds {
  /** Inclusive; 0 by default, so give 1 where zero makes no sense. */
  minMs?: number;
  maxMs?: number;
}

/** What a duration field accepts, in words (the grammar and the range). */
export function durationRule(bounds: DurationBounds = {}): string {
  const { minMs = 0, maxMs } = bounds;
  const range =
    maxMs === undefined
      ? `at least ${describeMs(minMs)}`
      : `from ${describeMs(minMs)} to ${describeMs(maxMs)}`;
  return `${DURATION_FORMAT}, ${range}`;
}

/** Milliseconds in `value`; `field` names the option in the error, e.g. `every`. */
export function parseDuration(field: string, value: string | number, bounds: DurationBounds = {}): number {
  const match = typeof value === 'number' ? null : DURATION.exec(value);
  const ms =
    typeof value === 'number'
      ? value * 1_000
      : match
        ? Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS]
        : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(field, `${field} '${value}' is not a duration; accepted: ${durationRule(bounds)}`);
  }
  const rounded = Math.round(ms);
  const { minMs = 0, maxMs = Number.MAX_SAFE_INTEGER } = bounds;
  if (rounded < minMs || rounded > maxMs) {
    throw new InputError(field, `${field} '${value}' is out of range; accepted: ${durationRule(bounds)}`);
  }
  return rounded;
}

/**
 * The zod schema of a duration field: text in the grammar above, or a JSON number of seconds. It keeps the
 * value as written, since schedules store and show what their caller wrote.
 */
export function durationSchema(description: string, bounds: DurationBounds = {}) {
  return z
    .union([z.string(), z.number()])
    .superRefine((value, ctx) => {
      try {
        parseDuration('value', value, bounds);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        ctx.addIssue({
          code: 'custom',
          message: `must be ${durationRule(bounds)}, got '${value}'`,
          continue: false,
        });
      }
    })
    .meta({ description: `${description}; ${DURATION_FORMAT}`, examples: ['30s'] });
}

function describeMs(ms: number): string {
  if (ms === 0) return '0';
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
