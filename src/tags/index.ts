/**
 * @module tags
 * The registry: every Tag the emitter knows, as an explicit list. Tests check it against the files in this
 * folder, the fixtures and the Tag table of docs/payloads.md in both directions.
 */
import type { TagDefinition } from '../core/types.ts';
import animation from './animation.ts';
import concat from './concat.ts';
// Media Tags, group B (imports)
import digitalWatermark from './digital-watermark.ts';
import dna from './dna.ts';
import docProcess from './doc-process.ts';
import extractDigitalWatermark from './extract-digital-watermark.ts';
import fillConcat from './fill-concat.ts';
import generatePlayList from './generate-play-list.ts';
import highSpeedHd from './high-speed-hd.ts';
import imageInspect from './image-inspect.ts';
import imageOcr from './image-ocr.ts';
import mediaInfo from './media-info.ts';
import noiseReduction from './noise-reduction.ts';
import picProcess from './pic-process.ts';
// AI, picture and document Tags (imports)
import posterProduction from './poster-production.ts';
import qualityEstimate from './quality-estimate.ts';
import sdrToHdr from './sdr-to-hdr.ts';
import segment from './segment.ts';
import segmentVideoBody from './segment-video-body.ts';
// Documented Tags (official callback pages: each file's docUrl; examples in fixtures/reference/)
import smartCover from './smart-cover.ts';
import snapshot from './snapshot.ts';
import soundHound from './sound-hound.ts';
import speechRecognition from './speech-recognition.ts';
import splitVideoParts from './split-video-parts.ts';
import streamExtract from './stream-extract.ts';
import superResolution from './super-resolution.ts';
import transcode from './transcode.ts';
// Media Tags, group A (imports)
import transcodePro from './transcode-pro.ts';
import translation from './translation.ts';
import tts from './tts.ts';
import videoEnhance from './video-enhance.ts';
import videoMontage from './video-montage.ts';
import videoProcess from './video-process.ts';
import videoSynthesis from './video-synthesis.ts';
import videoTag from './video-tag.ts';
import videoTargetRec from './video-target-rec.ts';
import vocalScore from './vocal-score.ts';
import voiceSeparate from './voice-separate.ts';
import watermark from './watermark.ts';
import wordsGeneralize from './words-generalize.ts';

export const TAGS: readonly TagDefinition[] = [
  // Documented Tags
  speechRecognition,
  wordsGeneralize,
  smartCover,
  soundHound,
  // Media Tags, group A
  transcode,
  snapshot,
  animation,
  concat,
  voiceSeparate,
  videoMontage,
  videoProcess,
  segment,
  videoEnhance,
  transcodePro,
  highSpeedHd,
  generatePlayList,
  watermark,
  // Media Tags, group B
  sdrToHdr,
  superResolution,
  digitalWatermark,
  extractDigitalWatermark,
  streamExtract,
  noiseReduction,
  tts,
  mediaInfo,
  qualityEstimate,
  fillConcat,
  videoSynthesis,
  // AI, picture and document Tags
  videoTag,
  videoTargetRec,
  translation,
  picProcess,
  imageInspect,
  docProcess,
  splitVideoParts,
  dna,
  vocalScore,
  imageOcr,
  posterProduction,
  segmentVideoBody,
];
