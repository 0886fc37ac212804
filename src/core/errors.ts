/**
 * @module errors
 * Typed errors whose message says what was wrong and what is accepted. The library names the field in its own
 * terms (`overrides[2]`, `maxInFlight`); each edge restates it in its caller's terms with `inCallerTerms` —
 * the CLI as the flag typed (`--set`, `--max-in-flight`, src/cli/flags.ts), the HTTP API as the body field
 * (`overrides.2`, src/server/problem.ts) — and prints it as one line and exit 2, or a 400 `{ error, detail }`.
 */

/** Where a bad value sat in the library's input: a field name, then list indexes or nested names. */
export type FieldPath = readonly [string, ...(string | number)[]];

/** Bad input from a caller: an unknown name, a malformed value. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** The field that was wrong, e.g. `['overrides', 2]` or `['maxInFlight']`. */
  readonly path: FieldPath;
  /** What would have been accepted, when it is a list of names. */
  readonly accepted: readonly string[] | undefined;

  /** `problem` may start with the field's name (`maxInFlight must be …`); edges restate that name. */
  constructor(field: string | FieldPath, problem: string, accepted?: readonly string[]) {
    super(accepted ? `${problem}; accepted: ${accepted.join(', ')}` : problem);
    this.path = typeof field === 'string' ? [field] : field;
    this.accepted = accepted;
  }

  /** The field in the library's terms: `overrides[2]`, `maxInFlight`. */
  get field(): string {
    return libraryFieldName(this.path);
  }
}

export function libraryFieldName([name, ...rest]: FieldPath): string {
  return name + rest.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

/** How one edge names a field its caller wrote, e.g. `['overrides', 2]` → `--set` or `overrides.2`. */
export type FieldNaming = (path: FieldPath) => string;

/**
 * The same error as a caller of another edge reads it: the field named by `naming`, and the message's leading
 * mention of the field (the library's name, or the top-level name alone) restated the same way.
 */
export function inCallerTerms(error: InputError, naming: FieldNaming): InputError {
  const name = naming(error.path);
  let message = error.message;
  for (const spoken of [libraryFieldName(error.path), error.path[0]]) {
    if (message.startsWith(spoken) && /^(\s|'|:|$)/.test(message.slice(spoken.length))) {
      message = name + message.slice(spoken.length);
      break;
    }
  }
  const accepted = error.accepted;
  const problem = accepted ? message.slice(0, message.lastIndexOf('; accepted: ')) : message;
  return new InputError([name], problem, accepted);
}

/** Checks that `value` is one of `accepted`, naming the field when it is not. */
export function oneOf<T extends string>(field: string, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T;
  throw new InputError(field, `unknown ${field} '${value}'`, accepted);
}
