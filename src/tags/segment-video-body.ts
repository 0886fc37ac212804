/**
 * SegmentVideoBody: CI's video matting (视频人像抠图): people (or a green-screen / solid-colour foreground) are cut
 * out of a video, giving a mask, the foreground alone, or the foreground over a new background. The shape comes
 * from the Go SDK only: parameter node SegmentVideoBody{Mode (Mask|Foreground|Combination), SegmentType,
 * BackgroundRed/Green/Blue, BackgroundLogoUrl, BinaryThreshold, RemoveRed/Green/Blue} and Output. Modelled: the
 * generic media shape of CI's media jobs around them — MediaInfo (decimal style, of the input, whose duration and
 * frame the output keeps), MediaResult with the one output file and its Md5Info, UserData and JobLevel; the
 * parameter node echoes only the fields that apply (background for Combination, threshold for Mask, the colour to
 * remove for SolidColorSeg); colour channels and the threshold are 0–255.
 * Submit API: https://cloud.tencent.com/document/product/460/84802 (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNamesProblem } from '../core/media/output-name-checks.ts';
import { cosObjectUrl, objectStem } from '../core/media/output-names.ts';
import { MD5_PER_OUTPUT_FILE } from '../core/media/output-node-checks.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { select, sortKeys, text } from '../core/tree.ts';
import type { Job, Tree } from '../core/types.ts';
import {
  AI_VIDEO_OUTPUT_FOLDERS,
  BACKGROUND_LOGOS,
  SEGMENT_MODES,
  SEGMENT_TYPES,
} from './data/video-job-options.ts';

const PARAMS = 'Operation.SegmentVideoBody';
const CHANNELS = ['Red', 'Green', 'Blue'] as const;
/** The fields each choice adds to the parameter node. */
const BACKGROUND_FIELDS = CHANNELS.map((c) => `Background${c}`);
const REMOVE_FIELDS = CHANNELS.map((c) => `Remove${c}`);

function colour(faker: Faker, prefix: string): Tree {
  return Object.fromEntries(CHANNELS.map((c) => [`${prefix}${c}`, faker.number.int(255)]));
}

export default defineTag({
  tag: 'SegmentVideoBody',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://cloud.tencent.com/document/product/460/84802',
  summary: 'Video matting: people or a green-screen foreground cut out of a video, as a mask or composited.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [5, 120],
  processingSeconds: processingByDuration([5, 10], [0.5, 1.5]),
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const mode = faker.helpers.arrayElement(SEGMENT_MODES);
    const segmentType = faker.helpers.weightedArrayElement([
      { value: SEGMENT_TYPES[0], weight: 5 },
      { value: SEGMENT_TYPES[1], weight: 2 },
      { value: SEGMENT_TYPES[2], weight: 1 },
    ]);
    const params: Tree = { Mode: mode, SegmentType: segmentType };
    if (mode === 'Combination') {
      Object.assign(params, colour(faker, 'Background'));
      if (faker.datatype.boolean())
        params['BackgroundLogoUrl'] = cosObjectUrl(
          input.bucket,
          input.region,
          faker.helpers.arrayElement(BACKGROUND_LOGOS),
        );
    }
    if (mode === 'Mask') params['BinaryThreshold'] = faker.number.int({ min: 0, max: 255 });
    if (segmentType === 'SolidColorSeg') Object.assign(params, colour(faker, 'Remove'));
    const object = `${faker.helpers.arrayElement(AI_VIDEO_OUTPUT_FOLDERS)}${objectStem(input.key)}-${mode.toLowerCase()}.mp4`;
    return {
      operation: {
        MediaInfo: mediaInfo(media, 'decimal'),
        ...patternOutputs(faker, { input, pattern: object }),
        SegmentVideoBody: sortKeys(params),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: 'MediaResult lists the one output, Output.Object',
      check: (job) => outputNamesProblem(job, { count: 1 }),
    },
    MD5_PER_OUTPUT_FILE,
    {
      name:
        'the parameters fit the mode and segment type (background for Combination, threshold for Mask, the ' +
        "removed colour for SolidColorSeg), channels and threshold are 0–255, and a logo lies in the job's bucket",
      check: (job) => {
        const params = select(job, PARAMS)[0] as Job | undefined;
        if (!params) return undefined;
        const mode = String(params['Mode']);
        const type = String(params['SegmentType']);
        if (!(SEGMENT_MODES as readonly string[]).includes(mode)) return `Mode ${mode}`;
        if (!(SEGMENT_TYPES as readonly string[]).includes(type)) return `SegmentType ${type}`;
        const has = (fields: string[]) => fields.every((f) => f in params);
        const hasNone = (fields: string[]) => fields.every((f) => !(f in params));
        if (
          mode === 'Combination'
            ? !has(BACKGROUND_FIELDS)
            : !hasNone([...BACKGROUND_FIELDS, 'BackgroundLogoUrl'])
        )
          return `background fields in Mode ${mode}`;
        if ((mode === 'Mask') !== 'BinaryThreshold' in params) return `BinaryThreshold in Mode ${mode}`;
        if (type === 'SolidColorSeg' ? !has(REMOVE_FIELDS) : !hasNone(REMOVE_FIELDS))
          return `Remove colour fields for SegmentType ${type}`;
        for (const field of [...BACKGROUND_FIELDS, ...REMOVE_FIELDS, 'BinaryThreshold']) {
          const value = params[field];
          if (value !== undefined && !(/^\d+$/.test(String(value)) && Number(value) <= 255))
            return `${field} ${value}`;
        }
        const logo = params['BackgroundLogoUrl'];
        const domain = cosObjectUrl(text(job, 'Input.BucketId') ?? '', text(job, 'Input.Region') ?? '', '');
        return logo === undefined || String(logo).startsWith(domain)
          ? undefined
          : `BackgroundLogoUrl ${logo}`;
      },
    },
  ],
});
