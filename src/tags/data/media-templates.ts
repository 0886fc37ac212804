/**
 * Template names and output folders people use for the media jobs of group A (Transcode, Snapshot, Animation,
 * Concat, VoiceSeparate, VideoMontage, VideoProcess, Segment, VideoEnhance, TranscodePro, HighSpeedHd,
 * GeneratePlayList, Watermark). The documented samples' names come first; the rest are the kind users type.
 */
export const TEMPLATE_NAMES = {
  Transcode: [
    'template_transcode',
    'mp4-h264-720p',
    'hls-1080p',
    'ugc_transcode_540p',
    '转码-标清',
    '转码-高清',
  ],
  Snapshot: ['template_snapshot', 'snapshot-interval-5s', 'cover-frames', '截帧-封面', '雪碧图截帧'],
  Animation: ['template_animation', 'gif-preview', 'webp-cover', '动图-封面'],
  Concat: ['template_concat', 'concat-intro-outro', '拼接-片头片尾'],
  VoiceSeparate: ['template_voiceseparate', 'karaoke-split', '人声分离'],
  VideoMontage: ['template_videomontage', 'highlights-30s', '精彩集锦'],
  VideoProcess: ['template_videoprocess', 'color-enhance', '画质增强-锐化'],
  VideoEnhance: ['template_videoenhance', 'enhance-4k', '画质重生'],
  TranscodePro: ['template_transcodepro', 'prores-422hq', 'xavc-intra', '广电级转码'],
  HighSpeedHd: ['template_highspeedhd', 'tshd-720p', '极速高清-1080p'],
  GeneratePlayList: ['template_playlist', 'abr-hls-3', '自适应码流'],
  Watermark: ['template_watermark', 'logo-top-right', '水印-品牌'],
} as const;

export const OUTPUT_FOLDERS = {
  Transcode: ['output/', 'transcode/', 'output/transcode/', 'vod/'],
  Snapshot: ['output/', 'snapshot/', 'output/frames/'],
  Animation: ['output/', 'animation/', 'gif/'],
  Concat: ['output/', 'concat/', 'output/concat/'],
  VoiceSeparate: ['output/', 'karaoke/', 'audio/separate/'],
  VideoMontage: ['output/', 'highlights/', 'montage/'],
  VideoProcess: ['output/', 'enhanced/', 'process/'],
  Segment: ['output/', 'segments/', 'output/segment/'],
  VideoEnhance: ['output/', 'enhanced/', 'remaster/'],
  TranscodePro: ['output/', 'master/', 'broadcast/'],
  HighSpeedHd: ['output/', 'tshd/', 'vod/'],
  GeneratePlayList: ['output/', 'playlist/', 'abr/'],
  Watermark: ['output/', 'watermarked/', 'vod/'],
} as const;
