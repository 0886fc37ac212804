/**
 * @module errors
 * Typed errors whose message says what was wrong and what is accepted. The CLI prints them as one line and
 * exits 2; the server turns them into a 400 `{ error, detail }`.
 */

/** Bad input from a caller: an unknown name, a malformed value. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** The option or field that was wrong, e.g. `tag` or `--set`. */
  readonly field: string;
  /** What would have been accepted, when it is a list of names. */
  readonly accepted: readonly string[] | undefined;

  constructor(field: string, problem: string, accepted?: readonly string[]) {
    super(accepted ? `${problem}; accepted: ${accepted.join(', ')}` : problem);
    this.field = field;
    this.accepted = accepted;
  }
}

/** Checks that `value` is one of `accepted`, naming the field when it is not. */
export function oneOf<T extends string>(field: string, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T;
  throw new InputError(field, `unknown ${field} '${value}'`, accepted);
}
