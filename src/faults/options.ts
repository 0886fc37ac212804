/**
 * @module faults/options
 * One grammar for switching faults on, shared by the HTTP API and the CLI:
 * `{"faults": {"duplicate": {"probability": 0.05, "delayMs": 2000}, "slowBody": 0.01}}` and
 * `--fault duplicate=5%,delay=2s --fault slow-body=1%`. A fault with no probability is forced (every delivery).
 */
import { z } from 'zod';
import { parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { checkedInput } from '../core/issues.ts';
import { FAULT_NAMES, type FaultName, faultDefinition, faultNameOf } from './catalog.ts';

/** Longest a fault's extra delivery may wait (a duplicate "minutes later"). */
export const MAX_FAULT_DELAY_MS = 60 * 60_000;

export interface FaultSetting {
  /** 0 … 1: the share of deliveries (or batches, for reorder and burst) this fault shapes. */
  probability: number;
  /** How long after the original its extra delivery is sent (duplicate, and every extra delivery). */
  delayMs: number;
}
export type FaultPlan = Partial<Record<FaultName, FaultSetting>>;

/** Where a plan is used: `batch` (emit, send --count) also takes reorder and burst. */
export type FaultScope = 'batch' | 'single';

const ACCEPTED = `accepted fault names: ${FAULT_NAMES.join(', ')} (or their camelCase form, e.g. slowBody)`;

const probability = z.number().min(0, 'a probability is 0 … 1').max(1, 'a probability is 0 … 1 (0.05 is 5%)');
const delayMs = z
  .int('a delay is a whole number of milliseconds')
  .min(0, 'a delay is 0 or more')
  .max(MAX_FAULT_DELAY_MS, `a delay is at most ${MAX_FAULT_DELAY_MS} ms (1h)`);

/** The API shape: a probability, `true` (forced), or `{ probability?, delayMs? }` per fault. */
export const faultsSchema = z
  .record(
    z.string(),
    z.union([
      probability,
      z.literal(true),
      z.strictObject({ probability: probability.optional(), delayMs: delayMs.optional() }),
    ]),
  )
  .superRefine((faults, ctx) => {
    for (const key of Object.keys(faults)) {
      if (!faultNameOf(key))
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown fault '${key}'; ${ACCEPTED}` });
    }
  })
  .meta({
    description:
      'Delivery faults: a probability per fault (0.05 = 5%), true to force it, or {probability, delayMs}; e.g. {"duplicate": {"probability": 0.05, "delayMs": 2000}, "slowBody": 0.01}',
  });
export type FaultsInput = z.infer<typeof faultsSchema>;

/** The API value (already shape-checked by `faultsSchema`) as a plan, checked against where it is used. */
export function faultPlanOf(input: FaultsInput, scope: FaultScope): FaultPlan {
  const plan: FaultPlan = {};
  for (const [key, value] of Object.entries(input)) {
    const name = faultNameOf(key);
    if (!name) throw new InputError(`faults.${key}`, `unknown fault '${key}'`, FAULT_NAMES);
    const setting =
      typeof value === 'number'
        ? { probability: value, delayMs: 0 }
        : value === true
          ? { probability: 1, delayMs: 0 }
          : { probability: value.probability ?? 1, delayMs: value.delayMs ?? 0 };
    plan[name] = setting;
  }
  return checkScope(plan, scope);
}

const FLAG_GRAMMAR = 'NAME[=P%][,delay=D], e.g. --fault duplicate=5%,delay=2s';

/**
 * `--fault NAME[=P%][,delay=D]` (repeatable) read into the API shape, then judged by `faultsSchema`: the CLI
 * writes a fault differently, but its names, probabilities and delays are refused with the API's words.
 * NAME alone forces the fault on every delivery. The issue path names the fault as typed (`dupe`).
 */
export const faultFlagsSchema = z
  .array(z.string())
  .transform((flags, ctx) => {
    const faults: Record<string, FaultsInput[string]> = {};
    for (const flag of flags) {
      const [head = '', ...options] = flag.split(',').map((part) => part.trim());
      const [name = '', rawProbability] = head.split('=');
      const problem = (message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
      const share = rawProbability === undefined ? 1 : probabilityOf(rawProbability);
      if (Number.isNaN(share))
        problem(`probability '${rawProbability}' is not 0% … 100% (or 0 … 1); e.g. --fault slow-body=1%`);
      let delay: number | undefined;
      for (const option of options) {
        const [key, value] = option.split('=');
        if (key !== 'delay' || value === undefined) {
          problem(`'${option}' is not understood; accepted: ${FLAG_GRAMMAR}`);
          continue;
        }
        try {
          delay = parseDuration('delay', value);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          problem(error.message);
        }
      }
      faults[name] =
        delay === undefined
          ? rawProbability === undefined
            ? true
            : share
          : { probability: share, delayMs: delay };
    }
    return faults;
  })
  .pipe(faultsSchema);

/** `5%` → 0.05, `0.5` → 0.5; NaN when it is neither (a range is `faultsSchema`'s to judge). */
function probabilityOf(text: string): number {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return Number(percent[1]) / 100;
  return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * Faults written in the `--fault` grammar as a plan, for callers outside the CLI's flag parsing (the Artillery
 * processor's options); a bad one is an InputError on `faults.<name>`, as the API names it.
 */
export function parseFaultFlags(flags: readonly string[], scope: FaultScope): FaultPlan {
  const { faults } = checkedInput(z.object({ faults: faultFlagsSchema }), { faults: [...flags] });
  return faultPlanOf(faults, scope);
}

function checkScope(plan: FaultPlan, scope: FaultScope): FaultPlan {
  if (scope === 'single') {
    for (const name of Object.keys(plan) as FaultName[]) {
      if (!faultDefinition(name).perDelivery) {
        throw new InputError(
          'faults',
          `fault '${name}' shapes a batch of callbacks, not one delivery; it applies to emit and send --count, ` +
            'and to probe',
        );
      }
    }
  }
  return plan;
}

/** `duplicate=5%,delay=2s` etc.: a plan as the CLI writes it, for logs and reports. */
export function describeFaultPlan(plan: FaultPlan): string {
  return (Object.entries(plan) as [FaultName, FaultSetting][])
    .map(([name, { probability, delayMs }]) => {
      const delay = delayMs > 0 ? `,delay=${delayMs}ms` : '';
      return `${name}=${Math.round(probability * 1e6) / 1e4}%${delay}`;
    })
    .join(' ');
}
