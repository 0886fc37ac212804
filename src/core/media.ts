/**
 * @module media
 * The media structures many Tags share (catalog §2), built once: a file's media facts (an input's, or those of the
 * file a job writes), the MediaInfo that describes them, MediaResult/OutputFile and Output, and output names
 * expanded from CI's patterns. Everything derives from one MediaProfile, so Duration, Bitrate, Size and frame
 * counts agree wherever they appear. The checks the Tags' invariants make of these structures are in
 * ./media-checks.ts.
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, template, userData } from './common-nodes.ts';
import {
  type AudioCodec,
  FILE_TYPES,
  type FileType,
  FRAME_RATES,
  FRAME_SIZES,
  type VideoCodec,
} from './data/containers.ts';
import { md5, templateId } from './ids.ts';
import type { AudioStreamProfile, InputObject, MediaProfile, Tree, VideoStreamProfile } from './types.ts';

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

/**
 * The same file probed as two audio tracks that share its first track's bitrate (VoiceSeparate's sample: an mp3
 * whose MediaInfo has two Audio streams). Unlike withExtraAudio the file stays the same: Size, Duration and the
 * format's Bitrate are unchanged, so they still match the uploaded object.
 */
export function withSplitAudio(profile: MediaProfile): MediaProfile {
  const [first, ...rest] = profile.audio;
  if (!first) return profile;
  const half = round3(first.bitrateKbps / 2);
  const tracks = [
    { ...first, bitrateKbps: half },
    { ...first, bitrateKbps: round3(first.bitrateKbps - half) },
  ];
  return { ...profile, audio: [...tracks, ...rest] };
}

/** Changes to the input's video stream; the codec is named and looked up in the output container. */
export interface VideoChanges {
  codec?: string;
  width?: number;
  height?: number;
  bitrateKbps?: number;
  profile?: string;
  level?: string;
}

export interface OutputProfileOptions {
  /** The output file's extension: decides the container's names and the codecs' tags. */
  extension: string;
  /** Seconds the output lasts; the input's by default. */
  duration?: number;
  /** Changes to the input's video (bitrate rounded as ffprobe prints it); `null` writes no video. */
  video?: VideoChanges | null;
  /** `false` writes no audio. */
  keepAudio?: boolean;
}

/**
 * The media facts of the file a job writes, derived from its input's (SDRtoHDR, SuperResolution, DigitalWatermark,
 * FillConcat, VideoSynthesis): frame counts follow the duration, and the totals are recomputed as for an input.
 */
export function outputProfile(input: MediaProfile, options: OutputProfileOptions): MediaProfile {
  const type = FILE_TYPES.find((candidate) => candidate.extension === options.extension);
  if (!type) throw new Error(`no file type for the output extension '${options.extension}'`);
  const duration = options.duration ?? input.duration;
  let video: VideoStreamProfile | undefined;
  if (input.video && options.video !== null) {
    const { codec: codecName, ...changes } = options.video ?? {};
    const codec = codecIn(type.video ?? [], codecName ?? input.video.codec.name);
    const bitrateKbps = round3(changes.bitrateKbps ?? input.video.bitrateKbps);
    video = {
      ...input.video,
      ...changes,
      codec,
      bitrateKbps,
      numFrames: Math.round(duration * input.video.fps),
    };
  }
  const audio =
    options.keepAudio === false
      ? []
      : input.audio.map((stream) => ({ ...stream, codec: codecIn(type.audio ?? [], stream.codec.name) }));
  return withTotals(type, duration, video, audio);
}

/** The codec of that name as the container tags it, or the container's first when it cannot carry it. */
function codecIn<C extends VideoCodec | AudioCodec>(codecs: readonly C[], name: string): C {
  const codec = codecs.find((candidate) => candidate.name === name) ?? codecs[0];
  if (!codec) throw new Error(`the output container has no stream type to carry ${name}`);
  return codec;
}

/** The media facts of an audio/video input; a Tag that reads media can rely on them. */
export function mediaOf(input: InputObject): MediaProfile {
  if (!input.media) throw new Error(`input ${input.key} is a ${input.kind} file, without media facts`);
  return input.media;
}

/** The video stream of a video input; a Tag that reads video can rely on it. */
export function videoOf(input: InputObject): VideoStreamProfile {
  const video = mediaOf(input).video;
  if (!video) throw new Error(`input ${input.key} has no video stream`);
  return video;
}

