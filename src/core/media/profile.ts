/**
 * @module media/profile
 * A file's media facts (an input's, or those of the file a job writes), drawn once as a MediaProfile so that
 * Duration, Bitrate, Size and frame counts agree wherever they appear; and frame sizes scaled from them.
 * Their checks are in ./profile-checks.ts.
 */
import type { Faker } from '@faker-js/faker';
import { FILE_TYPES, FRAME_RATES, FRAME_SIZES } from '../data/containers.ts';
import type {
  AudioCodec,
  AudioStreamProfile,
  FileType,
  InputObject,
  MediaProfile,
  VideoCodec,
  VideoStreamProfile,
} from '../types.ts';

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

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
