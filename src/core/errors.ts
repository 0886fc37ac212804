/**
 * @module errors
 * Typed errors whose message says what was wrong and what is accepted. The library names the field in its own
 * terms (`overrides[2]`, `maxInFlight`); each edge restates it in its caller's terms with `inCallerTerms` —
 * the CLI as the flag typed (`--set`, `--max-in-flight`, src/cli/flags.ts), the HTTP API as the body field
 * (`overrides.2`, src/api/problem.ts) — and prints it as one line and exit 2, or a 400 `{ error, detail }`.
 */

/** Where a bad value sat in the library's input: a field name, then list indexes or nested names. */
export type FieldPath = readonly [string, ...(string | number)[]];

/** Carried by every InputError, whichever copy of this module made it (see `Symbol.hasInstance` below). */
const INPUT_ERROR = Symbol.for('ci-callback-emitter.InputError');

/** Bad input from a caller: an unknown name, a malformed value. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly [INPUT_ERROR] = true;
  /** The field that was wrong, e.g. `['overrides', 2]` or `['maxInFlight']`. */
  readonly path: FieldPath;
  /** What would have been accepted, when it is a list of names. */
  readonly accepted: readonly string[] | undefined;
  /** What was wrong, without the accepted names (the message adds them). */
  readonly problem: string;

  /** `problem` may start with the field's name (`maxInFlight must be …`); edges restate that name. */
  constructor(field: string | FieldPath, problem: string, accepted?: readonly string[]) {
    super(accepted ? `${problem}; accepted: ${accepted.join(', ')}` : problem);
    this.path = typeof field === 'string' ? [field] : field;
    this.accepted = accepted;
    this.problem = problem;
  }

  /** The field in the library's terms: `overrides[2]`, `maxInFlight`. */
  get field(): string {
    return libraryFieldName(this.path);
  }

  /**
   * The package's main entry is one bundled file (it starts faster) while the other entries import this module,
   * so two copies of the class exist: `error instanceof InputError` holds for an InputError of either copy.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && INPUT_ERROR in value;
  }
}

export function libraryFieldName([name, ...rest]: FieldPath): string {
  return name + rest.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

/**
 * How one edge names a field its caller wrote, e.g. `['overrides', 2]` → `--set` or `overrides.2`; undefined
 * when the edge has no name for it (a command without such a flag), and the message stays as it is.
 */
export type FieldNaming = (path: FieldPath) => string | undefined;

/**
 * The same error as a caller of another edge reads it, framed the same way on every edge: the message starts
 * with the field as that caller names it — the library's leading mention of the field (`maxInFlight must be…`)
 * restated (`--max-in-flight must be…`), or the name put in front (`--set: malformed override…`,
 * `overrides.2: malformed override…`) — so the CLI and the API say the same words after the field's name.
 */
export function inCallerTerms(error: InputError, naming: FieldNaming): InputError {
  const name = naming(error.path);
  if (name === undefined) return error;
  const accepted = error.accepted;
  const said = accepted ? error.message.slice(0, error.message.lastIndexOf('; accepted: ')) : error.message;
  let problem = `${name}: ${said}`;
  for (const spoken of [name, libraryFieldName(error.path), error.path[0]]) {
    if (said.startsWith(spoken) && /^(\s|'|:|$)/.test(said.slice(spoken.length))) {
      problem = name + said.slice(spoken.length);
      break;
    }
  }
  return new InputError([name], problem, accepted);
}

/** Checks that `value` is one of `accepted`, naming the field when it is not. */
export function oneOf<T extends string>(field: string, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T;
  throw new InputError(field, `unknown ${field} '${value}'`, accepted);
}
