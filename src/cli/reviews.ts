/**
 * @module cli/reviews
 * `ci-callback reviews [--json]`: the content-moderation kinds, with their forms and options.
 */
import { describeReviews } from '../payloads/review-catalog.ts';
import { type FlagTable, parseFlags } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { textTable } from './text-table.ts';

const REVIEWS_FLAGS = {
  json: { type: 'boolean', description: 'a JSON array of the kinds with every detail, instead of the table' },
} as const satisfies FlagTable;

export const reviewsUsage: CommandUsage = {
  synopsis: ['reviews [--json]'],
  flags: REVIEWS_FLAGS,
  notes: ["Print one with 'ci-callback generate --review KIND'; the first form listed is CI's default."],
};

export const reviewsCommand: Command = (argv, io) => {
  const { values } = parseFlags(argv, REVIEWS_FLAGS);
  const reviews = describeReviews();
  if (values.json) {
    io.stdout(`${JSON.stringify(reviews, null, 2)}\n`);
    return 0;
  }
  const rows = reviews.map((r) => [
    r.review,
    r.eventName,
    r.callbackVersions.join(','),
    r.callbackTypes ? '1,2' : '—',
    r.consoleTest ? 'yes' : '—',
    r.summary,
  ]);
  io.stdout(textTable(['REVIEW', 'EVENT', 'FORMS', 'CALLBACK TYPE', 'CONSOLE TEST', 'WHAT'], rows));
  io.stdout(
    `\n${reviews.length} kinds. Results normal|violation|suspected; JSON only, the form in X-Ci-Content-Version.\n`,
  );
  return 0;
};
