/**
 * @module faults/choice
 * Which faults shape a delivery, drawn from a seeded generator so the same seed picks the same faults.
 */
import { FAULT_NAMES, type FaultName } from './catalog.ts';
import type { FaultPlan } from './options.ts';

/** A small, fast, seedable PRNG (mulberry32): [0, 1) like Math.random, the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The faults that shape one delivery, in catalog order. One draw per planned fault whatever the outcome, so
 * adding a fault to the plan does not change which deliveries the others pick.
 */
export function chooseFaults(
  plan: FaultPlan,
  random: () => number,
  only?: (name: FaultName) => boolean,
): FaultName[] {
  const chosen: FaultName[] = [];
  for (const name of FAULT_NAMES) {
    const setting = plan[name];
    if (!setting || (only && !only(name))) continue;
    if (random() < setting.probability) chosen.push(name);
  }
  return chosen;
}

/** One of a fault's cases (e.g. malformed → cut-short), drawn from the same generator. */
export function pickCase<T>(cases: readonly T[], random: () => number): T {
  return cases[Math.min(cases.length - 1, Math.floor(random() * cases.length))] as T;
}
