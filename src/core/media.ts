/**
 * @module media
 * The media structures many Tags share (catalog §2), built once: a file's media facts, the MediaInfo that
 * describes them, MediaResult/OutputFile and Output. Everything derives from one MediaProfile, so Duration,
 * Bitrate, Size and frame counts agree wherever they appear.
 */
import type { Faker } from '@faker-js/faker';
import { type FileType, FRAME_RATES, FRAME_SIZES } from './data/containers.ts';
import { md5 } from './ids.ts';
import type { AudioStreamProfile, MediaProfile, Tree, VideoStreamProfile } from './types.ts';

export interface MediaProfileOptions {
  /** Seconds the media lasts; a plausible range for short uploads by default. */
  durationRange?: readonly [number, number];
}

/** Draws a file's media facts for a container type (mp4 → video + audio; mp3 → one audio stream). */
export function mediaProfile(faker: Faker, type: FileType, options: MediaProfileOptions = {}): MediaProfile {
  const [minDuration, maxDuration] = options.durationRange ?? (type.kind === 'audio' ? [8, 600] : [6, 900]);
  const duration = faker.number.int({ min: minDuration * 1000, max: maxDuration * 1000 }) / 1000;
  const videoCodec = type.video ? faker.helpers.arrayElement(type.video) : undefined;
  let video: VideoStreamProfile | undefined;
  if (videoCodec) {
    const [width, height] = faker.helpers.arrayElement(FRAME_SIZES);
    const rate = faker.helpers.arrayElement(FRAME_RATES);
    const pixels = width * height;
    // Roughly what uploads carry: ~2.2 Mbps at 1080p, scaled by area, with a spread.
    const bitrateKbps = round3((pixels / (1920 * 1080)) * faker.number.int({ min: 1200, max: 3800 }) + 150);
    video = {
      codec: videoCodec,
      width,
      height,
      fps: rate.fps,
      fpsRational: rate.rational,
      bitrateKbps,
      profile: faker.helpers.arrayElement(videoCodec.profiles),
      level: faker.helpers.arrayElement(videoCodec.levels),
      numFrames: Math.round(duration * rate.fps),
    };
  }
  const audio: AudioStreamProfile[] = [];
  if (type.audio) {
    const codec = faker.helpers.arrayElement(type.audio);
    const channels = type.kind === 'audio' ? faker.helpers.arrayElement([1, 2]) : 2;
    audio.push({
      codec,
      sampleRate: faker.helpers.arrayElement(codec.sampleRates),
      channels,
      bitrateKbps: faker.helpers.arrayElement(codec.bitrates),
    });
  }
  return withTotals(type, duration, video, audio);
}

/** Adds another audio stream (e.g. VoiceSeparate's vocal and background tracks). */
export function withExtraAudio(profile: MediaProfile, stream: AudioStreamProfile): MediaProfile {
  return withTotals(profile, profile.duration, profile.video, [...profile.audio, stream]);
}

function withTotals(
  format: { formatName?: string; formatLongName?: string },
  duration: number,
  video: VideoStreamProfile | undefined,
  audio: AudioStreamProfile[],
): MediaProfile {
  const streamsKbps = (video?.bitrateKbps ?? 0) + audio.reduce((sum, stream) => sum + stream.bitrateKbps, 0);
  // Container overhead: a percent or two over the streams' sum.
  const bitrateKbps = round3(streamsKbps * 1.012);
  return {
    formatName: format.formatName ?? 'unknown',
    formatLongName: format.formatLongName ?? 'unknown',
    duration,
    video,
    audio,
    bitrateKbps,
    size: Math.round((bitrateKbps * 1000 * duration) / 8),
  };
}

/**
 * Two styles occur (catalog §2): `decimal` as ffprobe prints it (kbps and seconds with six decimals; SDRtoHDR,
 * SuperResolution, MediaInfo) and `integer` (bps and whole seconds; Transcode).
 */
export type MediaInfoStyle = 'decimal' | 'integer';

function formatBitrate(kbps: number, style: MediaInfoStyle): string {
  return style === 'decimal' ? kbps.toFixed(6) : String(Math.round(kbps * 1000));
}

function formatSeconds(seconds: number, style: MediaInfoStyle): string {
  return style === 'decimal' ? seconds.toFixed(6) : String(Math.round(seconds));
}

/** The full MediaInfo node for a profile. */
export function mediaInfo(profile: MediaProfile, style: MediaInfoStyle = 'decimal'): Tree {
  const streams = (profile.video ? 1 : 0) + profile.audio.length;
  const video = profile.video;
  return {
    Format: {
      Bitrate: formatBitrate(profile.bitrateKbps, style),
      Duration: formatSeconds(profile.duration, style),
      FormatLongName: profile.formatLongName,
      FormatName: profile.formatName,
      NumProgram: '0',
      NumStream: String(streams),
      Size: String(profile.size),
      StartTime: formatSeconds(0, style),
    },
    Stream: {
      Audio:
        profile.audio.length === 0
          ? ''
          : profile.audio.map((stream, i) => audioStream(profile, stream, (video ? 1 : 0) + i, style)),
      Subtitle: '',
      Video: video ? videoStream(profile, video, style) : '',
    },
  };
}

