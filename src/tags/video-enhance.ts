/**
 * VideoEnhance (画质重生): CI remasters a video in one pass — super resolution, colour, sharpening, SDR→HDR and
 * frame interpolation — and transcodes the result. No callback page was found; the shape is the SDK's
 * `VideoEnhance` parameters with MediaInfo of the input (decimal style, as SDRtoHDR and SuperResolution send it),
 * MediaResult (one file, its Md5Info), Output and TemplateId/TemplateName, then UserData and JobLevel. Like the
 * SDK's, SDRtoHDR holds only HdrMode: it is there when the job converts to HDR and left out otherwise (no source
 * shows an `Enable` for it). The catalog notes a media-style callback on the doc pages whose Tag was not visible (UNVERIFIED).
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (VideoEnhance; catalog §3).
 */
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { containerFormatInvariant } from '../core/media/output-name-checks.ts';
import { outputPattern } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration, scaleFrame, videoOf } from '../core/media/profile.ts';
import { aspectProblem, frameAt } from '../core/media/profile-checks.ts';
import { select, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import {
  AUDIO_BITRATES,
  AUDIO_SAMPLE_RATES,
  CONTAINER_EXTENSIONS,
  HDR_MODES,
  OUTPUT_CONTAINERS,
  SUPER_RESOLUTION_SHORT_SIDE,
} from './data/transcode-options.ts';

const PARAMS = 'Operation.VideoEnhance';
const SOURCE_VIDEO = 'Operation.MediaInfo.Stream.Video';

export default defineTag({
  tag: 'VideoEnhance',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Video enhance: super resolution, colour, sharpening, HDR and frame doubling in one pass.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [6, 300],
  processingSeconds: processingByDuration([10, 30], [1, 4]),
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const video = videoOf(input);
    const format = faker.helpers.arrayElement(OUTPUT_CONTAINERS.VideoEnhance);
    const extension = CONTAINER_EXTENSIONS[format] ?? format;
    // Video already at 1080p or more can only go to 4K.
    const resolution =
      Math.min(video.width, video.height) >= 1080
        ? 'hdto4k'
        : faker.helpers.weightedArrayElement([
            { value: 'sdtohd', weight: 7 },
            { value: 'hdto4k', weight: 3 },
          ]);
    const size = scaleFrame(video, { shortSide: SUPER_RESOLUTION_SHORT_SIDE[resolution] ?? 1080 });
    const doubling = faker.datatype.boolean({ probability: 0.3 });
    const hdr = faker.datatype.boolean({ probability: 0.3 });
    const pattern = outputPattern(faker, {
      inputKey: input.key,
      folders: OUTPUT_FOLDERS.VideoEnhance,
      suffixes: ['-enhanced', `-${resolution === 'hdto4k' ? '4k' : 'hd'}`, '_remaster'],
      extension,
    });
    const adjustment = () => faker.number.int({ min: -20, max: 50 });
    return {
      operation: {
        MediaInfo: mediaInfo(mediaOf(input), 'decimal'),
        ...patternOutputs(faker, { input, pattern, ext: extension }),
        ...template(faker, TEMPLATE_NAMES.VideoEnhance),
        VideoEnhance: {
          ColorEnhance: {
            Contrast: adjustment(),
            Correction: adjustment(),
            Enable: String(faker.datatype.boolean()),
            Saturation: adjustment(),
          },
          FrameEnhance: { FrameDoubling: String(doubling) },
          MsSharpen: {
            Enable: String(faker.datatype.boolean()),
            SharpenLevel: faker.number.int({ min: 1, max: 10 }),
          },
          ...(hdr ? { SDRtoHDR: { HdrMode: faker.helpers.arrayElement(HDR_MODES) } } : {}),
          SuperResolution: { EnableScaleUp: 'true', Resolution: resolution },
          Transcode: {
            Audio: {
              Bitrate: faker.helpers.arrayElement(AUDIO_BITRATES),
              Channels: 2,
              Codec: 'aac',
              Samplerate: faker.helpers.arrayElement(AUDIO_SAMPLE_RATES),
            },
            Container: { Format: format },
            Video: {
              // 10-bit HDR needs HEVC.
              Codec: hdr ? 'H.265' : faker.helpers.arrayElement(['H.264', 'H.265']),
              Fps: String(Math.round(video.fps * (doubling ? 2 : 1) * 100) / 100),
              Height: size.height,
              Width: size.width,
            },
          },
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    ...MEDIA_INVARIANTS,
    containerFormatInvariant(`${PARAMS}.Transcode.Container.Format`, CONTAINER_EXTENSIONS),
    {
      name: 'the output is the input scaled to the SuperResolution target: its aspect ratio, short side 1080 (sdtohd) or 2160 (hdto4k)',
      check: (job) => {
        const source = frameAt(job, SOURCE_VIDEO);
        if (!source) return undefined;
        const scaled = frameAt(job, `${PARAMS}.Transcode.Video`) ?? { width: 0, height: 0 };
        const resolution = text(job, `${PARAMS}.SuperResolution.Resolution`) ?? '';
        const target = SUPER_RESOLUTION_SHORT_SIDE[resolution];
        if (Math.min(scaled.width, scaled.height) !== target)
          return `${scaled.width}x${scaled.height} is not at the short side of ${resolution} (${target})`;
        return aspectProblem(source, scaled);
      },
    },
    {
      name: 'FrameDoubling doubles the input’s frame rate; without it the rate is kept',
      check: (job) => {
        const avgFps = text(job, `${SOURCE_VIDEO}.AvgFps`);
        if (avgFps === undefined) return undefined;
        const [numerator, denominator] = avgFps.split('/').map(Number);
        const doubling = text(job, `${PARAMS}.FrameEnhance.FrameDoubling`);
        if (doubling !== 'true' && doubling !== 'false') return `FrameDoubling ${doubling}`;
        const expected = ((numerator ?? 0) / (denominator ?? 1)) * (doubling === 'true' ? 2 : 1);
        const fps = Number(text(job, `${PARAMS}.Transcode.Video.Fps`));
        return Math.abs(fps - expected) <= 0.01 ? undefined : `Fps ${fps}, expected ${expected.toFixed(2)}`;
      },
    },
    {
      name: 'an HDR output (SDRtoHDR present) names an HdrMode and is encoded with H.265',
      check: (job) => {
        const hdr = select(job, `${PARAMS}.SDRtoHDR`).length > 0;
        const mode = text(job, `${PARAMS}.SDRtoHDR.HdrMode`);
        if (hdr && !HDR_MODES.some((known) => known === mode)) return `SDRtoHDR.HdrMode ${mode}`;
        const codec = text(job, `${PARAMS}.Transcode.Video.Codec`) ?? '';
        if (!['H.264', 'H.265'].includes(codec)) return `Video.Codec ${codec}`;
        return hdr && codec !== 'H.265' ? `HDR output in ${codec}` : undefined;
      },
    },
  ],
});
