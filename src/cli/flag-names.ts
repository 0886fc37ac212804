/**
 * @module cli/flag-names
 * Library and API fields as the flags that set them (`maxInFlight` → `--max-in-flight`, `overrides` → `--set`),
 * and InputError restated in those terms: what every command's error line is printed through (cli/main).
 * Kept apart from the parsers so that printing an error loads nothing more.
 */
import type { ParseArgsConfig } from 'node:util';
import { type FieldNaming, InputError, inCallerTerms } from '../core/errors.ts';

/** API fields whose flag is not their kebab-case name. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  overrides: 'set',
  headers: 'header',
  faults: 'fault',
  timeoutMs: 'timeout',
  burstSize: 'burst',
};

/** The flag that sets an API field: `maxInFlight` → `max-in-flight`, `headers` → `header`. */
export function flagOfField(field: string): string {
  return FLAG_OF_FIELD[field] ?? field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The CLI edge of InputError: the library names fields in its own terms (`maxInFlight`, `overrides[2]`); on the
 * command line the message starts with the flag as typed (`--max-in-flight`, `--target`).
 */
export function inFlagTerms(error: unknown, flags: NonNullable<ParseArgsConfig['options']>): unknown {
  return error instanceof InputError ? inCallerTerms(error, flagNaming(flags)) : error;
}

/**
 * A library field as the flag that sets it (`overrides[2]` → `--set`, `maxInFlight` → `--max-in-flight`);
 * none for a field the command has no flag for, or one already named as typed (`--json-shape`).
 */
export function flagNaming(flags: NonNullable<ParseArgsConfig['options']>): FieldNaming {
  return ([name]) => {
    const flag = flagOfField(name);
    return flag in flags ? `--${flag}` : undefined;
  };
}
