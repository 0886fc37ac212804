/**
 * What media jobs of group A write and how people ask for it (Transcode, Snapshot, Animation, Concat,
 * VoiceSeparate, VideoMontage, VideoProcess, Segment, VideoEnhance, TranscodePro, HighSpeedHd,
 * GeneratePlayList, Watermark): output containers and their file extensions, codec names as CI's requests spell
 * them, and the choices each job's parameters take. Values the SDK names without listing are modelled.
 */

/** `Container.Format` as a request names it → the extension of the file CI writes. */
export const CONTAINER_EXTENSIONS: Readonly<Record<string, string>> = {
  mp4: 'mp4',
  flv: 'flv',
  hls: 'm3u8',
  dash: 'mpd',
  mkv: 'mkv',
  ts: 'ts',
  mov: 'mov',
  mxf: 'mxf',
  gif: 'gif',
  webp: 'webp',
  mp3: 'mp3',
  m4a: 'm4a',
  flac: 'flac',
};

/** Containers each Tag writes, most common first (repeats weight the draw). */
export const OUTPUT_CONTAINERS = {
  Transcode: ['mp4', 'mp4', 'mp4', 'hls', 'flv', 'mkv'],
  Animation: ['gif', 'gif', 'webp'],
  Concat: ['mp4', 'mp4', 'flv', 'mkv'],
  VideoMontage: ['mp4', 'mp4', 'flv'],
  VideoProcess: ['mp4', 'mp4', 'flv', 'hls'],
  Segment: ['mp4', 'mp4', 'flv', 'ts', 'mkv'],
  VideoEnhance: ['mp4', 'mp4', 'mkv'],
  TranscodePro: ['mov', 'mov', 'mxf'],
  HighSpeedHd: ['mp4', 'mp4', 'hls', 'flv'],
  GeneratePlayList: ['hls', 'hls', 'dash'],
  Watermark: ['mp4', 'mp4', 'flv', 'hls'],
} as const;

/** VoiceSeparate's AudioConfig.Codec → the extension of the tracks it writes. */
export const AUDIO_CODEC_EXTENSIONS: Readonly<Record<string, string>> = {
  mp3: 'mp3',
  aac: 'm4a',
  flac: 'flac',
};

/** VoiceSeparate.AudioMode: the voice only, the background only, or both (the sample's Object + AuObject). */
export const VOICE_SEPARATE_MODES = ['AudioAndBackground', 'IsAudio', 'IsBackground'] as const;

/** Video and audio codecs as requests spell them. */
export const VIDEO_CODECS = ['H.264', 'H.264', 'H.265'] as const;
export const AUDIO_CODECS = ['aac', 'aac', 'mp3'] as const;
export const AUDIO_SAMPLE_RATES = ['44100', '48000'] as const;
export const AUDIO_BITRATES = ['64', '128', '192'] as const;

/** Short sides (pixels) of the renditions people ask for. */
export const RENDITION_SHORT_SIDES = [360, 480, 540, 720, 1080] as const;

/** Animated-image widths (a GIF preview is small). */
export const ANIMATION_WIDTHS = [240, 320, 360, 480, 640] as const;

/** VideoMontage.Scene: general video, football matches, or talk shows. */
export const MONTAGE_SCENES = ['Video', 'Video', 'Soccer', 'Podcast'] as const;

/** VideoMontage.Duration choices, in seconds: how long the highlights run. */
export const MONTAGE_DURATIONS = [10, 15, 30, 60] as const;

/** Segment.Duration choices, in seconds (CI takes at least 5). */
export const SEGMENT_DURATIONS = [5, 10, 15, 20, 30, 60, 120, 300, 600] as const;

/** VideoEnhance.SuperResolution.Resolution → the short side it scales to. */
export const SUPER_RESOLUTION_SHORT_SIDE: Readonly<Record<string, number>> = { sdtohd: 1080, hdto4k: 2160 };

/** SDRtoHDR.HdrMode values the SDK names. */
export const HDR_MODES = ['HDR10', 'HLG'] as const;

/** Concat's fragments: stock clips kept in the bucket, those that play before the video and those after it. */
export const CONCAT_CLIPS = {
  Start: ['assets/intro.mp4', 'assets/brand-5s.mp4', 'clips/opening.mp4', 'assets/ad-15s.mp4'],
  End: ['assets/outro.mp4', 'clips/ending.mp4', 'assets/subscribe.mp4', 'assets/ad-15s.mp4'],
} as const;
