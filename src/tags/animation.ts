/**
 * Animation: CI turns a stretch of a video into an animated GIF or WebP. No callback page was found; the shape is
 * the SDK's (`Animation` parameters) with the media nodes the catalog expects as for Transcode: MediaInfo of the
 * input (integer style), MediaResult with the one animated image and its Md5Info, Output, TemplateId/TemplateName,
 * then UserData and JobLevel. The frames are sampled either by a rate or by an interval, or only key frames kept.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (Animation; catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { containerFormatInvariant } from '../core/media/output-name-checks.ts';
import { outputPattern } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration, scaleFrame, videoOf } from '../core/media/profile.ts';
import { inputAspectProblem } from '../core/media/profile-checks.ts';
import { text } from '../core/tree.ts';
import type { Tree } from '../core/types.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { ANIMATION_WIDTHS, CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

const PARAMS = 'Operation.Animation';

/** How the frames are picked: every key frame, a number per second, or one every so many seconds. */
function frameSampling(faker: Faker): Tree {
  switch (faker.helpers.arrayElement(['keyFrames', 'perSecond', 'interval'] as const)) {
    case 'keyFrames':
      return { AnimateOnlyKeepKeyFrame: 'true' };
    case 'perSecond':
      return {
        AnimateFramesPerSecond: faker.helpers.arrayElement([5, 8, 10, 15]),
        AnimateOnlyKeepKeyFrame: 'false',
      };
    case 'interval':
      return {
        AnimateOnlyKeepKeyFrame: 'false',
        AnimateTimeIntervalOfFrame: faker.helpers.arrayElement(['0.1', '0.2', '0.5', '1']),
      };
  }
}

export default defineTag({
  tag: 'Animation',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Animation: a stretch of a video as an animated GIF or WebP.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [6, 300],
  processingSeconds: processingByDuration([2, 6], [0.02, 0.1]),
  jsonShape: 'object',
  reportsProgress: true,
  lists: [],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const video = videoOf(input);
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.Animation);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    const wholeSeconds = Math.floor(media.duration);
    // A short clip near the start: previews and animated covers.
    const clip = faker.number.int({ min: 2, max: Math.min(8, wholeSeconds - 1) });
    const start = faker.number.int({ min: 0, max: Math.min(10, wholeSeconds - clip) });
    const size = scaleFrame(video, { width: faker.helpers.arrayElement(ANIMATION_WIDTHS) });
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.Animation,
      suffixes: ['', '-preview', '-cover'],
      extension,
    });
    return {
      operation: {
        Animation: {
          Container: { Format: format },
          TimeInterval: { Duration: clip, Start: start },
          Video: {
            ...frameSampling(faker),
            Codec: format,
            Fps: faker.helpers.arrayElement([10, 12, 15]),
            Height: size.height,
            // WebP takes a quality; GIF's palette does not.
            ...(format === 'webp' ? { Quality: faker.number.int({ min: 60, max: 95 }) } : {}),
            Width: size.width,
          },
        },
        MediaInfo: mediaInfo(media, 'integer'),
        ...patternOutputs(faker, { input, pattern, ext: extension }),
        ...template(faker, TEMPLATE_NAMES.Animation),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    containerFormatInvariant(`${PARAMS}.Container.Format`, CONTAINER_EXTENSIONS),
    {
      name: 'Video.Codec names the animation format, Container.Format',
      check: (job) => {
        const format = text(job, `${PARAMS}.Container.Format`);
        const codec = text(job, `${PARAMS}.Video.Codec`);
        return codec === format ? undefined : `Video.Codec ${codec} in a ${format}`;
      },
    },
    {
      name: 'Width × Height keep the aspect ratio of the input video',
      check: (job) => inputAspectProblem(job, `${PARAMS}.Video`),
    },
    {
      name: 'TimeInterval lies within the input: 0 ≤ Start, 0 < Duration, Start + Duration ≤ its Duration',
      check: (job) => {
        const total = text(job, 'Operation.MediaInfo.Format.Duration');
        if (total === undefined) return undefined;
        const start = Number(text(job, `${PARAMS}.TimeInterval.Start`));
        const duration = Number(text(job, `${PARAMS}.TimeInterval.Duration`));
        return start >= 0 && duration > 0 && start + duration <= Number(total)
          ? undefined
          : `TimeInterval ${start}+${duration} s is outside the ${total} s input`;
      },
    },
  ],
});