/** How long a media job runs: a start-up time plus a share of the input's duration (seconds per second). */
export function processingByDuration(
  base: readonly [number, number],
  perInputSecond: readonly [number, number],
): (input: InputObject) => readonly [number, number] {
  return (input) => {
    const seconds = input.media?.duration ?? 60;
    return [base[0] + seconds * perInputSecond[0], base[1] + seconds * perInputSecond[1]];
  };
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
    Dar: displayAspect(video.width, video.height),
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

/** A frame's display aspect ratio as ffprobe writes it: Width:Height reduced (`1920x1080` → `16:9`). */
export function displayAspect(width: number, height: number): string {
  const divisor = gcd(width, height);
  return `${width / divisor}:${height / divisor}`;
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

/** The last path segment of an object key without its extension (`input/demo-01.mp4` → `demo-01`). */
export function objectStem(key: string): string {
  return (key.split('/').at(-1) ?? key).replace(/\.[^.]+$/, '');
}

/** The extension of an object key ('' when it has none). */
export function extensionOf(key: string): string {
  const name = key.split('/').at(-1) ?? key;
  return name.includes('.') ? (name.split('.').at(-1) ?? '') : '';
}

/** The file type of an object key (or URL) by its extension, or undefined for one CI jobs do not read or write. */
export function containerOf(key: string): FileType | undefined {
  const extension = extensionOf(key);
  return FILE_TYPES.find((type) => type.extension === extension);
}

export interface OutputPatternOptions {
  /** The input object's key: outputs are named after it, as people usually configure them. */
  inputKey: string;
  /** Where outputs go, each ending in `/`; one is drawn. */
  folders: readonly string[];
  /** Added after the input's stem, e.g. `-720p` or `-${Number}`; one is drawn. */
  suffixes: readonly string[];
  /** The extension of the container written. */
  extension: string;
}

/**
 * An Output.Object pattern as people configure it and CI echoes it, unexpanded: named after the input, in one of
 * the Tag's folders with one of its suffixes, and the extension written out or left to CI's `${ext}` (about half
 * each): `output/demo-720p.${ext}`.
 */
export function outputPattern(
  faker: Faker,
  { inputKey, folders, suffixes, extension }: OutputPatternOptions,
): string {
  const folder = faker.helpers.arrayElement(folders);
  const suffix = faker.helpers.arrayElement(suffixes);
  return `${folder}${objectStem(inputKey)}${suffix}.${faker.datatype.boolean() ? '${ext}' : extension}`;
}

/** The text before a pattern's first `${Number}`/`${Page}`: what CI reports as ObjectPrefix for numbered outputs. */
export function patternPrefix(pattern: string): string {
  const at = pattern.search(/\$\{(Number|Page)\}/);
  return at === -1 ? '' : pattern.slice(0, at);
}

export interface PatternNamesOptions {
  count: number;
  /** The value of `${ext}`. */
  ext?: string;
  /** Names relative to this prefix (Snapshot lists `0.jpg` under ObjectPrefix `output/snapshot-`). */
  prefix?: string;
}

/** The names of `count` outputs of a pattern: `${Number}` counts from 0, `${Page}` from 1. */
export function namesFromPattern(
  pattern: string,
  { count, ext, prefix = '' }: PatternNamesOptions,
): string[] {
  return Array.from({ length: count }, (_, n) => {
    const name = expandPattern(pattern, { Number: n, Page: n + 1, ...(ext === undefined ? {} : { ext }) });
    return name.startsWith(prefix) ? name.slice(prefix.length) : name;
  });
}

/** The HTTPS URL of an object on its bucket's default COS domain. */
export function cosObjectUrl(bucket: string, region: string, key: string): string {
  return `https://${bucket}.cos.${region}.myqcloud.com/${key.replace(/^\//, '')}`;
}

export interface FrameSize {
  width: number;
  height: number;
}

/**
 * A frame scaled to a given width, height or short side, keeping the source's aspect ratio, the other side
 * rounded to an even number as encoders need.
 */
export function scaleFrame(
  source: FrameSize,
  target: { width: number } | { height: number } | { shortSide: number },
): FrameSize {
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  if ('width' in target)
    return { width: target.width, height: even((target.width * source.height) / source.width) };
  if ('height' in target)
    return { width: even((target.height * source.width) / source.height), height: target.height };
  return source.width >= source.height
    ? scaleFrame(source, { height: target.shortSide })
    : scaleFrame(source, { width: target.shortSide });
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
   * `per-file`: one Md5Info {Md5, ObjectName} per file, the ObjectName the full key (ObjectPrefix + ObjectName, as
   * Segment's callbacks show); `none`: an empty `<Md5Info/>` (image outputs).
   */
  md5: 'per-file' | 'none';
  /** Snapshot's sprite sheet outputs. */
  sprite?: Omit<OutputFileOptions, 'sprite'>;
}

/** `OutputFile { Bucket, Md5Info*, ObjectName*, ObjectPrefix, Region }`. */
export function outputFile(faker: Faker, options: OutputFileOptions): Tree {
  const prefix = options.objectPrefix ?? '';
  const file: Tree = {
    Bucket: options.bucket,
    Md5Info:
      options.md5 === 'none'
        ? ''
        : options.objectNames.map((name) => ({ Md5: md5(faker), ObjectName: `${prefix}${name}` })),
    ObjectName: [...options.objectNames],
    ObjectPrefix: prefix,
    Region: options.region,
  };
  if (options.sprite) file['SpriteOutputFile'] = outputFile(faker, options.sprite);
  return file;
}

/** Operation.WatermarkTemplateId: the watermark templates stamped during the job; none for most jobs, a few for some. */
export function watermarkTemplateIds(faker: Faker): string[] {
  const count = faker.helpers.weightedArrayElement([
    { value: 0, weight: 4 },
    { value: 1, weight: 3 },
    { value: 2, weight: 2 },
    { value: 3, weight: 1 },
  ]);
  return Array.from({ length: count }, () => templateId(faker));
}

/** `MediaResult { OutputFile }`. */
export function mediaResult(faker: Faker, options: OutputFileOptions): Tree {
  return { OutputFile: outputFile(faker, options) };
}

export interface PatternOutputOptions {
  /** The input object: the job writes to its bucket and region. */
  input: Pick<InputObject, 'bucket' | 'region'>;
  /** Output.Object as the job echoes it, CI's variables unexpanded. */
  pattern: string;
  /** What CI puts for `${ext}`: the extension of the container it writes. */
  ext?: string;
  /** How many files the pattern names (`${Number}` counting from 0); one by default. */
  count?: number;
  /**
   * List the names relative to ObjectPrefix, the pattern's text before `${Number}` (Segment, as Snapshot does);
   * by default they are full keys under an empty ObjectPrefix.
   */
  underPrefix?: boolean;
}

/**
 * `MediaResult` listing the files an Output pattern names, each with its Md5Info, and the `Output` that echoes the
 * pattern: what a media job that writes audio/video files next to its input sends.
 */
export function patternOutputs(
  faker: Faker,
  { input, pattern, ext, count = 1, underPrefix = false }: PatternOutputOptions,
): { MediaResult: Tree; Output: Tree } {
  const location = { bucket: input.bucket, region: input.region };
  const prefix = underPrefix ? patternPrefix(pattern) : '';
  return {
    MediaResult: mediaResult(faker, {
      ...location,
      objectNames: namesFromPattern(pattern, { count, prefix, ...(ext === undefined ? {} : { ext }) }),
      objectPrefix: prefix,
      md5: 'per-file',
    }),
    Output: output({ ...location, object: pattern }),
  };
}

export interface TemplateJobOptions {
  tag: string;
  input: InputObject;
  /** The containers the template may set (`Container.Format`; repeats weight the draw). */
  containers: readonly string[];
  /** `Container.Format` → the extension of the file CI writes; a format not listed is its own extension. */
  extensions: Readonly<Record<string, string>>;
  /** The Tag's output folders and the suffixes people add to the input's name. */
  folders: readonly string[];
  suffixes: readonly string[];
  templateNames: readonly string[];
}

/**
 * The Operation of a template job that writes one file, in the generic media shape the catalog gives the Tags known
 * only from the SDK's examples (GeneratePlayList, HighSpeedHd, TranscodePro, Watermark): MediaInfo of the input
 * (integer style, as Transcode sends it), MediaResult with the file and its Md5Info, Output, TemplateId and
 * TemplateName, then UserData and JobLevel.
 */
export function templateJobOperation(faker: Faker, options: TemplateJobOptions): Tree {
  const { input, folders, suffixes } = options;
  const format = faker.helpers.arrayElement(options.containers);
  const extension = options.extensions[format] ?? format;
  const pattern = outputPattern(faker, { inputKey: input.key, folders, suffixes, extension });
  return {
    MediaInfo: mediaInfo(mediaOf(input), 'integer'),
    ...patternOutputs(faker, { input, pattern, ext: extension }),
    ...template(faker, options.templateNames),
    UserData: userData(faker, options.tag),
    JobLevel: jobLevel(faker),
  };
}

/** A Text watermark as CI embeds it (DigitalWatermark) or reads it back (ExtractDigitalWatermark), version V1. */
export function textWatermark(faker: Faker, texts: readonly string[]): Tree {
  return { Message: faker.helpers.arrayElement(texts), Type: 'Text', Version: 'V1' };
}

/** The children in alphabetical order, as CI's samples list most nodes. */
export function sortKeys(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
