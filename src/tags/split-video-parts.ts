/**
 * SplitVideoParts: CI's video splitting (视频拆条) into parts at shot changes; the callback gives each part's time
 * span. The shape comes from the Go SDK only: parameter node SplitVideoParts{Mode} and result node
 * SplitVideoInfoResult{TimeInfo*{Index, PartBegin, PartEnd}}. Modelled: the Operation also carries the input's
 * MediaInfo (decimal style, as CI's media jobs do), UserData and JobLevel; parts are numbered from 0, in seconds
 * with three decimals, and tile the input: the first begins at 0, each begins where the one before ended, the last
 * ends at the input's Duration.
 * SDK source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { select, text } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { SPLIT_VIDEO_MODES } from './data/video-job-options.ts';

const RESULT = 'Operation.SplitVideoInfoResult';
/** A shot lasts at least this long (seconds). */
const SHORTEST_PART = 1;

/** Cut points in milliseconds: sorted, at least SHORTEST_PART apart and from both ends. */
function cutPoints(faker: Faker, durationMs: number): number[] {
  // One seed in four is a single shot, so TimeInfo is sometimes one object in JSON.
  const wanted = faker.number.int(3) === 0 ? 0 : faker.number.int({ min: 1, max: 11 });
  const room = Math.floor(durationMs / (SHORTEST_PART * 1000)) - 1;
  const cuts = new Set<number>();
  // Draw on a one-shot-length grid so parts never come out shorter than a shot.
  while (cuts.size < Math.min(wanted, room)) cuts.add(faker.number.int({ min: 1, max: room }));
  const step = durationMs / (room + 1);
  return [...cuts].sort((a, b) => a - b).map((cut) => Math.round(cut * step));
}

export default defineTag({
  tag: 'SplitVideoParts',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Video splitting: the time spans of the parts a video splits into at shot changes.',
  resultNode: 'SplitVideoInfoResult',
  inputKind: 'video',
  inputDuration: [10, 600],
  processingSeconds: processingByDuration([3, 8], [0.1, 0.4]),
  jsonShape: 'object',
  lists: [`${RESULT}.TimeInfo`],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const durationMs = Math.round(media.duration * 1000);
    const bounds = [0, ...cutPoints(faker, durationMs), durationMs];
    return {
      operation: {
        MediaInfo: mediaInfo(media, 'decimal'),
        SplitVideoInfoResult: {
          TimeInfo: bounds.slice(1).map((end, index) => ({
            Index: index,
            PartBegin: ((bounds[index] as number) / 1000).toFixed(3),
            PartEnd: (end / 1000).toFixed(3),
          })),
        },
        SplitVideoParts: { Mode: faker.helpers.arrayElement(SPLIT_VIDEO_MODES) },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: "parts tile the input: from 0, each where the one before ended, the last at MediaInfo's Duration",
      check: (job) => {
        const parts = timeInfo(job);
        if (parts.length === 0) return undefined;
        let previousEnd = 0;
        for (const part of parts) {
          if (Number(part['PartBegin']) !== previousEnd)
            return `part ${part['Index']} begins at ${part['PartBegin']}, the one before ended at ${previousEnd}`;
          previousEnd = Number(part['PartEnd']);
        }
        const duration = Number(text(job, 'Operation.MediaInfo.Format.Duration'));
        return Math.abs(previousEnd - duration) < 0.0005
          ? undefined
          : `the last part ends at ${previousEnd}, the input lasts ${duration}`;
      },
    },
    {
      name: `parts are numbered from 0 in order and each lasts at least ${SHORTEST_PART} s`,
      check: (job) => {
        const wrong = timeInfo(job).find(
          (part, i) =>
            Number(part['Index']) !== i ||
            Number(part['PartEnd']) - Number(part['PartBegin']) < SHORTEST_PART - 0.001,
        );
        return wrong ? `part ${wrong['Index']} spans ${wrong['PartBegin']}–${wrong['PartEnd']}` : undefined;
      },
    },
    {
      name: 'MediaInfo describes the input: one video stream, Duration and Size that agree with the Bitrate',
      check: (job) => {
        const format = select(job, 'Operation.MediaInfo.Format')[0] as Job | undefined;
        if (!format) return undefined;
        const expected = (Number(format['Bitrate']) * 1000 * Number(format['Duration'])) / 8;
        if (Math.abs(expected - Number(format['Size'])) > expected * 0.001 + 8)
          return `Size ${format['Size']} for ${format['Bitrate']} kbps over ${format['Duration']} s`;
        const videos = select(job, 'Operation.MediaInfo.Stream.Video').length;
        return videos === 1 ? undefined : `${videos} video streams`;
      },
    },
  ],
});

function timeInfo(job: Job): Job[] {
  return select(job, `${RESULT}.TimeInfo`) as Job[];
}
