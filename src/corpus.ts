/**
 * @module corpus
 * The fixture corpus: every Tag × format × trigger × state from one seed, as `<Tag>/<trigger>-<state>.<format>`.
 * One seed per corpus means a Tag's XML and JSON files of one trigger/state describe the same job.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TAGS } from '../generators/index.ts';
import { FORMATS, type Format, type JobState, STATES, TRIGGERS, type Trigger } from './core/types.ts';
import { generate } from './generate.ts';

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

/** Writes the corpus under `dir`, returning the files written. */
export async function writeCorpus(dir: string, seed = CORPUS_SEED): Promise<CorpusFile[]> {
  const files = buildCorpus(seed);
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  return files;
}
