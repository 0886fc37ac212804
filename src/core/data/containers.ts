/**
 * File types CI jobs read and write, with what ffprobe (behind CI's MediaInfo) reports for them. Data only:
 * the logic that draws from it is in ../media/profile.ts and ../objects.ts; the types are in ../types.ts.
 */
import type { AudioCodec, FileType, VideoCodec } from '../types.ts';

const H264: VideoCodec = {
  name: 'h264',
  longName: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
  tag: '0x31637661',
  tagString: 'avc1',
  profiles: ['High', 'Main', 'Constrained Baseline'],
  levels: ['31', '40', '41', '42'],
};
const HEVC: VideoCodec = {
  name: 'hevc',
  longName: 'H.265 / HEVC (High Efficiency Video Coding)',
  tag: '0x31766568',
  tagString: 'hev1',
  profiles: ['Main', 'Main 10'],
  levels: ['120', '123', '150'],
};
const H264_RAW: VideoCodec = { ...H264, tag: '0x0000', tagString: '[0][0][0][0]' };
const AAC: AudioCodec = {
  name: 'aac',
  longName: 'AAC (Advanced Audio Coding)',
  tag: '0x6134706d',
  tagString: 'mp4a',
  sampleFmt: 'fltp',
  sampleRates: [44100, 48000],
  bitrates: [64, 96, 128, 192],
};
const AAC_RAW: AudioCodec = { ...AAC, tag: '0x0000', tagString: '[0][0][0][0]' };
const MP3: AudioCodec = {
  name: 'mp3',
  longName: 'MP3 (MPEG audio layer 3)',
  tag: '0x0000',
  tagString: '[0][0][0][0]',
  sampleFmt: 'fltp',
  sampleRates: [16000, 44100, 48000],
  bitrates: [64, 128, 192, 320],
};
const PCM: AudioCodec = {
  name: 'pcm_s16le',
  longName: 'PCM signed 16-bit little-endian',
  tag: '0x0001',
  tagString: '[1][0][0][0]',
  sampleFmt: 's16',
  sampleRates: [16000, 44100],
  bitrates: [256, 705.6, 1411.2],
};
const FLAC: AudioCodec = {
  name: 'flac',
  longName: 'FLAC (Free Lossless Audio Codec)',
  tag: '0x0000',
  tagString: '[0][0][0][0]',
  sampleFmt: 's16',
  sampleRates: [44100, 48000],
  bitrates: [850, 950, 1020],
};

const MOV_FORMAT = { formatName: 'mov,mp4,m4a,3gp,3g2,mj2', formatLongName: 'QuickTime / MOV' };

export const FILE_TYPES: readonly FileType[] = [
  {
    extension: 'mp4',
    kind: 'video',
    contentType: 'video/mp4',
    ...MOV_FORMAT,
    video: [H264, HEVC],
    audio: [AAC],
  },
  {
    extension: 'mov',
    kind: 'video',
    contentType: 'video/quicktime',
    ...MOV_FORMAT,
    video: [H264],
    audio: [AAC],
  },
  {
    extension: 'flv',
    kind: 'video',
    contentType: 'video/x-flv',
    formatName: 'flv',
    formatLongName: 'FLV (Flash Video)',
    video: [{ ...H264_RAW, tag: '0x0007', tagString: '[7][0][0][0]' }],
    audio: [{ ...AAC_RAW, tag: '0x000a', tagString: '[10][0][0][0]' }],
  },
  {
    extension: 'mkv',
    kind: 'video',
    contentType: 'video/x-matroska',
    formatName: 'matroska,webm',
    formatLongName: 'Matroska / WebM',
    video: [H264_RAW, { ...HEVC, tag: '0x0000', tagString: '[0][0][0][0]' }],
    audio: [AAC_RAW],
  },
  {
    extension: 'ts',
    kind: 'video',
    contentType: 'video/mp2t',
    formatName: 'mpegts',
    formatLongName: 'MPEG-TS (MPEG-2 Transport Stream)',
    video: [{ ...H264_RAW, tag: '0x001b', tagString: '[27][0][0][0]' }],
    audio: [{ ...AAC_RAW, tag: '0x000f', tagString: '[15][0][0][0]' }],
  },
  {
    extension: 'mp3',
    kind: 'audio',
    contentType: 'audio/mpeg',
    formatName: 'mp3',
    formatLongName: 'MP2/3 (MPEG audio layer 2/3)',
    audio: [MP3],
  },
  {
    extension: 'wav',
    kind: 'audio',
    contentType: 'audio/wav',
    formatName: 'wav',
    formatLongName: 'WAV / WAVE (Waveform Audio)',
    audio: [PCM],
  },
  { extension: 'm4a', kind: 'audio', contentType: 'audio/mp4', ...MOV_FORMAT, audio: [AAC] },
  {
    extension: 'flac',
    kind: 'audio',
    contentType: 'audio/flac',
    formatName: 'flac',
    formatLongName: 'raw FLAC',
    audio: [FLAC],
  },
  { extension: 'jpg', kind: 'image', contentType: 'image/jpeg' },
  { extension: 'png', kind: 'image', contentType: 'image/png' },
  { extension: 'webp', kind: 'image', contentType: 'image/webp' },
  { extension: 'txt', kind: 'text', contentType: 'text/plain' },
  {
    extension: 'docx',
    kind: 'doc',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    extension: 'pptx',
    kind: 'doc',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  {
    extension: 'xlsx',
    kind: 'doc',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  { extension: 'pdf', kind: 'doc', contentType: 'application/pdf' },
];

/** Byte sizes of files that are not audio/video (whose size follows from bitrate × duration). */
export const SIZE_RANGES: Record<'image' | 'text' | 'doc', readonly [number, number]> = {
  image: [40_000, 6_000_000],
  text: [200, 60_000],
  doc: [30_000, 15_000_000],
};

/** Frame sizes of uploaded video: landscape, portrait (short video) and 4K. */
export const FRAME_SIZES: readonly (readonly [number, number])[] = [
  [1920, 1080],
  [1280, 720],
  [720, 1280],
  [1080, 1920],
  [3840, 2160],
  [854, 480],
  [640, 360],
];

/** Frame rates as ffprobe prints them: the rational and the decimal. */
export const FRAME_RATES: readonly { rational: string; fps: number }[] = [
  { rational: '25/1', fps: 25 },
  { rational: '30/1', fps: 30 },
  { rational: '24/1', fps: 24 },
  { rational: '30000/1001', fps: 29.97 },
  { rational: '60/1', fps: 60 },
];

/** Names uploaded files are given (before the extension). */
export const OBJECT_STEMS = [
  'demo',
  'test',
  'meeting',
  'lecture',
  'interview',
  'product-intro',
  'vlog',
  'record',
  'clip',
  'episode',
  'course',
  'ad',
  'voice',
  'podcast',
  'notice',
  'report',
] as const;