function audioStream(
  profile: MediaProfile,
  stream: AudioStreamProfile,
  index: number,
  style: MediaInfoStyle,
): Tree {
  return {
    Bitrate: formatBitrate(stream.bitrateKbps, style),
    Channel: String(stream.channels),
    ChannelLayout: stream.channels === 1 ? 'mono' : 'stereo',
    CodecLongName: stream.codec.longName,
    CodecName: stream.codec.name,
    CodecTag: stream.codec.tag,
    CodecTagString: stream.codec.tagString,
    CodecTimeBase: `1/${stream.sampleRate}`,
    Duration: formatSeconds(profile.duration, style),
    Index: String(index),
    Language: 'und',
    SampleFmt: stream.codec.sampleFmt,
    SampleRate: String(stream.sampleRate),
    StartTime: formatSeconds(0, style),
    Timebase: `1/${stream.sampleRate}`,
  };
}

function videoStream(profile: MediaProfile, video: VideoStreamProfile, style: MediaInfoStyle): Tree {
  const divisor = gcd(video.width, video.height);
  const hdr = video.codec.name === 'hevc' && video.profile === 'Main 10';
  return {
    AvgFps: video.fpsRational,
    Bitrate: formatBitrate(video.bitrateKbps, style),
    CodecLongName: video.codec.longName,
    CodecName: video.codec.name,
    CodecTag: video.codec.tag,
    CodecTagString: video.codec.tagString,
    CodecTimeBase: `1/${Math.round(video.fps * 2)}`,
    ColorPrimaries: hdr ? 'bt2020' : 'bt709',
    ColorRange: 'tv',
    ColorTransfer: hdr ? 'smpte2084' : 'bt709',
    Dar: `${video.width / divisor}:${video.height / divisor}`,
    Duration: formatSeconds(profile.duration, style),
    FieldOrder: 'progressive',
    Fps: style === 'decimal' ? video.fps.toFixed(6) : String(Math.round(video.fps)),
    HasBFrame: video.profile === 'Constrained Baseline' ? '0' : '2',
    Height: String(video.height),
    Index: '0',
    Language: 'und',
    Level: video.level,
    NumFrames: String(video.numFrames),
    PixFormat: hdr ? 'yuv420p10le' : 'yuv420p',
    Profile: video.profile,
    RefFrames: '1',
    Rotation: style === 'decimal' ? '0.000000' : '0',
    Sar: '1:1',
    StartTime: formatSeconds(0, style),
    Timebase: '1/12800',
    Width: String(video.width),
  };
}

/** The empty skeleton Snapshot and SmartCover send: `<Format/><Stream><Audio/><Subtitle/><Video/></Stream>`. */
export function emptyMediaInfo(): Tree {
  return { Format: '', Stream: { Audio: '', Subtitle: '', Video: '' } };
}

/** Expands CI's output pattern variables: `${Number}` (0-based index) and `${Page}` (1-based page). */
export function expandPattern(
  pattern: string,
  values: { Number?: number; Page?: number; ext?: string },
): string {
  return pattern.replace(/\$\{(Number|Page|ext)\}/g, (whole, name: 'Number' | 'Page' | 'ext') => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

export interface OutputOptions {
  bucket: string;
  region: string;
  object: string;
  /** Extra children (SpriteObject, AuObject, StreamExtract…), placed after Object in alphabetical order. */
  extra?: Tree;
}

/** `Output { Bucket, Object, Region, … }` in alphabetical order, as the samples show it. */
export function output({ bucket, region, object, extra = {} }: OutputOptions): Tree {
  return sortKeys({ Bucket: bucket, Object: object, Region: region, ...extra });
}

export interface OutputFileOptions {
  bucket: string;
  region: string;
  /** Names as CI lists them (full keys, or relative to objectPrefix). */
  objectNames: readonly string[];
  objectPrefix?: string;
  /**
   * `per-file`: one Md5Info {Md5, ObjectName} per file; `none`: an empty `<Md5Info/>` (image outputs).
   */
  md5: 'per-file' | 'none';
  /** Snapshot's sprite sheet outputs. */
  sprite?: Omit<OutputFileOptions, 'sprite'>;
}

/** `OutputFile { Bucket, Md5Info*, ObjectName*, ObjectPrefix, Region }`. */
export function outputFile(faker: Faker, options: OutputFileOptions): Tree {
  const file: Tree = {
    Bucket: options.bucket,
    Md5Info:
      options.md5 === 'none'
        ? ''
        : options.objectNames.map((name) => ({ Md5: md5(faker), ObjectName: name })),
    ObjectName: [...options.objectNames],
    ObjectPrefix: options.objectPrefix ?? '',
    Region: options.region,
  };
  if (options.sprite) file['SpriteOutputFile'] = outputFile(faker, options.sprite);
  return file;
}

/** `MediaResult { OutputFile }`. */
export function mediaResult(faker: Faker, options: OutputFileOptions): Tree {
  return { OutputFile: outputFile(faker, options) };
}

export function sortKeys(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
