/**
 * SuperResolution: CI upscales a video (sdtohd below 720p, hdto4k from 720p) by a template. As in the documented
 * sample, the job also embeds a digital watermark: JobsDetail carries SubTag DigitalWatermark and Progress (the
 * envelope places it between State and SubTag, as in the SDK's sample), and Operation an embedded DigitalWatermark sub-step with its
 * own State — which can be Failed inside a successful job. MediaInfo describes the upscaled output (decimal style).
 * Sources: https://cloud.tencent.com/document/api/436/97913 and the SDK's example jobs.go (catalog §3).
 */
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { templateId } from '../core/ids.ts';
import { WRITTEN_MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNameInvariant } from '../core/media/output-name-checks.ts';
import { objectStem } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, outputProfile, processingByDuration, videoOf } from '../core/media/profile.ts';
import { textWatermark } from '../core/media/template-job.ts';
import { TEMPLATE_IDS_DISTINCT, textWatermarkProblem } from '../core/media/template-job-checks.ts';
import { nodesAt, sortKeys, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS, SUPER_RESOLUTION_TEMPLATE_NAMES } from './data/media-job-names.ts';
import { WATERMARK_TEXT, WATERMARK_TEXTS } from './data/watermark-texts.ts';

/** Short sides of the frames super resolution writes: HD (sdtohd) and 4K (hdto4k). */
const UPSCALED_SHORT_SIDES = [1080, 2160];

export default defineTag({
  tag: 'SuperResolution',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/97913',
  summary: 'Super resolution: a video upscaled to HD or 4K, with a digital watermark sub-step.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [5, 300],
  processingSeconds: processingByDuration([10, 20], [1, 3]),
  jsonShape: 'object',
  reportsProgress: true,
  lists: ['Operation.WatermarkTemplateId'],
  build({ faker, tag, input, state }) {
    const media = mediaOf(input);
    const { width, height, bitrateKbps } = videoOf(input);
    const shortSide = Math.min(width, height);
    // sdtohd lifts SD to 1080p; hdto4k lifts 720p and up to 2160p; a 4K input keeps its frame.
    const target = shortSide < 720 ? 1080 : Math.max(2160, shortSide);
    const scale = target / shortSide;
    const uhd = target >= 2160;
    const area = scale * scale;
    const profile = outputProfile(media, {
      extension: 'mp4',
      video: {
        codec: uhd ? 'hevc' : 'h264',
        profile: uhd ? 'Main' : 'High',
        level: uhd ? '153' : '42',
        width: multipleOf8(width * scale),
        height: multipleOf8(height * scale),
        // More pixels need more bits, though less than in proportion.
        bitrateKbps: bitrateKbps * area ** 0.75 * faker.number.float({ min: 0.9, max: 1.2 }),
      },
    });
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.SuperResolution);
    const pattern = faker.helpers.arrayElement([
      `${folder}super_resolution.\${ext}`,
      `${folder}${objectStem(input.key)}_sr.\${ext}`,
    ]);
    const watermarks = faker.number.int(2) === 0 ? 1 : faker.number.int({ min: 2, max: 3 });
    // The sample's sub-step failed inside a successful job; a failed job's sub-step never succeeded.
    const stepState =
      state === 'failed'
        ? 'Failed'
        : faker.helpers.weightedArrayElement([
            { value: 'Success', weight: 2 },
            { value: 'Failed', weight: 1 },
          ]);
    return {
      extra: { SubTag: 'DigitalWatermark' },
      operation: {
        DigitalWatermark: sortKeys({
          IgnoreError: faker.datatype.boolean(),
          ...textWatermark(faker, WATERMARK_TEXTS),
          State: stepState,
        }),
        MediaInfo: mediaInfo(profile, 'decimal'),
        ...patternOutputs(faker, { input, pattern, ext: 'mp4' }),
        ...template(faker, SUPER_RESOLUTION_TEMPLATE_NAMES),
        TranscodeTemplateId: templateId(faker),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
        WatermarkTemplateId: Array.from({ length: watermarks }, () => templateId(faker)),
      },
    };
  },
  invariants: [
    ...WRITTEN_MEDIA_INVARIANTS,
    {
      name: 'the output frame is upscaled to HD or 4K: short side 1080 or 2160, sides in multiples of 8',
      check: (job) => {
        const [video] = nodesAt(job, 'Operation.MediaInfo.Stream.Video');
        if (!video) return undefined;
        const width = Number(video['Width']);
        const height = Number(video['Height']);
        if (!UPSCALED_SHORT_SIDES.includes(Math.min(width, height)))
          return `${width}×${height} is neither HD nor 4K`;
        return width % 8 === 0 && height % 8 === 0 ? undefined : `${width}×${height} not in multiples of 8`;
      },
    },
    {
      name: 'SubTag names the DigitalWatermark sub-step, which has a State of its own and a valid Text',
      check: (job) => {
        const [step] = nodesAt(job, 'Operation.DigitalWatermark');
        const subTag = text(job, 'SubTag');
        if (!step) return subTag === undefined ? undefined : `SubTag ${subTag} without its sub-step`;
        if (subTag !== 'DigitalWatermark') return `SubTag ${subTag} for a DigitalWatermark sub-step`;
        if (!['Success', 'Failed'].includes(String(step['State']))) return `sub-step State ${step['State']}`;
        if (!['true', 'false'].includes(String(step['IgnoreError'])))
          return `IgnoreError ${step['IgnoreError']}`;
        return textWatermarkProblem(step, WATERMARK_TEXT);
      },
    },
    outputNameInvariant(['mp4']),
    TEMPLATE_IDS_DISTINCT,
  ],
});

function multipleOf8(pixels: number): number {
  return Math.round(pixels / 8) * 8;
}
