/**
 * @module generators
 * The registry: every Tag the emitter knows, as an explicit list. Tests check it against the files in this
 * folder, the fixtures and the README in both directions.
 */
import type { TagDefinition } from '../src/core/types.ts';
// Documented Tags (official callback pages in ../shared/reference/tencent-ci-docs/)
import smartCover from './smart-cover.ts';
import soundHound from './sound-hound.ts';
import speechRecognition from './speech-recognition.ts';
import wordsGeneralize from './words-generalize.ts';
// Media processing Tags (imports)
// Other Tags (imports)

export const TAGS: readonly TagDefinition[] = [
  // Documented Tags
  speechRecognition,
  wordsGeneralize,
  smartCover,
  soundHound,
  // Media processing Tags
  // Other Tags
];
