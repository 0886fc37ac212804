/**
 * FillConcat: CI pads a video with stock clips and joins them into one file. Only the SDK's parameter struct is
 * known — FillConcat {Format, FillInput* {Url, FillTime}, RefMode, RefIndex} — so the callback is inferred from the
 * other media jobs (MediaInfo, MediaResult, Output, UserData, JobLevel). Modelled meaning: FillTime is the seconds
 * a fill clip lasts in the output, so the output lasts the input plus every FillTime; RefMode says whose video
 * parameters the output takes (`Input`, or the `FillInput` at 0-based RefIndex), which in this model match the input.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { WRITTEN_MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNamesProblem } from '../core/media/output-name-checks.ts';
import { containerOf, cosObjectUrl, extensionOf, objectStem } from '../core/media/output-names.ts';
import { bucketObjectUrlProblem, objectNames } from '../core/media/output-node-checks.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, outputProfile, processingByDuration, videoOf } from '../core/media/profile.ts';
import { nodesAt, text } from '../core/tree.ts';
import { FILL_CLIPS, OUTPUT_FOLDERS } from './data/media-job-names.ts';

const FILLS = 'Operation.FillConcat.FillInput';

export default defineTag({
  tag: 'FillConcat',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Fill and concatenate: a video padded with stock clips into one file.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [5, 600],
  processingSeconds: processingByDuration([5, 15], [0.3, 1]),
  jsonShape: 'object',
  lists: [FILLS],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const format = faker.helpers.weightedArrayElement([
      { value: 'mp4', weight: 5 },
      { value: 'flv', weight: 1 },
      { value: 'mkv', weight: 1 },
    ]);
    const count = faker.number.int(2) === 0 ? 1 : faker.number.int({ min: 2, max: 3 });
    const fills = faker.helpers.arrayElements(FILL_CLIPS, count).map((key) => ({
      FillTime: faker.number.int({ min: 1, max: 10 }),
      Url: cosObjectUrl(input.bucket, input.region, key),
    }));
    const refMode = faker.helpers.weightedArrayElement([
      { value: 'Input', weight: 2 },
      { value: 'FillInput', weight: 1 },
    ]);
    const video = videoOf(input);
    const uhd = Math.min(video.width, video.height) >= 2160;
    const profile = outputProfile(media, {
      extension: format,
      duration: media.duration + fills.reduce((sum, fill) => sum + fill.FillTime, 0),
      video: { codec: 'h264', profile: 'High', level: uhd ? '51' : '41' },
    });
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.FillConcat);
    const pattern = faker.helpers.arrayElement([
      `${folder}${objectStem(input.key)}_filled.\${ext}`,
      `${folder}${objectStem(input.key)}.${format}`,
    ]);
    return {
      operation: {
        FillConcat: {
          FillInput: fills,
          Format: format,
          RefIndex: refMode === 'FillInput' ? faker.number.int(count - 1) : 0,
          RefMode: refMode,
        },
        MediaInfo: mediaInfo(profile, 'decimal'),
        ...patternOutputs(faker, { input, pattern, ext: format }),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...WRITTEN_MEDIA_INVARIANTS,
    {
      name: 'the output is a video file of the requested Format: the one ObjectName expands ${ext} to it',
      check: (job) => {
        const format = text(job, 'Operation.FillConcat.Format') ?? '';
        const [name] = objectNames(job);
        if (name !== undefined && (extensionOf(name) !== format || containerOf(name)?.kind !== 'video'))
          return `output ${name} is not a .${format} video`;
        return outputNamesProblem(job, { ext: format, count: 1 });
      },
    },
    {
      name: 'fills are videos in the job’s bucket lasting whole seconds, RefIndex names one, the output outlasts them',
      check: (job) => {
        const fills = nodesAt(job, FILLS);
        const stray = fills
          .map((fill) => bucketObjectUrlProblem(job, String(fill['Url']), 'video'))
          .find((problem) => problem !== undefined);
        if (stray) return `FillInput Url ${stray}`;
        const times = fills.map((fill) => String(fill['FillTime']));
        const badTime = times.find((time) => !/^[1-9]\d*$/.test(time));
        if (badTime !== undefined) return `FillTime '${badTime}' is not whole seconds`;
        const refIndex = text(job, 'Operation.FillConcat.RefIndex') ?? '';
        if (!/^\d+$/.test(refIndex) || Number(refIndex) >= fills.length)
          return `RefIndex ${refIndex} with ${fills.length} FillInput`;
        const duration = text(job, 'Operation.MediaInfo.Format.Duration');
        const filled = times.reduce((sum, time) => sum + Number(time), 0);
        return duration === undefined || Number(duration) > filled
          ? undefined
          : `output lasts ${duration} s, not more than its ${filled} s of fills`;
      },
    },
  ],
});
