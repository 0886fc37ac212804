/**
 * @module cli/fixtures
 * `ci-callback fixtures --out DIR [--seed N]`: the whole corpus, one file per Tag × variant.
 */

import { TAGS } from '../../generators/index.ts';
import { CORPUS_SEED, writeCorpus } from '../corpus.ts';
import { parseFlags, parseSeed, requireFlag } from './flags.ts';
import type { Command } from './io.ts';

export const fixturesCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { out: { type: 'string' }, seed: { type: 'string' } });
  const out = requireFlag(values.out, 'out');
  const seed = values.seed === undefined ? CORPUS_SEED : parseSeed(values.seed);
  const files = await writeCorpus(out, seed);
  io.stderr(`wrote ${files.length} files for ${TAGS.length} tags to ${out} (seed ${seed})\n`);
  return 0;
};
