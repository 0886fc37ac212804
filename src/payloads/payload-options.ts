/**
 * @module payload-options
 * The options of one payload as zod schemas, for the API's bodies and the CLI's flags: built from the rules and
 * words of payload-rules.ts, which `generate()` applies without zod. The HTTP schemas (src/api/schemas.ts)
 * build the /emit, /schedules and payload-query shapes from these fields, so the library, the API and the CLI
 * accept the same values and refuse the rest with the same message.
 */
import { z } from 'zod';
import { numberFromText } from '../core/number-fields.ts';
import { isSeed, notABoolean, notASeed, PAYLOAD_CHOICES, unknownChoice } from './payload-rules.ts';

/** A choice among names, refused as `unknown format 'yaml'; accepted: xml, json` (as `oneOf` says it). */
export function choiceOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: (issue) => unknownChoice(field, issue.input, values) });
}

export const formatSchema = choiceOf('format', PAYLOAD_CHOICES.format);
export const triggerSchema = choiceOf('trigger', PAYLOAD_CHOICES.trigger);
export const stateSchema = choiceOf('state', PAYLOAD_CHOICES.state);
export const jsonShapeSchema = choiceOf('jsonShape', PAYLOAD_CHOICES.jsonShape);
export const seedSchema = z
  .number({ error: (issue) => notASeed(issue.input) })
  .refine(isSeed, { error: (issue) => notASeed(issue.input) });
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
  compact: z.boolean({ error: (issue) => notABoolean(issue.input) }).optional(),
};
