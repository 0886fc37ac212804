/**
 * @module media/media-info
 * The MediaInfo node (catalog §2) that describes a MediaProfile, in ffprobe's two printing styles. Its checks are in
 * ./media-info-checks.ts.
 */
import type { AudioStreamProfile, MediaProfile, Tree, VideoStreamProfile } from '../types.ts';

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

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
