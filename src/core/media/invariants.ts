/**
 * @module media/invariants
 * Ready-made invariants for the common cases, composed from the checks beside each media concern.
 */
import { text } from '../tree.ts';
import type { Invariant } from '../types.ts';
import {
  MEDIA_INFO_CONSISTENT,
  MEDIA_INFO_DESCRIBES_INPUT,
  MEDIA_INFO_DESCRIBES_OUTPUT,
} from './media-info-checks.ts';
import { MD5_PER_OUTPUT_FILE, OUTPUTS_WHERE_ASKED } from './output-node-checks.ts';

/** For Tags whose documented callback has a fixed JobsDetail.Message on success ("done", "SUCCESS"). */
export function successMessageInvariant(message: string): Invariant {
  return {
    name: `a successful job says Message "${message}"`,
    check: (job) => {
      if (text(job, 'State') !== 'Success') return undefined;
      const actual = text(job, 'Message');
      return actual === message
        ? undefined
        : `Message '${actual}' on a successful job, expected '${message}'`;
    },
  };
}

/** The invariants of a Tag that sends a full MediaInfo of its input and writes files with an Md5Info each. */
export const MEDIA_INVARIANTS: readonly Invariant[] = [
  MEDIA_INFO_CONSISTENT,
  MEDIA_INFO_DESCRIBES_INPUT,
  MD5_PER_OUTPUT_FILE,
  OUTPUTS_WHERE_ASKED,
];

/**
 * The invariants of a Tag that writes a media file and sends a full MediaInfo of that file rather than of its input
 * (SDRtoHDR, SuperResolution, DigitalWatermark, FillConcat, VideoSynthesis).
 */
export const WRITTEN_MEDIA_INVARIANTS: readonly Invariant[] = [
  MEDIA_INFO_CONSISTENT,
  MEDIA_INFO_DESCRIBES_OUTPUT,
  MD5_PER_OUTPUT_FILE,
  OUTPUTS_WHERE_ASKED,
];
