/**
 * @module cli/fixtures
 * `ci-callback fixtures --out DIR [--seed N] [--count N]`: the whole corpus, one file per Tag × variant; with
 * `--count`, that many bodies, one corpus per seed in DIR/<seed>/.
 */

import { TAGS } from '../../generators/index.ts';
import { InputError } from '../core/errors.ts';
import { CORPUS_SEED, MAX_CORPUS_COUNT, writeCorpus } from '../corpus.ts';
import { type FlagTable, parseFlags, parseSeed, requireFlag } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';

const FIXTURES_FLAGS = {
  out: {
    type: 'string',
    value: 'DIR',
    description: 'where to write: DIR/<Tag>/<trigger>-<state>.<xml|json>',
  },
  seed: { type: 'string', value: 'N', description: 'the (first) seed', default: String(CORPUS_SEED) },
  count: {
    type: 'string',
    value: 'N',
    description: `write N bodies (1..${MAX_CORPUS_COUNT}): one corpus per seed from --seed on, in DIR/<seed>/`,
    default: 'one corpus',
  },
} as const satisfies FlagTable;

export const fixturesUsage: CommandUsage = {
  synopsis: ['fixtures --out DIR [--seed N]', 'fixtures --out DIR --count N [--seed N]'],
  flags: FIXTURES_FLAGS,
};

export const fixturesCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, FIXTURES_FLAGS);
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
