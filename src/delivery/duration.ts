/**
 * @module delivery/duration
 * Durations as people write them for schedules: "250ms", "5s", "2m", "1h".
 */
import { InputError } from '../core/errors.ts';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
export const DURATION_FORMAT = 'a number with a unit: 250ms, 5s, 2m, 1h';

export interface DurationBounds {
  minMs?: number;
  maxMs?: number;
}

/** Milliseconds in `text`; `field` names the option in the error, e.g. `every` or `--every`. */
export function parseDuration(field: string, text: string, bounds: DurationBounds = {}): number {
  const match = DURATION.exec(text.trim());
  if (!match)
    throw new InputError(field, `${field} '${text}' is not a duration; accepted: ${DURATION_FORMAT}`);
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  const { minMs = 0, maxMs = Number.MAX_SAFE_INTEGER } = bounds;
  if (ms < minMs || ms > maxMs) {
    throw new InputError(field, `${field} '${text}' is out of range; accepted: ${minMs} ms to ${maxMs} ms`);
  }
  return ms;
}
