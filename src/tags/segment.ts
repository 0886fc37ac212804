/**
 * Segment (转封装): CI rewraps a video into another container without re-encoding, cut into pieces of
 * Segment.Duration seconds named by `${Number}`. The shape is the SDK's `Segment` parameters with MediaInfo of the
 * input, MediaResult and Output, then UserData and JobLevel; the catalog lists no template for it. As the published
 * callbacks show, MediaResult lists the pieces relative to ObjectPrefix (the pattern's text before `${Number}`, as
 * Snapshot does) while each Md5Info names the full key, and Segment echoes HlsEncrypt {IsHlsEncrypt, UriKey}: false
 * with an empty UriKey, since these jobs write no HLS (only HLS output can be encrypted). MediaInfo uses the decimal
 * style, whose exact Duration is what the number of pieces follows from.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (Segment; catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { containerFormatInvariant } from '../core/media/output-name-checks.ts';
import { outputPattern } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { select, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS, SEGMENT_DURATIONS } from './data/transcode-options.ts';

const PARAMS = 'Operation.Segment';
const NAMES = 'Operation.MediaResult.OutputFile.ObjectName';

/**
 * A piece length people would pick for this video: aiming at one to eight pieces, the shortest round length
 * that gets there (a one-piece job asks for at least the whole video).
 */
function pieceSeconds(faker: Faker, seconds: number): number {
  const pieces = faker.number.int(4) === 0 ? 1 : faker.number.int({ min: 2, max: 8 });
  const fitting = SEGMENT_DURATIONS.filter((length) => length * pieces >= seconds);
  return fitting[0] ?? (SEGMENT_DURATIONS.at(-1) as number);
}

export default defineTag({
  tag: 'Segment',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Segment: a video rewrapped into another container and cut into pieces of a set length.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [20, 600],
  processingSeconds: processingByDuration([2, 6], [0.02, 0.1]),
  jsonShape: 'object',
  lists: [NAMES, 'Operation.MediaResult.OutputFile.Md5Info'],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.Segment);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    const length = pieceSeconds(faker, media.duration);
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.Segment,
      suffixes: ['-${Number}', '_part${Number}', '/${Number}'],
      extension,
    });
    return {
      operation: {
        MediaInfo: mediaInfo(media, 'decimal'),
        ...patternOutputs(faker, {
          input,
          pattern,
          ext: extension,
          count: Math.ceil(media.duration / length),
          underPrefix: true,
        }),
        Segment: { Duration: length, Format: format, HlsEncrypt: { IsHlsEncrypt: false, UriKey: '' } },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    {
      name: 'HlsEncrypt: IsHlsEncrypt true only for HLS output, and a UriKey exactly when it is true',
      check: (job) => {
        const encrypts = text(job, `${PARAMS}.HlsEncrypt.IsHlsEncrypt`);
        const uriKey = text(job, `${PARAMS}.HlsEncrypt.UriKey`) ?? '';
        if (encrypts === 'false') return uriKey === '' ? undefined : `UriKey '${uriKey}' without encryption`;
        if (encrypts !== 'true') return `IsHlsEncrypt ${encrypts}`;
        if (text(job, `${PARAMS}.Format`) !== 'hls')
          return `HLS encryption of ${text(job, `${PARAMS}.Format`)}`;
        return /^https:\/\/\S+$/.test(uriKey) ? undefined : `UriKey '${uriKey}' is not an https URL`;
      },
    },
    containerFormatInvariant(`${PARAMS}.Format`, CONTAINER_EXTENSIONS),
    {
      name: 'there are ⌈input Duration ÷ Segment.Duration⌉ pieces',
      check: (job) => {
        const seconds = text(job, 'Operation.MediaInfo.Format.Duration');
        const pieces = select(job, NAMES).length;
        if (seconds === undefined || pieces === 0) return undefined;
        const length = Number(text(job, `${PARAMS}.Duration`));
        const expected = Math.ceil(Number(seconds) / length);
        return pieces === expected
          ? undefined
          : `${pieces} pieces of ${length} s for ${seconds} s, expected ${expected}`;
      },
    },
  ],
});
