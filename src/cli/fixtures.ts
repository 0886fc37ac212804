/**
 * @module cli/fixtures
 * `ci-callback fixtures --out DIR [--seed N] [--count N]`: the whole corpus, one file per Tag × variant; with
 * `--count`, that many bodies, one corpus per seed in DIR/<seed>/.
 */

import { TAGS } from '../../generators/index.ts';
import { InputError } from '../core/errors.ts';
import { CORPUS_SEED, MAX_CORPUS_COUNT, writeCorpus } from '../corpus.ts';
import { parseFlags, parseSeed, requireFlag } from './flags.ts';
import type { Command } from './io.ts';

export const fixturesCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, {
    out: { type: 'string' },
    seed: { type: 'string' },
    count: { type: 'string' },
  });
  const out = requireFlag(values.out, 'out');
  const seed = values.seed === undefined ? CORPUS_SEED : parseSeed(values.seed);
  const count = values.count === undefined ? undefined : parseCount(values.count);
  const written = writeCorpus(out, count === undefined ? { seed } : { seed, count });
  const seeds = count === undefined ? `seed ${seed}` : `seeds from ${seed}, one directory each`;
  io.stderr(`wrote ${written} files for ${TAGS.length} tags to ${out} (${seeds})\n`);
  return 0;
};

/** Digits only; writeCorpus checks the range. */
function parseCount(text: string): number {
  if (!/^\d+$/.test(text))
    throw new InputError(
      'count',
      `--count must be a whole number from 1 to ${MAX_CORPUS_COUNT}, got '${text}'`,
    );
  return Number(text);
}
