/**
 * @module corpus
 * The fixture corpus: every Tag × format × trigger × state from one seed, as `<Tag>/<trigger>-<state>.<format>`.
 * One seed per corpus means a Tag's XML and JSON files of one trigger/state describe the same job.
 * WorkflowFinish examples sit beside them as `WorkflowFinish/<example>.<format>`, for a few fixed node lists.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TAGS } from '../generators/index.ts';
import { FORMATS, type Format, type JobState, STATES, TRIGGERS, type Trigger } from './core/types.ts';
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

/** Writes the corpus (TaskFinish and WorkflowFinish files) under `dir`, returning the files written. */
export async function writeCorpus(
  dir: string,
  seed = CORPUS_SEED,
): Promise<(CorpusFile | WorkflowFinishFile)[]> {
  const files = [...buildCorpus(seed), ...buildWorkflowFinishCorpus(seed)];
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  return files;
}
