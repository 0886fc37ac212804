/**
 * @module pact/variants
 * The variants the contract covers, derived from the generator registry: every Tag × format × trigger × state,
 * and for Tags with lists, extra variants where every list has exactly one element ("lists of one", whose JSON
 * form is a bare object or string) next to the usual "lists of many".
 */

import { select } from '../core/tree.ts';
import {
  FORMATS,
  type Format,
  type JobState,
  STATES,
  type TagDefinition,
  TRIGGERS,
  type Trigger,
} from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { TAGS } from '../tags/index.ts';

export type ListCardinality = 'one' | 'many';

export interface ContractVariant {
  tag: string;
  format: Format;
  trigger: Trigger;
  state: JobState;
  /** Only for Tags with lists and successful jobs (failed jobs have no result lists). */
  lists: ListCardinality | undefined;
  seed: number;
}

/** How far to look for a seed whose lists have the wanted lengths. */
const SEED_SEARCH_LIMIT = 300;

export function describeVariant(variant: Omit<ContractVariant, 'seed'>): string {
  const parts = [variant.tag, variant.format, variant.trigger, variant.state];
  // A provider state's parameters say `n/a` for a Tag without lists.
  if (variant.lists === 'one' || variant.lists === 'many') parts.push(`lists of ${variant.lists}`);
  return parts.join(' · ');
}

/** Parses a description back into its variant (the inverse of describeVariant), or undefined. */
export function parseVariantDescription(description: string): Omit<ContractVariant, 'seed'> | undefined {
  const [tag, format, trigger, state, lists] = description.split(' · ');
  if (!tag || !FORMATS.includes(format as Format) || !TRIGGERS.includes(trigger as Trigger)) return undefined;
  if (!STATES.includes(state as JobState)) return undefined;
  const cardinality = lists === undefined ? undefined : lists.replace('lists of ', '');
  if (cardinality !== undefined && cardinality !== 'one' && cardinality !== 'many') return undefined;
  return {
    tag,
    format: format as Format,
    trigger: trigger as Trigger,
    state: state as JobState,
    lists: cardinality as ListCardinality | undefined,
  };
}

function listLengths(def: TagDefinition, trigger: Trigger, seed: number): number[] {
  const job = generate({ tag: def.tag, trigger, seed }).job;
  return def.lists.map((path) => select(job, path).length);
}

/**
 * The first seed from 1 whose lists all have one element (or all several); when no seed within reach gives that
 * for every list of a Tag with many independent lists (VideoTag), the seed where the most lists do. 1 when the
 * variant does not vary lists.
 */
/** Seeds already found: the search generates hundreds of payloads, and every test and command asks again. */
const foundSeeds = new Map<string, number>();

export function seedFor(def: TagDefinition, trigger: Trigger, lists: ListCardinality | undefined): number {
  if (!lists || def.lists.length === 0) return 1;
  const key = `${def.tag}|${trigger}|${lists}`;
  let seed = foundSeeds.get(key);
  if (seed === undefined) {
    seed = searchSeed(def, trigger, lists);
    foundSeeds.set(key, seed);
  }
  return seed;
}

function searchSeed(def: TagDefinition, trigger: Trigger, lists: ListCardinality): number {
  let best = { seed: 1, score: -1 };
  for (let seed = 1; seed <= SEED_SEARCH_LIMIT; seed++) {
    const score = listLengths(def, trigger, seed).filter((n) => (lists === 'one' ? n === 1 : n > 1)).length;
    if (score === def.lists.length) return seed;
    if (score > best.score) best = { seed, score };
  }
  if (best.score <= 0) {
    const wanted = lists === 'one' ? 'one element' : 'several';
    throw new Error(`${def.tag}: no seed up to ${SEED_SEARCH_LIMIT} gives any list ${wanted}`);
  }
  return best.seed;
}

export function contractVariants(tags: readonly TagDefinition[] = TAGS): ContractVariant[] {
  const variants: ContractVariant[] = [];
  for (const def of tags) {
    for (const trigger of TRIGGERS) {
      for (const state of STATES) {
        const cardinalities: (ListCardinality | undefined)[] =
          def.lists.length > 0 && state === 'success' ? ['many', 'one'] : [undefined];
        for (const lists of cardinalities) {
          const seed = seedFor(def, trigger, lists);
          for (const format of FORMATS) variants.push({ tag: def.tag, format, trigger, state, lists, seed });
        }
      }
    }
  }
  return variants;
}
