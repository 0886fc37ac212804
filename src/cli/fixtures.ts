/**
 * @module cli/fixtures
 * `ci-callback fixtures --out DIR [--seed N] [--count N]`: the whole corpus, one file per Tag × variant; with
 * `--count`, that many bodies, one corpus per seed in DIR/<seed>/.
 */

import { z } from 'zod';
import { numberFromText, wholeNumberIn } from '../core/number-fields.ts';
import { CORPUS_SEED, MAX_CORPUS_COUNT, writeCorpus } from '../payloads/corpus.ts';
import { seedTextSchema } from '../payloads/payload-options.ts';
import { TAGS } from '../tags/index.ts';
import { parseFlagValues } from './flag-schema.ts';
import { type FlagTable, parseFlags, requireFlag } from './flags.ts';
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

/** `--seed` as the API's seed; `--count` is the CLI's own (no API writes a corpus), checked the same way. */
const fixturesFlagsSchema = z.object({
  seed: seedTextSchema.optional(),
  count: numberFromText(wholeNumberIn(1, MAX_CORPUS_COUNT)).optional(),
});

export const fixturesCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, FIXTURES_FLAGS);
  const out = requireFlag(values.out, 'out');
  const parsed = parseFlagValues(
    fixturesFlagsSchema,
    { seed: values.seed, count: values.count },
    FIXTURES_FLAGS,
  );
  const seed = parsed.seed ?? CORPUS_SEED;
  const count = parsed.count;
  const written = writeCorpus(out, count === undefined ? { seed } : { seed, count });
  const seeds = count === undefined ? `seed ${seed}` : `seeds from ${seed}, one directory each`;
  io.stderr(`wrote ${written} files for ${TAGS.length} tags to ${out} (${seeds})\n`);
  return 0;
};
