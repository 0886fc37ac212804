/**
 * @module generators
 * The registry: every Tag the emitter knows, as an explicit list. Tests check it against the files in this
 * folder, the fixtures and the README in both directions.
 */
import type { TagDefinition } from '../src/core/types.ts';
import smartCover from './smart-cover.ts';
import soundHound from './sound-hound.ts';
import speechRecognition from './speech-recognition.ts';
import wordsGeneralize from './words-generalize.ts';

export const TAGS: readonly TagDefinition[] = [speechRecognition, wordsGeneralize, smartCover, soundHound];
