/**
 * @module artillery/options
 * What the Artillery processor sends, read from the test script: `config.variables.ciCallback` (Artillery hands
 * a hook the test's variables, not its `config`) and, for one request, a `ciCallback` key on it — so two
 * scenarios can send different mixes. Checked like `load`'s flags, with the same names, values and defaults;
 * `duplicate` in the delivery faults' own grammar (src/faults/options.ts).
 */
import { InputError, oneOf } from '../core/errors.ts';
import { MAX_SEED } from '../core/faker.ts';
import { type FaultSetting, faultPlanOf, faultsSchema, parseFaultFlags } from '../faults/options.ts';
import { LOAD_DEFAULTS, parseTagWeights, type TagWeight } from '../load/plan.ts';
import {
  FORMAT_CHOICES,
  type FormatChoice,
  STATE_CHOICES,
  type StateChoice,
  TRIGGER_CHOICES,
  type TriggerChoice,
} from '../load/run-request.ts';

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
  return {
    tags: parseTagWeights(text('tags', record['tags']) ?? LOAD_DEFAULTS.tags),
    format: oneOf(
      'ciCallback.format',
      text('format', record['format']) ?? LOAD_DEFAULTS.format,
      FORMAT_CHOICES,
    ),
    trigger: oneOf(
      'ciCallback.trigger',
      text('trigger', record['trigger']) ?? LOAD_DEFAULTS.trigger,
      TRIGGER_CHOICES,
    ),
    state: oneOf('ciCallback.state', text('state', record['state']) ?? LOAD_DEFAULTS.state, STATE_CHOICES),
    seed: record['seed'] === undefined ? undefined : seed(record['seed']),
    duplicate: record['duplicate'] === undefined ? undefined : duplicateSetting(record['duplicate']),
  };
}

function text(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new InputError(`ciCallback.${name}`, `ciCallback.${name} must be text, got ${JSON.stringify(value)}`);
}

function seed(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_SEED) {
    throw new InputError(
      'ciCallback.seed',
      `ciCallback.seed must be a whole number from 0 to ${MAX_SEED}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

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
