/**
 * QualityEstimate: CI scores the picture quality of a video. As documented, Operation has the input's MediaInfo, an
 * empty `<MediaResult><OutputFile/></MediaResult>` (no file is written; `"MediaResult": {}` in JSON), the result
 * QualityEstimate {Score} with six decimals, and UserData. The score's range (0–100) is modelled: the sources give
 * only the sample's 6.460358. Scores follow the frame size and bitrate per pixel, with a few badly made videos.
 * Official sample: https://cloud.tencent.com/document/api/436/85062.
 */
import type { Faker } from '@faker-js/faker';
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { MEDIA_INFO_CONSISTENT, MEDIA_INFO_DESCRIBES_INPUT } from '../core/media/media-info-checks.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { select, text } from '../core/tree.ts';
import type { MediaProfile } from '../core/types.ts';

const MAX_SCORE = 100;

/** A score that rises with resolution and bitrate per pixel; one video in eight is blurry or blocky. */
function qualityScore(faker: Faker, media: MediaProfile): number {
  if (faker.number.int(7) === 0) return faker.number.float({ min: 2, max: 25 });
  const video = media.video;
  const shortSide = video ? Math.min(video.width, video.height) : 360;
  const bitsPerPixel = video ? (video.bitrateKbps * 1000) / (video.width * video.height * video.fps) : 0.05;
  const resolution = 20 + Math.min(1, shortSide / 2160) * 30;
  const compression = Math.min(25, bitsPerPixel * 300);
  return Math.min(MAX_SCORE - 1, resolution + compression + faker.number.float({ min: 0, max: 25 }));
}

export default defineTag({
  tag: 'QualityEstimate',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/85062',
  summary: 'Quality estimate: a picture-quality score for a video.',
  resultNode: 'QualityEstimate',
  inputKind: 'video',
  processingSeconds: processingByDuration([3, 10], [0.2, 0.8]),
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    return {
      operation: {
        MediaInfo: mediaInfo(media, 'decimal'),
        MediaResult: { OutputFile: '' },
        QualityEstimate: { Score: qualityScore(faker, media).toFixed(6) },
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    MEDIA_INFO_CONSISTENT,
    MEDIA_INFO_DESCRIBES_INPUT,
    {
      name: 'Score is a number with six decimals from 0 to 100',
      check: (job) => {
        const score = text(job, 'Operation.QualityEstimate.Score');
        if (score === undefined) return undefined;
        if (!/^\d+\.\d{6}$/.test(score)) return `Score '${score}' is not a number with six decimals`;
        return Number(score) <= MAX_SCORE ? undefined : `Score ${score} is above ${MAX_SCORE}`;
      },
    },
    {
      name: 'MediaResult has an empty OutputFile: estimating quality writes no file',
      check: (job) => {
        const files = select(job, 'Operation.MediaResult.OutputFile');
        return files.every((file) => file === '') ? undefined : 'MediaResult.OutputFile is not empty';
      },
    },
  ],
});
