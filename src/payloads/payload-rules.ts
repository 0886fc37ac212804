/**
 * @module payload-rules
 * What a payload's options accept — format, trigger, state, JSON shape, seed, compact — and the words that refuse
 * the rest, with no validation library: `generate()` and `generateWorkflowFinish()` check their options here, so
 * importing the payload library loads no zod. The zod schemas of the API and the CLI (payload-options.ts) are
 * built from these same rules and words; a property test holds the two to the same verdicts and messages.
 */
import { InputError } from '../core/errors.ts';
import { MAX_SEED } from '../core/faker.ts';
import { shownValue } from '../core/issues.ts';
import { FORMATS, type GenerateOptions, JSON_SHAPES, STATES, TRIGGERS } from '../core/types.ts';

/** What a seed is, for the messages that refuse one. */
export const SEED_MEANING = `a seed picks the generated values (the same seed gives the same bytes): a whole number from 0 to ${MAX_SEED}`;

/** The named choices of a payload, each with the names it accepts. */
export const PAYLOAD_CHOICES = {
  format: FORMATS,
  trigger: TRIGGERS,
  state: STATES,
  jsonShape: JSON_SHAPES,
} as const;

export const isSeed = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED;

/** `unknown format 'yaml'; accepted: xml, json` */
export function unknownChoice(field: string, input: unknown, accepted: readonly string[]): string {
  return `unknown ${field} '${shownValue(input)}'; accepted: ${accepted.join(', ')}`;
}

/** `seed -1 is not a seed; …`, or `seed "abc" …` for what is not a finite number. */
export function notASeed(input: unknown): string {
  const shown =
    typeof input === 'number' && Number.isFinite(input)
      ? String(input)
      : typeof input === 'string'
        ? JSON.stringify(input)
        : shownValue(input);
  return `seed ${shown} is not a seed; ${SEED_MEANING}`;
}

export const notABoolean = (input: unknown) => `expected true or false, got ${shownValue(input)}`;
export const notAnObject = (input: unknown) => `expected an object of options, got ${shownValue(input)}`;
export const TAG_REQUIRED = 'tag is required: a Tag name, e.g. SpeechRecognition';

type ChoiceField = keyof typeof PAYLOAD_CHOICES;
type OptionField = ChoiceField | 'seed' | 'compact';

/** The first problem of one option, or undefined when it is absent or accepted. */
function optionProblem(field: OptionField, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (field === 'seed') return isSeed(value) ? undefined : notASeed(value);
  if (field === 'compact') return typeof value === 'boolean' ? undefined : notABoolean(value);
  const accepted: readonly string[] = PAYLOAD_CHOICES[field];
  return accepted.includes(value as string) ? undefined : unknownChoice(field, value, accepted);
}

/** Checks `options` field by field, in order; the first problem is an InputError naming its field. */
function checkOptions(options: unknown, fields: readonly OptionField[], tagRequired: boolean): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InputError(['options'], `options: ${notAnObject(options)}`);
  const given = options as Record<string, unknown>;
  if (tagRequired && typeof given['tag'] !== 'string') throw new InputError(['tag'], `tag: ${TAG_REQUIRED}`);
  for (const field of fields) {
    const problem = optionProblem(field, given[field]);
    if (problem !== undefined) throw new InputError([field], `${field}: ${problem}`);
  }
}

/** `generate()`'s options; overrides are checked where they are applied (src/core/overrides.ts). */
export function checkGenerateOptions(options: GenerateOptions): void {
  checkOptions(options, ['format', 'trigger', 'state', 'jsonShape', 'seed', 'compact'], true);
}

/** `generateWorkflowFinish()`'s options: a whole run is workflow-triggered, so no trigger. */
export function checkWorkflowFinishOptions(options: Partial<Omit<GenerateOptions, 'tag' | 'trigger'>>): void {
  checkOptions(options, ['format', 'state', 'jsonShape', 'seed', 'compact'], false);
}
