/**
 * Concat: CI joins clips before and after a video (intros, outros, ads) into one file. No callback page was
 * found; the shape is the SDK's `ConcatTemplate` echoed with the media nodes of a Transcode: MediaInfo of the
 * input (integer style), MediaResult with the joined file and its Md5Info, Output, TemplateId/TemplateName,
 * UserData and JobLevel. Fragments with Mode `Start` play before the input and come first, `End` ones after.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (ConcatTemplate; catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { containerFormatInvariant } from '../core/media/output-name-checks.ts';
import { cosObjectUrl, outputPattern } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration, scaleFrame, videoOf } from '../core/media/profile.ts';
import { inputAspectProblem } from '../core/media/profile-checks.ts';
import { select, text } from '../core/tree.ts';
import type { InputObject, Job } from '../core/types.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import {
  AUDIO_BITRATES,
  AUDIO_CODECS,
  AUDIO_SAMPLE_RATES,
  CONCAT_CLIPS,
  CONTAINER_EXTENSIONS,
  OUTPUT_CONTAINERS,
  RENDITION_SHORT_SIDES,
  VIDEO_CODECS,
} from './data/transcode-options.ts';

const PARAMS = 'Operation.ConcatTemplate';
const FRAGMENTS = `${PARAMS}.ConcatFragment`;

/** One to three stock clips from the input's bucket: intros (Mode Start) listed first, then outros (Mode End). */
function fragments(faker: Faker, input: InputObject): { Mode: string; Url: string }[] {
  const count = faker.helpers.weightedArrayElement([
    { value: 1, weight: 3 },
    { value: 2, weight: 4 },
    { value: 3, weight: 2 },
  ]);
  const before = faker.number.int(count);
  const clips = (mode: keyof typeof CONCAT_CLIPS, n: number) =>
    faker.helpers
      .arrayElements(CONCAT_CLIPS[mode], n)
      .map((key) => ({ Mode: mode, Url: cosObjectUrl(input.bucket, input.region, key) }));
  return [...clips('Start', before), ...clips('End', count - before)];
}

export default defineTag({
  tag: 'Concat',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Concat: clips joined before and after a video into one file.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([4, 10], [0.2, 0.8]),
  jsonShape: 'object',
  reportsProgress: true,
  lists: [FRAGMENTS],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.Concat);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    const source = videoOf(input);
    const size = scaleFrame(source, { shortSide: faker.helpers.arrayElement(RENDITION_SHORT_SIDES) });
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.Concat,
      suffixes: ['-concat', '-full', '_with_intro'],
      extension,
    });
    return {
      operation: {
        ConcatTemplate: {
          Audio: {
            Bitrate: faker.helpers.arrayElement(AUDIO_BITRATES),
            Channels: 2,
            Codec: faker.helpers.arrayElement(AUDIO_CODECS),
            Samplerate: faker.helpers.arrayElement(AUDIO_SAMPLE_RATES),
          },
          ConcatFragment: fragments(faker, input),
          Container: { Format: format },
          DirectConcat: 'false',
          Video: {
            Bitrate: faker.helpers.arrayElement([800, 1200, 2000, 3000]),
            Codec: faker.helpers.arrayElement(VIDEO_CODECS),
            Fps: faker.helpers.arrayElement([25, 30]),
            Height: size.height,
            Width: size.width,
          },
        },
        MediaInfo: mediaInfo(media, 'integer'),
        ...patternOutputs(faker, { input, pattern, ext: extension }),
        ...template(faker, TEMPLATE_NAMES.Concat),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    containerFormatInvariant(`${PARAMS}.Container.Format`, CONTAINER_EXTENSIONS),
    {
      name: 'each fragment is a video in the input’s bucket, on its COS domain; Start fragments come before End ones',
      check: (job) => {
        const domain = `https://${text(job, 'Input.BucketId')}.cos.${text(job, 'Input.Region')}.myqcloud.com/`;
        const list = select(job, FRAGMENTS) as Job[];
        const stray = list.find((fragment) => {
          const url = String(fragment['Url']);
          return !url.startsWith(domain) || !/\.(mp4|mov|flv|mkv|ts)$/.test(url);
        });
        if (stray) return `fragment ${String(stray['Url'])} is not a video under ${domain}`;
        const modes = list.map((fragment) => fragment['Mode']);
        if (modes.some((mode) => mode !== 'Start' && mode !== 'End')) return `fragment Modes ${modes}`;
        return modes.join().includes('End,Start') ? `fragments out of order: ${modes}` : undefined;
      },
    },
    {
      name: 'the joined video keeps the aspect ratio of the input video',
      check: (job) => inputAspectProblem(job, `${PARAMS}.Video`),
    },
  ],
});
