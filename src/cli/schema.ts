/**
 * @module cli/schema
 * `ci-callback schema --tag TAG` prints one JSON Schema, `ci-callback schema --review KIND [--callback-version
 * simple|detail]` a moderation kind's in one form; `ci-callback schema --all --out DIR` writes every Tag's,
 * WorkflowFinish's, every moderation kind's in each form and the AsyncAPI document of the callback channel into
 * DIR (created when its parent exists).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { InputError } from '../core/errors.ts';
import { tagNames } from '../payloads/registry.ts';
import { asyncApiDocument } from '../schema/asyncapi.ts';
import {
  allReviewSchemas,
  allSchemas,
  schemaForReview,
  schemaForTag,
  workflowFinishJsonSchema,
} from '../schema/schemas.ts';
import { type FlagTable, parseFlags, REVIEW_FLAGS } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { outputPath } from './output-path.ts';

const WORKFLOW_FINISH = 'WorkflowFinish';

const SCHEMA_FLAGS = {
  tag: {
    type: 'string',
    value: 'TAG',
    description: `print the JSON Schema of this Tag's JSON body (or of ${WORKFLOW_FINISH})`,
  },
  review: {
    type: 'string',
    value: REVIEW_FLAGS.review.value,
    description: "print the JSON Schema of this content-moderation kind's body",
  },
  'callback-version': {
    ...REVIEW_FLAGS['callback-version'],
    description: 'with --review: the body form (X-Ci-Content-Version) whose schema to print',
  },
  all: { type: 'boolean', description: 'write every schema and asyncapi.json (needs --out)' },
  out: {
    type: 'string',
    value: 'DIR',
    description:
      'with --all: where to write DIR/<Tag>.schema.json, DIR/WorkflowFinish.schema.json, DIR/Review<Kind>.<simple|detail>.schema.json, DIR/asyncapi.json',
  },
} as const satisfies FlagTable;

export const schemaUsage: CommandUsage = {
  synopsis: [
    'schema --tag TAG',
    'schema --review KIND [--callback-version simple|detail]',
    'schema --all --out DIR',
  ],
  flags: SCHEMA_FLAGS,
  notes: [
    'The schemas (JSON Schema draft 2020-12) accept every JSON dialect CI sends: JobsDetail as an object or a one-item array, under a top-level Response or not, a list of one as a bare value. docs/receivers.md shows how to validate with them.',
    "A moderation schema is one form's (Simple or Detail, as the X-Ci-Content-Version header says); a Simple one also accepts the console's test request.",
  ],
};

export const schemaCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, SCHEMA_FLAGS);
  if (values.all) {
    if (values.tag !== undefined) throw new InputError('tag', '--tag and --all exclude each other: give one');
    if (values.review !== undefined)
      throw new InputError('review', '--review and --all exclude each other: give one');
    if (values['callback-version'] !== undefined)
      throw new InputError(
        'callback-version',
        '--callback-version goes with --review; --all writes every form',
      );
    if (values.out === undefined) throw new InputError('out', '--all writes files: give --out DIR');
    const dir = await outputDirectory(values.out);
    const schemas = allSchemas();
    const reviews = allReviewSchemas();
    for (const [name, schema] of [...schemas, ...reviews])
      await writeJson(join(dir, `${name}.schema.json`), schema);
    await writeJson(
      join(dir, 'asyncapi.json'),
      asyncApiDocument({ version: pkg.version, schemas, reviewSchemas: reviews }),
    );
    io.stderr(`wrote ${schemas.size + reviews.size} schemas and asyncapi.json to ${values.out}\n`);
    return 0;
  }
  if (values.out !== undefined)
    throw new InputError('out', '--out goes with --all; --tag and --review print to stdout');
  if (values.review !== undefined) {
    if (values.tag !== undefined)
      throw new InputError('tag', '--tag and --review exclude each other: give one');
    const schema = schemaForReview(values.review, values['callback-version']);
    io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  }
  if (values['callback-version'] !== undefined)
    throw new InputError('callback-version', '--callback-version goes with --review KIND');
  if (values.tag === undefined) {
    throw new InputError(
      'tag',
      'give --tag TAG or --review KIND for one schema, or --all --out DIR for every one',
      [...tagNames(), WORKFLOW_FINISH],
    );
  }
  const schema =
    values.tag.toLowerCase() === WORKFLOW_FINISH.toLowerCase()
      ? workflowFinishJsonSchema()
      : schemaFor(values.tag);
  io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
};

/** The registry's refusal of an unknown Tag, with WorkflowFinish among what is accepted. */
function schemaFor(tag: string) {
  try {
    return schemaForTag(tag);
  } catch (error) {
    if (error instanceof InputError && error.accepted) {
      throw new InputError('tag', `unknown tag '${tag}'`, [...error.accepted, WORKFLOW_FINISH]);
    }
    throw error;
  }
}

/** DIR, created when missing; its parent must exist (a typo in a path should not make a tree of folders). */
async function outputDirectory(path: string): Promise<string> {
  const full = await outputPath('out', path);
  const existing = await stat(full).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new InputError('out', `--out ${path} is a file, not a directory`);
  if (!existing) await mkdir(full);
  return full;
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}
