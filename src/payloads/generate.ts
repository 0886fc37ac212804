/**
 * @module generate
 * The library's main call: one TaskFinish callback body for a Tag and variant, reproducible from its seed.
 */
import { buildResponse, type FixedJobContext } from '../core/envelope.ts';
import { randomSeed, seededFaker } from '../core/faker.ts';
import { applyOverrides } from '../core/overrides.ts';
import { render } from '../core/render.ts';
import { DEFAULT_REFERENCE_DATE } from '../core/time.ts';
import type { GenerateOptions, GenerateResult, Job, TagDefinition } from '../core/types.ts';
import { checkGenerateOptions } from './payload-rules.ts';
import { findTag } from './registry.ts';

/**
 * `fixed` pins facts shared with other jobs (a workflow run's input, run and times, see src/payloads/workflow-finish.ts);
 * the body is then reproduced by the same seed, options and fixed facts.
 */
export function generate(options: GenerateOptions, fixed?: FixedJobContext): GenerateResult {
  checkGenerateOptions(options);
  const def = tagNamed(options.tag);
  const { format = 'xml', trigger = 'direct', state = 'success', jsonShape = def.jsonShape } = options;
  const seed = options.seed ?? randomSeed();
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

/**
 * findTag, remembered by the name as given: it lowercases every Tag's name to compare (3% of generate()'s time
 * in a profile over every Tag). Unknown names are not remembered: findTag refuses them each time.
 */
const tagsByName = new Map<string, TagDefinition>();
const MAX_TAG_NAMES = 1_000;

function tagNamed(name: string): TagDefinition {
  let def = tagsByName.get(name);
  if (def === undefined) {
    def = findTag(name);
    if (tagsByName.size < MAX_TAG_NAMES) tagsByName.set(name, def);
  }
  return def;
}
