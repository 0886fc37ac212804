/**
 * @module pact/review-pact-body
 * A moderation callback as a Pact request body with matchers. Unlike TaskFinish JSON (every value a string, see
 * pact-body.ts), moderation bodies carry real JSON numbers, so numbers are matched as integers or decimals; the
 * job id and time by regex; free text by type; and exact values for what the variant is — the event, `code`,
 * `State`, a live job's `Type`, and the verdict (`result` / `Result` / `Suggestion` of the job) that names the
 * result class. A list is matched by its first item (any number of items, each like it), the others keep their
 * generated values so the example body is the generated callback itself.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { JsonObject, JsonValue } from '../moderation/types.ts';

const { decimal, integer, regex, string } = MatchersV3;

/** Fixed for the variant wherever they occur. */
const EXACT = new Set(['EventName', 'event', 'code', 'State', 'Type']);
/** The verdict: exact on the job itself (a segment's verdict varies within one job). */
const VERDICT = new Set(['result', 'Result', 'Suggestion']);
/** `si3e7069144b0f11f09026525400f8a064`: two letters, then 32 hex digits. */
const REVIEW_JOB_ID = '^[a-z]{2}[0-9a-f]{32}$';
/** `2021-08-10T21:01:08+08:00`. */
const REVIEW_TIME = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00$';
const PATTERN: Record<string, string> = {
  JobId: REVIEW_JOB_ID,
  trace_id: REVIEW_JOB_ID,
  CreationTime: REVIEW_TIME,
};
/** Where the job's own fields are: Detail's JobsDetail, Simple's data. */
const JOB_LEVEL = new Set(['JobsDetail', 'data']);

export function reviewPactBody(document: JsonObject): unknown {
  return withMatchers(document, '', '');
}

function withMatchers(value: JsonValue, key: string, parent: string): unknown {
  if (typeof value === 'number') {
    if (EXACT.has(key) || (VERDICT.has(key) && JOB_LEVEL.has(parent))) return value;
    return Number.isInteger(value) ? integer(value) : decimal(value);
  }
  if (typeof value === 'string') {
    if (EXACT.has(key)) return value;
    const pattern = PATTERN[key];
    return pattern ? regex(pattern, value) : string(value);
  }
  if (Array.isArray(value)) {
    const [first, ...rest] = value;
    if (first === undefined || !alike(value)) return value.map((item) => withMatchers(item, key, parent));
    return { 'pact:matcher:type': 'type', min: 1, value: [withMatchers(first, key, parent), ...rest] };
  }
  const object: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) object[name] = withMatchers(child, name, key);
  return object;
}

/** Whether every item has the first one's shape, so it can stand for them all. */
function alike(items: readonly JsonValue[]): boolean {
  return new Set(items.map(shapeOf)).size <= 1;
}

function shapeOf(value: JsonValue): string {
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return `[${[...new Set(value.map(shapeOf))].sort().join('|')}]`;
  return `{${Object.entries(value)
    .map(([name, child]) => `${name}:${shapeOf(child)}`)
    .join(',')}}`;
}
