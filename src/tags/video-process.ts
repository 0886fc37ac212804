/**
 * VideoProcess: CI improves a video's picture (colour enhancement, sharpening) while transcoding it. No callback
 * page was found; the shape is the SDK's: the `VideoProcess` parameters, TranscodeTemplateId and an optional list
 * of WatermarkTemplateId, with MediaInfo of the input, MediaResult (one file, its Md5Info), Output and
 * TemplateId/TemplateName, then UserData and JobLevel. MediaInfo uses the decimal style of the other
 * picture-enhancement Tags (SDRtoHDR, SuperResolution).
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (VideoProcess; catalog §3).
 */
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { templateId } from '../core/ids.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNameInvariant } from '../core/media/output-name-checks.ts';
import { outputPattern } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { watermarkTemplateIds } from '../core/media/template-job.ts';
import { TEMPLATE_IDS_DISTINCT } from '../core/media/template-job-checks.ts';
import { text } from '../core/tree.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

const PARAMS = 'Operation.VideoProcess';

/** The ranges CI takes: colour adjustments in [-100, 100], sharpening in [0, 10]. */
const COLOR_RANGE = [-100, 100] as const;
const SHARPEN_RANGE = [0, 10] as const;

export default defineTag({
  tag: 'VideoProcess',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Video process: colour enhancement and sharpening applied while transcoding.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([5, 15], [0.3, 1.2]),
  jsonShape: 'object',
  reportsProgress: true,
  lists: ['Operation.WatermarkTemplateId'],
  build({ faker, tag, input }) {
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.VideoProcess);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.VideoProcess,
      suffixes: ['', '-enhanced', '_process'],
      extension,
    });
    // At least one of the two is on, or there would be nothing to process.
    const [colorOn, sharpenOn] = faker.helpers.arrayElement([
      [true, true],
      [true, false],
      [false, true],
    ]);
    const adjustment = () => faker.number.int({ min: -30, max: 60 });
    const watermarks = watermarkTemplateIds(faker);
    return {
      operation: {
        MediaInfo: mediaInfo(mediaOf(input), 'decimal'),
        ...patternOutputs(faker, { input, pattern, ext: extension }),
        ...template(faker, TEMPLATE_NAMES.VideoProcess),
        TranscodeTemplateId: templateId(faker),
        VideoProcess: {
          ColorEnhance: {
            Contrast: adjustment(),
            Correction: adjustment(),
            Enable: String(colorOn),
            Saturation: adjustment(),
          },
          MsSharpen: {
            Enable: String(sharpenOn),
            SharpenLevel: faker.number.int({ min: 1, max: SHARPEN_RANGE[1] }),
          },
        },
        ...(watermarks.length > 0 ? { WatermarkTemplateId: watermarks } : {}),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    outputNameInvariant(
      OUTPUT_CONTAINERS.VideoProcess.map((format) => CONTAINER_EXTENSIONS[format] ?? format),
    ),
    TEMPLATE_IDS_DISTINCT,
    {
      name: 'something is enhanced (an Enable is true) and every level is in range: colour in [-100, 100], sharpening in [0, 10]',
      check: (job) => {
        const enables = [`${PARAMS}.ColorEnhance.Enable`, `${PARAMS}.MsSharpen.Enable`].map((path) =>
          text(job, path),
        );
        if (enables.some((value) => value !== 'true' && value !== 'false')) return `Enable values ${enables}`;
        if (!enables.includes('true')) return 'no enhancement is enabled';
        const levels: [string, readonly [number, number]][] = [
          ['ColorEnhance.Contrast', COLOR_RANGE],
          ['ColorEnhance.Correction', COLOR_RANGE],
          ['ColorEnhance.Saturation', COLOR_RANGE],
          ['MsSharpen.SharpenLevel', SHARPEN_RANGE],
        ];
        for (const [path, [min, max]] of levels) {
          const value = Number(text(job, `${PARAMS}.${path}`));
          if (!(Number.isInteger(value) && value >= min && value <= max))
            return `${path} ${value} is outside [${min}, ${max}]`;
        }
        return undefined;
      },
    },
  ],
});
