/**
 * @module cli/flag-schema
 * A command's flag values parsed with the zod schemas the HTTP API validates with, so the CLI and the API
 * accept the same values and refuse the others with the same words. The command builds an object schema keyed
 * by the API's field names (`jsonShape`, `maxInFlight`, `headers`) from the API's own field schemas, puts the
 * flag text where the schema wants something else (`numberFromText` for `--seed 5`, a record for repeated
 * `--header`), and gets the parsed values, or an InputError whose line is the API's issue line with the field
 * named as the flag typed: `--json-shape: unknown jsonShape 'x'; accepted: object, array, wrapped`.
 */
import { z } from 'zod';
import { DURATION_FORMAT, parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { describeIssue } from '../core/issues.ts';
import { headersSchema } from '../delivery/header-rules.ts';
import { flagOfField } from './flag-names.ts';

/** A command's flags, by name (its flag table). */
type FlagNames = Readonly<Record<string, unknown>>;

/**
 * A zod issue path as the command line names it: the flag (`--header`), then the key inside it when there is
 * one (`--header 'X Token'`, `--fault 'dupe'`); list indexes and deeper keys are left out (a repeated flag has
 * no index; `delayMs` inside a fault is the API's word for what `delay=` sets).
 */
function flagFieldName(path: readonly PropertyKey[], flags: FlagNames): string {
  const [field, ...inside] = path;
  if (typeof field !== 'string') return 'flags';
  const flag = flagOfField(field);
  const name = flag in flags ? `--${flag}` : field;
  const key = inside.find((part): part is string => typeof part === 'string');
  return key === undefined ? name : `${name} '${key}'`;
}

/** `input` (flag text, keyed by API field) parsed with `schema`; the first issue is an InputError naming the flag. */
export function parseFlagValues<S extends z.ZodType>(
  schema: S,
  input: unknown,
  flags: FlagNames,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (!issue) throw new InputError('flags', result.error.message);
  const { line, fields } = describeIssue(issue, (path) => flagFieldName(path, flags));
  throw new InputError([fields[0] ?? 'flags'], line);
}

/** A comma-separated flag value as a list (`--only a,b`), empty entries dropped. */
export function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Repeated `--header 'Name: value'` as the API's `headers` record, judged by `headersSchema`. A line without a
 * colon is the CLI's own grammar error; everything about the name and the value is the API's.
 */
export const headerFlagsSchema = z
  .array(z.string())
  .transform((lines, ctx) => {
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0) {
        ctx.addIssue({
          code: 'custom',
          message: `'${line}' is not 'Name: value'; e.g. --header 'X-Token: s3'`,
        });
        continue;
      }
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).replace(/^[ \t]+/, '');
    }
    return headers;
  })
  .pipe(headersSchema);

/**
 * A duration flag for an API field in milliseconds (`--timeout 10s` for `timeoutMs: 10000`): the flag is written
 * in the duration grammar, and its range is the field's schema's to judge.
 */
export function msFromDurationText<S extends z.ZodType<unknown, number>>(schema: S) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return parseDuration('value', text);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        ctx.addIssue({ code: 'custom', message: `must be ${DURATION_FORMAT}, got '${text}'` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** `fields` without the ones left out: an options object takes a field given, or none at all. */
export function definedFields<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A path on the receiver (`--path /callback`), put in place of a URL's path. */
export const urlPathSchema = z.string().startsWith('/', {
  error: (issue) => `must start with '/', e.g. /callback, got '${String(issue.input)}'`,
});

/** Headers as `Name: value` lines again, once `headerFlagsSchema` has checked them (what pact's verifier takes). */
export function headerLines(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}
