/**
 * Seeds the schema shapes were not learnt from (src/schema/infer.ts learns from 0 up), so the schema tests try
 * the schemas on bodies they never saw; docs/receivers.md states how many bodies that makes.
 */
export const UNSEEN_SEEDS: readonly number[] = Array.from({ length: 25 }, (_, n) => 100_000 + n * 7919);
