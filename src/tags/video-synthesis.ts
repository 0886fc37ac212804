/**
 * VideoSynthesis: CI composes several videos into one frame (side by side, a grid, picture-in-picture). Only the
 * SDK's parameter struct is known — VideoSynthesis {KeepAudioTrack, SpliceInfo* {Url, X, Y, Width, Height}} — so
 * the callback is inferred from the other media jobs (MediaInfo, MediaResult, Output, UserData, JobLevel). Modelled
 * meaning: the first SpliceInfo is the job's input, every picture lies inside the output frame, and the output keeps
 * the input's audio track exactly when KeepAudioTrack is true.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { OBJECT_STEMS } from '../core/data/containers.ts';
import { defineTag } from '../core/define-tag.ts';
import { WRITTEN_MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNameInvariant } from '../core/media/output-name-checks.ts';
import { cosObjectUrl, objectStem } from '../core/media/output-names.ts';
import { bucketObjectUrlProblem } from '../core/media/output-node-checks.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, outputProfile, processingByDuration } from '../core/media/profile.ts';
import { nodesAt, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS } from './data/media-job-names.ts';
import { SPLICE_LAYOUTS, SYNTHESIS_FRAMES } from './data/splice-layouts.ts';

const PICTURES = 'Operation.VideoSynthesis.SpliceInfo';

export default defineTag({
  tag: 'VideoSynthesis',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Video synthesis: several videos composed into one frame.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [5, 600],
  processingSeconds: processingByDuration([5, 15], [0.5, 1.5]),
  jsonShape: 'object',
  lists: [PICTURES],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const layout = faker.helpers.arrayElement(SPLICE_LAYOUTS);
    const [width, height] = faker.helpers.arrayElement(SYNTHESIS_FRAMES);
    const others = faker.helpers
      .arrayElements(OBJECT_STEMS, layout.pictures.length - 1)
      .map((stem) => cosObjectUrl(input.bucket, input.region, `materials/${stem}.mp4`));
    const urls = [cosObjectUrl(input.bucket, input.region, input.key), ...others];
    const even = (pixels: number) => Math.round(pixels / 2) * 2;
    const keepAudio = faker.datatype.boolean();
    const profile = outputProfile(media, {
      extension: 'mp4',
      video: {
        codec: 'h264',
        profile: 'High',
        level: '41',
        width,
        height,
        // Roughly 2 Mbps at 1080p, scaled by area.
        bitrateKbps: ((width * height) / (1920 * 1080)) * faker.number.float({ min: 1500, max: 3000 }) + 150,
      },
      keepAudio,
    });
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.VideoSynthesis);
    const pattern = faker.helpers.arrayElement([
      `${folder}${objectStem(input.key)}_${layout.name}.\${ext}`,
      `${folder}synthesis.\${ext}`,
    ]);
    return {
      operation: {
        MediaInfo: mediaInfo(profile, 'decimal'),
        ...patternOutputs(faker, { input, pattern, ext: 'mp4' }),
        VideoSynthesis: {
          KeepAudioTrack: keepAudio,
          SpliceInfo: layout.pictures.map(([x, y, w, h], i) => ({
            Height: even(h * height),
            Url: urls[i] ?? '',
            Width: even(w * width),
            X: even(x * width),
            Y: even(y * height),
          })),
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...WRITTEN_MEDIA_INVARIANTS,
    outputNameInvariant(['mp4']),
    {
      name: 'every picture lies inside the output frame MediaInfo describes',
      check: (job) => {
        const [video] = nodesAt(job, 'Operation.MediaInfo.Stream.Video');
        if (!video) return undefined;
        const frameWidth = Number(video['Width']);
        const frameHeight = Number(video['Height']);
        const outside = nodesAt(job, PICTURES).find((picture) => {
          const [x = NaN, y = NaN, w = NaN, h = NaN] = ['X', 'Y', 'Width', 'Height'].map((name) =>
            Number(picture[name]),
          );
          return !(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= frameWidth && y + h <= frameHeight);
        });
        return outside
          ? `picture ${outside['Width']}×${outside['Height']} at (${outside['X']}, ${outside['Y']}) leaves the ${frameWidth}×${frameHeight} frame`
          : undefined;
      },
    },
    {
      name: 'the output has an audio stream exactly when KeepAudioTrack is true',
      check: (job) => {
        const [stream] = nodesAt(job, 'Operation.MediaInfo.Stream');
        if (!stream) return undefined;
        const keep = text(job, 'Operation.VideoSynthesis.KeepAudioTrack');
        if (keep !== 'true' && keep !== 'false') return `KeepAudioTrack '${keep}' is not true or false`;
        const hasAudio = nodesAt(stream, 'Audio').length > 0;
        return hasAudio === (keep === 'true') ? undefined : `KeepAudioTrack ${keep} but audio ${hasAudio}`;
      },
    },
    {
      name: 'the first picture is the job’s input, and every picture is a video in the job’s bucket',
      check: (job) => {
        const bucket = text(job, 'Operation.Output.Bucket') ?? '';
        const region = text(job, 'Operation.Output.Region') ?? '';
        const urls = nodesAt(job, PICTURES).map((picture) => String(picture['Url']));
        const input = text(job, 'Input.Object');
        if (input !== undefined && urls[0] !== cosObjectUrl(bucket, region, input))
          return `first SpliceInfo ${urls[0]} is not the input ${input}`;
        const stray = urls
          .map((url) => bucketObjectUrlProblem(job, url, 'video'))
          .find((problem) => problem !== undefined);
        return stray === undefined ? undefined : `SpliceInfo Url ${stray}`;
      },
    },
  ],
});
