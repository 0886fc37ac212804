/**
 * SDRtoHDR: CI turns an SDR video into HDR10 or HLG. MediaInfo describes the HDR output in the decimal style: HEVC
 * Main 10 (10-bit), bt2020 primaries, smpte2084 transfer (arib-std-b67 for HLG). As in the documented sample, the
 * Operation names the transcode template and repeats WatermarkTemplateId, and has no TemplateId.
 * JobsDetail reference: https://cloud.tencent.com/document/product/460/76907 (catalog §3).
 */
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { templateId } from '../core/ids.ts';
import { WRITTEN_MEDIA_INVARIANTS } from '../core/media/invariants.ts';
import { mediaInfo } from '../core/media/media-info.ts';
import { outputNameInvariant } from '../core/media/output-name-checks.ts';
import { objectStem } from '../core/media/output-names.ts';
import { patternOutputs } from '../core/media/output-nodes.ts';
import { mediaOf, outputProfile, processingByDuration, videoOf } from '../core/media/profile.ts';
import { TEMPLATE_IDS_DISTINCT } from '../core/media/template-job-checks.ts';
import { isContainer, nodesAt, text } from '../core/tree.ts';
import type { Tree } from '../core/types.ts';
import { OUTPUT_FOLDERS } from './data/media-job-names.ts';

/** The transfer function each HDR mode writes. */
const TRANSFER: Record<string, string> = { HDR10: 'smpte2084', HLG: 'arib-std-b67' };

export default defineTag({
  tag: 'SDRtoHDR',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/76907',
  summary: 'SDR to HDR: an SDR video re-encoded as HDR10 or HLG (HEVC Main 10, bt2020).',
  resultNode: 'MediaResult',
  inputKind: 'video',
  inputDuration: [5, 600],
  processingSeconds: processingByDuration([5, 10], [0.5, 1.5]),
  jsonShape: 'object',
  lists: ['Operation.WatermarkTemplateId'],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const hdrMode = faker.helpers.weightedArrayElement([
      { value: 'HDR10', weight: 3 },
      { value: 'HLG', weight: 1 },
    ]);
    const video = videoOf(input);
    const uhd = Math.min(video.width, video.height) >= 2160;
    const profile = outputProfile(media, {
      extension: 'mp4',
      video: {
        codec: 'hevc',
        profile: 'Main 10',
        level: uhd ? '153' : faker.helpers.arrayElement(['120', '123']),
        // Ten bits per sample and the wider gamut cost some bitrate even in HEVC.
        bitrateKbps: video.bitrateKbps * faker.number.float({ min: 1.1, max: 1.5 }),
      },
    });
    const info = mediaInfo(profile, 'decimal');
    const videoNode = (info['Stream'] as Tree)['Video'];
    if (isContainer(videoNode)) videoNode['ColorTransfer'] = TRANSFER[hdrMode] ?? 'smpte2084';
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.SDRtoHDR);
    const pattern = faker.helpers.arrayElement([
      `${folder}${objectStem(input.key)}_hdr.\${ext}`,
      `${folder}sdrtohdr.\${ext}`,
      `${folder}${objectStem(input.key)}.mp4`,
    ]);
    // The sample repeats WatermarkTemplateId; jobs name one or a few.
    const watermarks = faker.number.int(2) === 0 ? 1 : faker.number.int({ min: 2, max: 3 });
    return {
      operation: {
        MediaInfo: info,
        ...patternOutputs(faker, { input, pattern, ext: 'mp4' }),
        SDRtoHDR: { HdrMode: hdrMode },
        TranscodeTemplateId: templateId(faker),
        UserData: userData(faker, tag),
        WatermarkTemplateId: Array.from({ length: watermarks }, () => templateId(faker)),
      },
    };
  },
  invariants: [
    ...WRITTEN_MEDIA_INVARIANTS,
    {
      name: 'the output is HDR: HEVC Main 10 in 10-bit, bt2020, with the transfer of its HdrMode',
      check: (job) => {
        const [video] = nodesAt(job, 'Operation.MediaInfo.Stream.Video');
        if (!video) return undefined;
        const mode = text(job, 'Operation.SDRtoHDR.HdrMode') ?? '';
        const transfer = TRANSFER[mode];
        if (!transfer) return `HdrMode '${mode}' is not HDR10 or HLG`;
        if (video['ColorTransfer'] !== transfer)
          return `${mode} with ColorTransfer ${video['ColorTransfer']}`;
        if (video['ColorPrimaries'] !== 'bt2020') return `ColorPrimaries ${video['ColorPrimaries']}`;
        if (video['CodecName'] !== 'hevc' || video['Profile'] !== 'Main 10')
          return `${video['CodecName']} ${video['Profile']} is not HEVC Main 10`;
        return video['PixFormat'] === 'yuv420p10le'
          ? undefined
          : `PixFormat ${video['PixFormat']} is not 10-bit`;
      },
    },
    outputNameInvariant(['mp4']),
    TEMPLATE_IDS_DISTINCT,
  ],
});
