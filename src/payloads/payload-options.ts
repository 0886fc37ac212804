/**
 * @module payload-options
 * The options of one payload — format, trigger, state, JSON shape, seed, compact — defined once as zod schemas
 * with the library's words. `generate()` checks its options with them, and the HTTP schemas
 * (src/api/schemas.ts) build the /emit, /schedules and payload-query shapes from the same fields, so the
 * library and the API accept the same values and refuse the rest with the same message.
 */
import { z } from 'zod';
import { MAX_SEED } from '../core/faker.ts';
import { checkedInput, shownValue } from '../core/issues.ts';
import { numberFromText } from '../core/number-fields.ts';
import { FORMATS, type GenerateOptions, JSON_SHAPES, STATES, TRIGGERS } from '../core/types.ts';

/** What a seed is, for the messages that refuse one. */
export const SEED_MEANING = `a seed picks the generated values (the same seed gives the same bytes): a whole number from 0 to ${MAX_SEED}`;

/** A choice among names, refused as `unknown format 'yaml'; accepted: xml, json` (as `oneOf` says it). */
export function choiceOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, {
    error: (issue) => `unknown ${field} '${shownValue(issue.input)}'; accepted: ${values.join(', ')}`,
  });
}

export const formatSchema = choiceOf('format', FORMATS);
export const triggerSchema = choiceOf('trigger', TRIGGERS);
export const stateSchema = choiceOf('state', STATES);
export const jsonShapeSchema = choiceOf('jsonShape', JSON_SHAPES);
export const seedSchema = z
  .number({ error: (issue) => `seed ${JSON.stringify(issue.input)} is not a seed; ${SEED_MEANING}` })
  .refine((seed) => Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED, {
    error: (issue) => `seed ${String(issue.input)} is not a seed; ${SEED_MEANING}`,
  });

/** A seed written as text (`--seed 42`, `?seed=42`), with the words of `seedSchema`. */
export const seedTextSchema = numberFromText(seedSchema);

/** Most `path=value` overrides one payload takes. */
export const MAX_OVERRIDES = 100;
/** A payload's overrides (`--set`, `overrides`); each is checked where it is applied (src/core/overrides.ts). */
export const overridesSchema = z
  .array(z.string())
  .max(MAX_OVERRIDES, `at most ${MAX_OVERRIDES} overrides (path=value each) per payload`);

/** A list of choices a schedule draws from: at least one. */
const choicesOf = <T extends z.ZodType>(choice: T) => z.array(choice).min(1, 'give at least one value');

/** What a schedule draws each payload from (src/delivery/model.ts `PayloadChoice`), beside the Tags. */
export const payloadChoiceFields = {
  formats: choicesOf(formatSchema).optional(),
  triggers: choicesOf(triggerSchema).optional(),
  states: choicesOf(stateSchema).optional(),
  jsonShape: jsonShapeSchema.optional(),
  overrides: overridesSchema.optional(),
};

/** The payload options every caller gives the same way. */
export const payloadOptionFields = {
  format: formatSchema.optional(),
  trigger: triggerSchema.optional(),
  state: stateSchema.optional(),
  jsonShape: jsonShapeSchema.optional(),
  seed: seedSchema.optional(),
  compact: z.boolean().optional(),
};

/** `generate()`'s options; overrides are checked where they are applied (src/core/overrides.ts). */
const generateOptionsSchema = z.object({
  tag: z.string({ error: 'tag is required: a Tag name, e.g. SpeechRecognition' }),
  ...payloadOptionFields,
});

/** Checks `options` with the schemas above; the first problem is an InputError naming its field. */
export function checkGenerateOptions(options: GenerateOptions): void {
  checkedInput(generateOptionsSchema, options);
}

/** `generateWorkflowFinish()`'s options: a whole run is workflow-triggered, so no trigger. */
const workflowFinishOptionsSchema = z.object({
  format: payloadOptionFields.format,
  state: payloadOptionFields.state,
  jsonShape: payloadOptionFields.jsonShape,
  seed: payloadOptionFields.seed,
  compact: payloadOptionFields.compact,
});

/** Checks a WorkflowFinish's payload options as `checkGenerateOptions` checks one TaskFinish's. */
export function checkWorkflowFinishOptions(options: Partial<Omit<GenerateOptions, 'tag' | 'trigger'>>): void {
  checkedInput(workflowFinishOptionsSchema, options);
}
