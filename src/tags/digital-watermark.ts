/**
 * DigitalWatermark: CI embeds an invisible text watermark in a video. The documented sample's Operation starts with
 * DigitalWatermark {Message, Type, Version} (Message is the embedded text), then a full MediaInfo; MediaResult,
 * Output and UserData follow by analogy with the other media jobs (catalog §3). The watermarked file keeps the
 * input's container and streams; MediaInfo describes it in the decimal style.
 * JobsDetail carries SubTag DigitalWatermark, as the published callbacks show (also when the job failed: it names
 * the kind of job, not its result).
 * Official sample: https://cloud.tencent.com/document/api/436/85064.
 */
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { WRITTEN_MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNamesProblem } from '../core/media/output-name-checks.ts';
import { extensionOf, objectStem } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, outputProfile, processingByDuration, videoOf } from '../core/media/profile.ts';
import { textWatermark } from '../core/media/template-job.ts';
import { textWatermarkProblem } from '../core/media/template-job-checks.ts';
import { nodesAt, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS } from './data/media-job-names.ts';
import { WATERMARK_TEXT, WATERMARK_TEXTS } from './data/watermark-texts.ts';

export default defineTag({
  tag: 'DigitalWatermark',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/85064',
  summary: 'Digital watermark: an invisible text watermark embedded in a video.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([3, 8], [0.3, 1]),
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    // Re-encoding with the watermark moves the video bitrate by a few percent.
    const profile = outputProfile(media, {
      extension: input.extension,
      video: {
        bitrateKbps: videoOf(input).bitrateKbps * faker.number.float({ min: 0.97, max: 1.03 }),
      },
    });
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.DigitalWatermark);
    const stem = objectStem(input.key);
    const pattern = faker.helpers.arrayElement([
      `${folder}${stem}.${input.extension}`,
      `${folder}${stem}_dw.\${ext}`,
    ]);
    return {
      extra: { SubTag: 'DigitalWatermark' },
      operation: {
        DigitalWatermark: textWatermark(faker, WATERMARK_TEXTS),
        MediaInfo: mediaInfo(profile, 'decimal'),
        ...patternOutputs(faker, { input, pattern, ext: input.extension }),
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    ...WRITTEN_MEDIA_INVARIANTS,
    {
      name: 'SubTag is DigitalWatermark, as on SuperResolution’s watermark sub-step',
      check: (job) =>
        text(job, 'SubTag') === 'DigitalWatermark' ? undefined : `SubTag ${text(job, 'SubTag')}`,
    },
    {
      name: 'the watermarked file keeps the input’s container: the one ObjectName expands ${ext} to the input’s extension',
      check: (job) =>
        outputNamesProblem(job, { ext: extensionOf(text(job, 'Input.Object') ?? ''), count: 1 }),
    },
    {
      name: 'the watermark is Text, version V1, at most 64 characters of CI’s watermark alphabet',
      check: (job) => {
        const [mark] = nodesAt(job, 'Operation.DigitalWatermark');
        return mark ? textWatermarkProblem(mark, WATERMARK_TEXT) : undefined;
      },
    },
  ],
});
