/**
 * @module artillery/options
 * What the Artillery processor sends, read from the test script: `config.variables.ciCallback` (Artillery hands
 * a hook the test's variables, not its `config`) and, for one request, a `ciCallback` key on it — so two
 * scenarios can send different mixes. Checked like `load`'s flags, with the same names, values and defaults;
 * `duplicate` in the delivery faults' own grammar (src/faults/options.ts).
 */
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { checkedInput } from '../core/issues.ts';
import { numberOrText } from '../core/number-fields.ts';
import { type FaultSetting, faultPlanOf, faultsSchema, parseFaultFlags } from '../faults/options.ts';
import { LOAD_DEFAULTS, parseTagWeights, type TagWeight } from '../load/plan.ts';
import { type FormatChoice, loadRunBody, type StateChoice, type TriggerChoice } from '../load/run-request.ts';

export interface ArtilleryOptions {
  tags: TagWeight[];
  format: FormatChoice;
  trigger: TriggerChoice;
  state: StateChoice;
  /** The body pool's seed; without one each worker draws its own, so a distributed run sends more variety. */
  seed: number | undefined;
  /** The duplicate fault: the share of callbacks delivered a second time, and after how long; none when unset or 0. */
  duplicate: FaultSetting | undefined;
}

const OPTION_NAMES = ['tags', 'format', 'trigger', 'state', 'seed', 'duplicate'] as const;

/** `ciCallback` as written in the script: strings or numbers, YAML's choice. */
export type ArtilleryOptionsInput = Partial<Record<(typeof OPTION_NAMES)[number], unknown>>;

export function resolveArtilleryOptions(input: unknown): ArtilleryOptions {
  if (input === undefined || input === null) return resolveArtilleryOptions({});
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError('ciCallback', `ciCallback must be a map of options, got ${JSON.stringify(input)}`, [
      ...OPTION_NAMES,
    ]);
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      throw new InputError('ciCallback', `ciCallback has an unknown option '${key}'`, [...OPTION_NAMES]);
    }
  }
  // each option by the field of POST /load-runs it mirrors, so the words are the API's and the CLI's
  const { ciCallback: given } = checkedInput(artilleryOptionsSchema, { ciCallback: record });
  return {
    tags: parseTagWeights(given.tags ?? LOAD_DEFAULTS.tags),
    format: given.format ?? LOAD_DEFAULTS.format,
    trigger: given.trigger ?? LOAD_DEFAULTS.trigger,
    state: given.state ?? LOAD_DEFAULTS.state,
    seed: given.seed,
    duplicate: record['duplicate'] === undefined ? undefined : duplicateSetting(record['duplicate']),
  };
}

/** The options but `duplicate` (read in the faults' grammar below), as `ciCallback.<name>`. */
const artilleryOptionsSchema = z.object({
  ciCallback: z.object({
    tags: loadRunBody.shape.tags,
    format: loadRunBody.shape.format,
    trigger: loadRunBody.shape.trigger,
    state: loadRunBody.shape.state,
    seed: numberOrText(loadRunBody.shape.seed),
  }),
});

/**
 * `duplicate` as the faults module reads it: a YAML number, `true` or map is the API's `faults.duplicate`
 * (`0.01`, `{ probability: 0.01, delayMs: 2000 }`), a string is the CLI's `--fault duplicate=…` (`"1%"`,
 * `"1%,delay=2s"`).
 */
function duplicateSetting(value: unknown): FaultSetting | undefined {
  let setting: FaultSetting | undefined;
  try {
    if (typeof value === 'string') {
      setting = parseFaultFlags([`duplicate=${value.trim()}`], 'single').duplicate;
    } else {
      const parsed = faultsSchema.safeParse({ duplicate: value });
      if (parsed.success) setting = faultPlanOf(parsed.data, 'single').duplicate;
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  if (!setting) {
    throw new InputError(
      'ciCallback.duplicate',
      `ciCallback.duplicate is the share of callbacks sent twice: a probability from 0 to 1 (0.01) or a percentage ("1%"), with an optional delay ("1%,delay=2s" or { probability: 0.01, delayMs: 2000 }); got ${JSON.stringify(value)}`,
    );
  }
  return setting.probability > 0 ? setting : undefined;
}
