/**
 * @module faults/options
 * One grammar for switching faults on, shared by the HTTP API and the CLI:
 * `{"faults": {"duplicate": {"probability": 0.05, "delayMs": 2000}, "slowBody": 0.01}}` and
 * `--fault duplicate=5%,delay=2s --fault slow-body=1%`. A fault with no probability is forced (every delivery).
 */
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { parseDuration } from '../delivery/duration.ts';
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

/** The API shape: a probability, `true` (forced), or `{ probability?, delayMs? }` per fault. */
export const faultsSchema = z
  .record(
    z.string(),
    z.union([
      z.number().min(0, 'a probability is 0 … 1').max(1, 'a probability is 0 … 1 (0.05 is 5%)'),
      z.literal(true),
      z.strictObject({
        probability: z.number().min(0).max(1).optional(),
        delayMs: z.int().min(0).max(MAX_FAULT_DELAY_MS).optional(),
      }),
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

/** `--fault NAME[=P%][,delay=D]`, repeatable; NAME alone forces the fault on every delivery. */
export function parseFaultFlags(flags: readonly string[], scope: FaultScope): FaultPlan {
  const plan: FaultPlan = {};
  for (const flag of flags) {
    const [head = '', ...options] = flag.split(',').map((part) => part.trim());
    const [rawName = '', rawProbability] = head.split('=');
    const name = faultNameOf(rawName);
    if (!name) throw new InputError('fault', `--fault '${flag}': unknown fault '${rawName}'`, FAULT_NAMES);
    const setting: FaultSetting = { probability: 1, delayMs: 0 };
    if (rawProbability !== undefined) setting.probability = parseProbability(flag, rawProbability);
    for (const option of options) {
      const [key, value] = option.split('=');
      if (key !== 'delay' || value === undefined) {
        throw new InputError(
          'fault',
          `--fault '${flag}': '${option}' is not understood; accepted: NAME[=P%][,delay=D], e.g. --fault duplicate=5%,delay=2s`,
        );
      }
      setting.delayMs = parseDuration('--fault delay', value, { maxMs: MAX_FAULT_DELAY_MS });
    }
    plan[name] = setting;
  }
  return checkScope(plan, scope);
}

function parseProbability(flag: string, text: string): number {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const share = /^(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : share ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new InputError(
      'fault',
      `--fault '${flag}': probability '${text}' is not 0% … 100% (or 0 … 1); e.g. --fault slow-body=1%`,
    );
  }
  return value;
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
