/**
 * @module moderation
 * The registry of moderation kinds, one file each; checked against the files by src/moderation/reviews.test.ts.
 */
import { audio } from './audio.ts';
import { document } from './document.ts';
import { html } from './html.ts';
import { image } from './image.ts';
import { live } from './live.ts';
import { text } from './text.ts';
import type { ReviewKind, ReviewKindDefinition } from './types.ts';
import { video } from './video.ts';

export const REVIEWS: Readonly<Record<ReviewKind, ReviewKindDefinition>> = {
  image,
  video,
  audio,
  text,
  document,
  html,
  live,
};
