/**
 * @module number-fields
 * Number fields with their rule in words, for the API's bodies and the CLI's flags alike: a bad value is refused
 * as `must be a whole number from 1 to 200, got 0` (zod's own words would be `Too small: expected number to be
 * >=1`, and `expected number, received string` without the value). `numberFromText` puts a number typed as
 * text (a flag, a query value) in front of such a schema, so text and JSON numbers meet the same rule.
 */
import { z } from 'zod';
import { shownValue } from './issues.ts';

/** `"fast"`, `0`, `2.5`: the value as the caller wrote it, for the end of a message. */
function shown(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : shownValue(input);
}

/** Every issue of the schema says `rule, got <value>`. */
function withRule(rule: string) {
  return { error: (issue: { input?: unknown }) => `${rule}, got ${shown(issue.input)}` };
}

/** A whole number from `min` to `max`, of `unit` when given (`milliseconds`). */
export function wholeNumberIn(min: number, max: number, unit?: string) {
  const rule = withRule(`must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`);
  return z.int(rule).min(min, rule).max(max, rule);
}

/** A number above 0 and at most `max` (fractions allowed: a rate of 0.5 per second). */
export function positiveNumberUpTo(max: number) {
  const rule = withRule(`must be a number above 0 and at most ${max}`);
  return z.number(rule).positive(rule).max(max, rule);
}

/**
 * A number as typed on a command line or in a query string, judged by the number's own schema: text that reads
 * as a number becomes one, anything else reaches the schema as text, so `--seed 1.5`, `?seed=-1` and
 * `{"seed": -1}` are refused with the same words.
 */
export function numberFromText<S extends z.ZodType<unknown, number>>(schema: S) {
  return z
    .string()
    .transform((text): unknown => (NUMBER_TEXT.test(text) ? Number(text) : text))
    .pipe(schema);
}

/**
 * `schema` for a value that may be a number or a number typed as text (a library caller's `'5'`). Unlike
 * `numberFromText`, its input is not typed as text, so it is not for query strings and flags, whose types (and
 * the OpenAPI document's) say text.
 */
export function numberOrText<S extends z.ZodType>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value),
    schema,
  );
}
const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
