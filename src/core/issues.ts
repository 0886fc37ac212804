/**
 * @module issues
 * One zod issue as one line a caller reads: `field: what was wrong`, the field named in that caller's terms —
 * the HTTP API's body path (`overrides.2`, `query.seed`, src/api/validation.ts) or the flag as typed
 * (`--json-shape`, src/cli/flag-schema.ts). Both edges print a schema's words through this one function, so
 * the CLI and the API refuse a value with the same text after the field's name.
 */
import type { z } from 'zod';
import { type FieldPath, InputError, libraryFieldName } from './errors.ts';

/**
 * A value a caller gave, for a message: text as it is, anything else as JSON. Never throws: `String()` does on
 * an object whose `toString` is not a function (`{"toString": ""}` in a JSON body).
 */
export function shownValue(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return Object.prototype.toString.call(input);
  }
}

/** How an edge names the field at `path` (zod's issue path). */
export type IssueFieldNaming = (path: readonly PropertyKey[]) => string;

export interface IssueLine {
  /** `jsonShape: unknown jsonShape 'x'; accepted: object, array, wrapped` */
  line: string;
  /** The fields it names, in the edge's terms. */
  fields: string[];
}

/** `field: message`; an unknown field lists the accepted ones when `acceptedKeys` (of the top level) is given. */
export function describeIssue(
  issue: z.core.$ZodIssue,
  naming: IssueFieldNaming,
  acceptedKeys?: () => readonly string[] | undefined,
): IssueLine {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => naming([...issue.path, key]));
    const accepted = issue.path.length === 0 ? acceptedKeys?.() : undefined;
    const line = `unknown field ${names.map((n) => `'${n}'`).join(', ')}${accepted ? `; accepted: ${accepted.join(', ')}` : ''}`;
    return { line, fields: names };
  }
  const name = naming(issue.path);
  return { line: `${name}: ${issue.message}`, fields: [name] };
}

/**
 * `value` parsed with `schema` for a library caller: the first issue becomes an InputError naming its field in
 * the library's terms (`rate: must be a number above 0…`, `overrides[2]: …`), which each edge restates
 * (src/core/errors.ts `inCallerTerms`).
 */
export function checkedInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const [first = 'options', ...rest] = (issue?.path ?? []).map((part) =>
    typeof part === 'symbol' ? String(part) : part,
  );
  const path: FieldPath = [String(first), ...rest];
  throw new InputError(path, `${libraryFieldName(path)}: ${issue?.message ?? result.error.message}`);
}
