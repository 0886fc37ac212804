/**
 * @module cli/tags
 * `ci-callback tags [--json]`: the Tags the emitter knows, with their variants.
 */
import { FORMATS, JSON_SHAPES, STATES, TRIGGERS } from '../core/types.ts';
import { describeTags } from '../payloads/registry.ts';
import { type FlagTable, parseFlags } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { textTable } from './text-table.ts';

const TAGS_FLAGS = {
  json: { type: 'boolean', description: 'a JSON array of the Tags with every detail, instead of the table' },
} as const satisfies FlagTable;

export const tagsUsage: CommandUsage = { synopsis: ['tags [--json]'], flags: TAGS_FLAGS };

export const tagsCommand: Command = (argv, io) => {
  const { values } = parseFlags(argv, TAGS_FLAGS);
  const tags = describeTags();
  if (values.json) {
    io.stdout(`${JSON.stringify(tags, null, 2)}\n`);
    return 0;
  }
  const rows = tags.map((t) => [
    t.tag,
    t.family,
    t.jobIdPrefix,
    t.source,
    t.resultNode || '—',
    t.defaultJsonShape,
  ]);
  io.stdout(textTable(['TAG', 'FAMILY', 'JOBID', 'SOURCE', 'RESULT NODE', 'JSON SHAPE'], rows));
  io.stdout(
    `\n${tags.length} tags. Every tag has the variants format ${FORMATS.join('|')} × trigger ${TRIGGERS.join('|')} × state ${STATES.join('|')}; JSON shapes ${JSON_SHAPES.join('|')}.\n`,
  );
  return 0;
};
