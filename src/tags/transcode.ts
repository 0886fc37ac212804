/**
 * Transcode: CI re-encodes a video into the container, codecs and size a transcode template sets. We follow the
 * documented callback: a template job echoes TemplateId/TemplateName (no Transcode parameter node), MediaInfo of
 * the input in the integer style (bps, whole seconds), one output file with its Md5Info, an optional list of
 * WatermarkTemplateId, Message "success", and UserData and JobLevel last; JobsDetail reports Progress (100).
 * Official callback page: https://cloud.tencent.com/document/product/460/76961 (catalog §3, Transcode).
 */
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNameInvariant } from '../core/media/output-name-checks.ts';
import { outputPattern } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { watermarkTemplateIds } from '../core/media/template-job.ts';
import { TEMPLATE_IDS_DISTINCT } from '../core/media/template-job-checks.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

export default defineTag({
  tag: 'Transcode',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/76961',
  summary: 'Transcode: a video re-encoded to the container, codecs and size of a template.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([3, 8], [0.2, 0.9]),
  jsonShape: 'object',
  reportsProgress: true,
  lists: ['Operation.WatermarkTemplateId'],
  build({ faker, tag, input }) {
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.Transcode);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.Transcode,
      suffixes: ['', '-720p', '-hd', '_transcode'],
      extension,
    });
    const watermarks = watermarkTemplateIds(faker);
    return {
      message: 'success',
      operation: {
        MediaInfo: mediaInfo(mediaOf(input), 'integer'),
        ...patternOutputs(faker, { input, pattern, ext: extension }),
        ...template(faker, TEMPLATE_NAMES.Transcode),
        ...(watermarks.length > 0 ? { WatermarkTemplateId: watermarks } : {}),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    outputNameInvariant(OUTPUT_CONTAINERS.Transcode.map((format) => CONTAINER_EXTENSIONS[format] ?? format)),
    TEMPLATE_IDS_DISTINCT,
  ],
});
