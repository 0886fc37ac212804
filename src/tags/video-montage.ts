/**
 * VideoMontage: CI picks the highlights of a long video (a match, a show, a vlog) and cuts them into a short
 * montage. No callback page was found; the shape is the SDK's `VideoMontage` parameters echoed with the media
 * nodes of a Transcode: MediaInfo of the input (integer style), MediaResult with the montage and its Md5Info,
 * Output, TemplateId/TemplateName, then UserData and JobLevel.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (VideoMontage; catalog §3).
 */
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
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import {
  AUDIO_BITRATES,
  AUDIO_CODECS,
  AUDIO_SAMPLE_RATES,
  CONTAINER_EXTENSIONS,
  MONTAGE_DURATIONS,
  MONTAGE_SCENES,
  OUTPUT_CONTAINERS,
  RENDITION_SHORT_SIDES,
  VIDEO_CODECS,
} from './data/transcode-options.ts';

const PARAMS = 'Operation.VideoMontage';

export default defineTag({
  tag: 'VideoMontage',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Video montage: the highlights of a long video cut into a short one.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [90, 1800],
  processingSeconds: processingByDuration([10, 30], [0.1, 0.4]),
  jsonShape: 'object',
  reportsProgress: true,
  lists: [],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.VideoMontage);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    const source = videoOf(input);
    const size = scaleFrame(source, { shortSide: faker.helpers.arrayElement(RENDITION_SHORT_SIDES) });
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.VideoMontage,
      suffixes: ['-highlights', '-montage', '_集锦'],
      extension,
    });
    return {
      operation: {
        MediaInfo: mediaInfo(media, 'integer'),
        ...patternOutputs(faker, { input, pattern, ext: extension }),
        ...template(faker, TEMPLATE_NAMES.VideoMontage),
        VideoMontage: {
          Audio: {
            Bitrate: faker.helpers.arrayElement(AUDIO_BITRATES),
            Channels: 2,
            Codec: faker.helpers.arrayElement(AUDIO_CODECS),
            Samplerate: faker.helpers.arrayElement(AUDIO_SAMPLE_RATES),
          },
          Container: { Format: format },
          // Highlights last a fraction of the input: at most a third of it.
          Duration: faker.helpers.arrayElement(
            MONTAGE_DURATIONS.filter((seconds) => seconds * 3 <= media.duration),
          ),
          Scene: faker.helpers.arrayElement(MONTAGE_SCENES),
          Video: {
            Bitrate: faker.helpers.arrayElement([1000, 1500, 2500]),
            Codec: faker.helpers.arrayElement(VIDEO_CODECS),
            Fps: Math.round(source.fps),
            Height: size.height,
            Width: size.width,
          },
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    containerFormatInvariant(`${PARAMS}.Container.Format`, CONTAINER_EXTENSIONS),
    {
      name: 'the montage keeps the aspect ratio of the input video',
      check: (job) => inputAspectProblem(job, `${PARAMS}.Video`),
    },
    {
      name: 'the montage plays at the input’s frame rate',
      check: (job) => {
        const fps = text(job, 'Operation.MediaInfo.Stream.Video.Fps');
        if (fps === undefined) return undefined;
        const asked = text(job, `${PARAMS}.Video.Fps`);
        return asked === fps ? undefined : `Video.Fps ${asked}, the input plays at ${fps}`;
      },
    },
  ],
});
