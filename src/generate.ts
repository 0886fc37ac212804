/**
 * @module generate
 * The library's main call: one TaskFinish callback body for a Tag and variant, reproducible from its seed.
 */
import { buildResponse, type FixedJobContext } from './core/envelope.ts';
import { InputError, oneOf } from './core/errors.ts';
import { MAX_SEED, randomSeed, seededFaker } from './core/faker.ts';
import { applyOverrides } from './core/overrides.ts';
import { render } from './core/render.ts';
import { DEFAULT_REFERENCE_DATE } from './core/time.ts';
import {
  FORMATS,
  type GenerateOptions,
  type GenerateResult,
  type Job,
  JSON_SHAPES,
  STATES,
  TRIGGERS,
} from './core/types.ts';
import { findTag } from './registry.ts';

/** Checks a seed: a whole number from 0 to 4294967295. */
/** What a seed is, for the messages that refuse one. */
export const SEED_MEANING = `a seed picks the generated values (the same seed gives the same bytes): a whole number from 0 to ${MAX_SEED}`;

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new InputError('seed', `seed ${seed} is not a seed; ${SEED_MEANING}`);
  }
  return seed;
}

/**
 * `fixed` pins facts shared with other jobs (a workflow run's input, run and times, see src/workflow-finish.ts);
 * the body is then reproduced by the same seed, options and fixed facts.
 */
export function generate(options: GenerateOptions, fixed?: FixedJobContext): GenerateResult {
  const def = findTag(options.tag);
  const format = oneOf('format', options.format ?? 'xml', FORMATS);
  const trigger = oneOf('trigger', options.trigger ?? 'direct', TRIGGERS);
  const state = oneOf('state', options.state ?? 'success', STATES);
  const jsonShape = oneOf('jsonShape', options.jsonShape ?? def.jsonShape, JSON_SHAPES);
  const seed = options.seed === undefined ? randomSeed() : checkSeed(options.seed);
  const variant = { format, trigger, state };

  const response = buildResponse(def, variant, seededFaker(seed, def.tag), {
    referenceDate: options.referenceDate ?? DEFAULT_REFERENCE_DATE,
    ...(fixed ? { fixed } : {}),
  });
  applyOverrides(response, options.overrides ?? []);
  const { body, contentType } = render(response, { format, jsonShape, compact: options.compact ?? false });
  return {
    body,
    contentType,
    seed,
    job: response['JobsDetail'] as Job,
    variant: { tag: def.tag, jsonShape, ...variant },
  };
}
