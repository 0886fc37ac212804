/**
 * @module corpus
 * The fixture corpus: every Tag × format × trigger × state from one seed, as `<Tag>/<trigger>-<state>.<format>`.
 * One seed per corpus means a Tag's XML and JSON files of one trigger/state describe the same job.
 * WorkflowFinish examples sit beside them as `WorkflowFinish/<example>.<format>`, for a few fixed node lists.
 * A larger corpus (for load tests or a receiver's own regression suite) is one such corpus per seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { MAX_SEED } from '../core/faker.ts';
import { FORMATS, type Format, type JobState, STATES, TRIGGERS, type Trigger } from '../core/types.ts';
import { TAGS } from '../tags/index.ts';
import { generate } from './generate.ts';
import { generateWorkflowFinish } from './workflow-finish.ts';

/** The seed the committed corpus (fixtures/) is generated from. */
export const CORPUS_SEED = 1;

export interface CorpusFile {
  path: string;
  tag: string;
  format: Format;
  trigger: Trigger;
  state: JobState;
  contentType: string;
  body: string;
}

export function corpusPath(tag: string, trigger: Trigger, state: JobState, format: Format): string {
  return `${tag}/${trigger}-${state}.${format}`;
}

export function buildCorpus(seed = CORPUS_SEED): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const { tag } of TAGS) {
    for (const trigger of TRIGGERS) {
      for (const state of STATES) {
        for (const format of FORMATS) {
          const { body, contentType } = generate({ tag, format, trigger, state, seed });
          files.push({
            path: corpusPath(tag, trigger, state, format),
            tag,
            format,
            trigger,
            state,
            contentType,
            body,
          });
        }
      }
    }
  }
  return files;
}

/** A workflow run in the corpus: a name for its files, its nodes and its outcome. */
export interface WorkflowFinishExample {
  name: string;
  tags: readonly string[];
  state: JobState;
}

/**
 * Runs of Tags that read the same kind of file: a video pipeline (one outcome each), two audio nodes of which one
 * fails, and a single node (its `Tasks` is an object in JSON, not an array).
 */
export const WORKFLOW_FINISH_EXAMPLES: readonly WorkflowFinishExample[] = [
  { name: 'video-pipeline-success', tags: ['Snapshot', 'Transcode', 'SmartCover'], state: 'success' },
  { name: 'video-pipeline-failed', tags: ['Snapshot', 'Transcode', 'SmartCover'], state: 'failed' },
  { name: 'asr-and-song-failed', tags: ['SpeechRecognition', 'SoundHound'], state: 'failed' },
  { name: 'smart-cover-success', tags: ['SmartCover'], state: 'success' },
];

export interface WorkflowFinishFile {
  path: string;
  example: WorkflowFinishExample;
  format: Format;
  contentType: string;
  body: string;
}

export function buildWorkflowFinishCorpus(seed = CORPUS_SEED): WorkflowFinishFile[] {
  return WORKFLOW_FINISH_EXAMPLES.flatMap((example) =>
    FORMATS.map((format) => {
      const { body, contentType } = generateWorkflowFinish({
        tags: example.tags,
        state: example.state,
        format,
        seed,
      });
      return { path: `WorkflowFinish/${example.name}.${format}`, example, format, contentType, body };
    }),
  );
}

export interface WriteCorpusOptions {
  /** The (first) seed; default CORPUS_SEED. */
  seed?: number;
  /**
   * How many bodies to write. Omitted: one corpus, straight under the directory. Given: one corpus per seed from
   * `seed` on, each in `<dir>/<seed>/`, until `count` files are written (the last corpus may stop part-way).
   */
  count?: number;
}

/** The most bodies one `count` asks for: about 140 GB of files. */
export const MAX_CORPUS_COUNT = 50_000_000;

/** Files in one seed's corpus: every Tag × variant and the WorkflowFinish examples. */
export function corpusSize(): number {
  return (
    TAGS.length * TRIGGERS.length * STATES.length * FORMATS.length +
    WORKFLOW_FINISH_EXAMPLES.length * FORMATS.length
  );
}

/**
 * Writes the corpus (TaskFinish and WorkflowFinish files) under `dir`, returning how many files were written.
 * Writes are synchronous: this runs in the CLI, one corpus at a time, and a body is only a few kilobytes.
 */
export function writeCorpus(dir: string, { seed = CORPUS_SEED, count }: WriteCorpusOptions = {}): number {
  if (count === undefined) return writeFiles(dir, seed, Number.POSITIVE_INFINITY);
  if (!Number.isInteger(count) || count < 1 || count > MAX_CORPUS_COUNT)
    throw new InputError('count', `count must be a whole number from 1 to ${MAX_CORPUS_COUNT}, got ${count}`);
  const lastSeed = seed + Math.ceil(count / corpusSize()) - 1;
  if (lastSeed > MAX_SEED)
    throw new InputError(
      'count',
      `${count} bodies need seeds ${seed}..${lastSeed}, past the largest seed ${MAX_SEED}: start from a smaller seed`,
    );
  let written = 0;
  for (let next = seed; written < count; next++)
    written += writeFiles(join(dir, String(next)), next, count - written);
  return written;
}

/** Writes up to `limit` files of one seed's corpus under `dir`. */
function writeFiles(dir: string, seed: number, limit: number): number {
  const files = [...buildCorpus(seed), ...buildWorkflowFinishCorpus(seed)].slice(0, limit);
  const made = new Set<string>();
  for (const file of files) {
    const target = join(dir, file.path);
    const parent = dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, file.body);
  }
  return files.length;
}
