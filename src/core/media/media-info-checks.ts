/**
 * @module media/media-info-checks
 * What the Tags' invariants say about the MediaInfo of ./media-info.ts: it agrees with itself and with the file it
 * describes (the input, or the file the job wrote). Each check returns what is wrong, or undefined — also when the node it checks is absent (failed jobs send no
 * MediaInfo or MediaResult).
 */
import { isContainer, nodesAt, select, text } from '../tree.ts';
import type { Invariant, Job, JobValue } from '../types.ts';
import { displayAspect } from './media-info.ts';
import { containerOf, extensionOf } from './output-names.ts';
import { objectNames } from './output-node-checks.ts';

/** Parses ffprobe's `30000/1001`. */
function rational(value: string | undefined): number {
  const [numerator, denominator] = (value ?? '').split('/').map(Number);
  return (numerator ?? Number.NaN) / (denominator ?? Number.NaN);
}

/** The most a container adds to its streams' bitrates (./profile.ts adds 1.2 %). */
const MAX_CONTAINER_OVERHEAD = 1.05;

/**
 * What is wrong inside a MediaInfo node, or undefined: NumStream counts the streams, their Index runs from 0 with
 * the video first, every stream lasts the file's Duration, the file's Bitrate is the streams' plus container
 * overhead, Size is Bitrate × Duration, NumFrames is Duration × frame rate, frames are whole pixels and Dar reduces
 * Width:Height, and each audio stream's channel layout and time base fit its channels and sample rate. Both
 * styles: in `integer` Bitrate is bps and Duration whole seconds, so the tolerances widen.
 * The empty skeleton (Snapshot, SmartCover) and an absent node have nothing to check.
 */
export function mediaInfoProblem(node: JobValue | undefined): string | undefined {
  if (node === undefined || !isContainer(node) || !isContainer(node['Format'])) return undefined;
  const format = (name: string) => text(node, `Format.${name}`);
  const durationText = format('Duration') ?? '';
  const duration = Number(durationText);
  const decimal = durationText.includes('.');
  const videos = nodesAt(node, 'Stream.Video');
  const audios = nodesAt(node, 'Stream.Audio');
  const streams = [...videos, ...audios];
  if (Number(format('NumStream')) !== streams.length)
    return `NumStream ${format('NumStream')} but ${streams.length} streams`;
  const misplaced = streams.findIndex((stream, i) => stream['Index'] !== String(i));
  if (misplaced !== -1)
    return `stream ${misplaced} has Index ${streams[misplaced]?.['Index']}: Index runs from 0, video first`;
  const offDuration = streams.find((stream) => stream['Duration'] !== durationText);
  if (offDuration) return `a stream lasts ${offDuration['Duration']}, the file ${durationText}`;

  const bitrate = Number(format('Bitrate'));
  const streamsBitrate = streams.reduce((sum, stream) => sum + Number(stream['Bitrate']), 0);
  if (!(bitrate >= streamsBitrate && bitrate <= streamsBitrate * MAX_CONTAINER_OVERHEAD))
    return `file Bitrate ${bitrate} is not its streams' ${streamsBitrate} plus container overhead`;

  // Bits per second, and how far the whole-second Duration of the integer style can be off.
  const bps = decimal ? bitrate * 1000 : bitrate;
  const durationSlack = decimal ? 0 : 0.5;
  const size = Number(format('Size'));
  const expectedSize = (bps * duration) / 8;
  // Decimal: Size is rounded from the printed Bitrate and Duration. Integer: both are rounded before printing.
  const sizeSlack = decimal ? 1 : (bps * durationSlack) / 8 + duration + 1;
  if (!(Math.abs(size - expectedSize) <= sizeSlack))
    return `Size ${size} is not Bitrate × Duration (${Math.round(expectedSize)})`;

  for (const video of videos) {
    const fps = rational(video['AvgFps'] as string);
    const frames = Number(video['NumFrames']);
    if (!(Math.abs(frames - duration * fps) <= fps * durationSlack + 1))
      return `NumFrames ${frames} is not Duration × AvgFps (${Math.round(duration * fps)})`;
    if (!(Math.abs(Number(video['Fps']) - fps) <= (decimal ? 0.01 : 0.5)))
      return `Fps ${video['Fps']} disagrees with AvgFps ${video['AvgFps']}`;
    const width = Number(video['Width']);
    const height = Number(video['Height']);
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
      return `frame ${video['Width']}×${video['Height']} is not a size in pixels`;
    if (video['Dar'] !== displayAspect(width, height))
      return `Dar ${video['Dar']} is not ${width}:${height} reduced`;
  }
  for (const audio of audios) {
    const layout = audio['Channel'] === '1' ? 'mono' : audio['Channel'] === '2' ? 'stereo' : undefined;
    if (audio['ChannelLayout'] !== layout)
      return `ChannelLayout ${audio['ChannelLayout']} with ${audio['Channel']} channels`;
    if (audio['CodecTimeBase'] !== `1/${audio['SampleRate']}`)
      return `audio CodecTimeBase ${audio['CodecTimeBase']} at SampleRate ${audio['SampleRate']}`;
  }
  return undefined;
}

/** The CosHeaders entry `key` of a workflow-triggered job, wherever the Tag puts CosHeaders. */
function cosHeader(job: Job, key: string): string | undefined {
  const headers = nodesAt(job, 'Input.CosHeaders').concat(nodesAt(job, 'Operation.Input.CosHeaders'));
  const value = headers.find((header) => header['Key'] === key)?.['Value'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * What is wrong with a MediaInfo as a description of the job's input object, or undefined: there is an input, the
 * container is the one its extension names, the streams are those the container carries (an .mp3 audio only, an
 * .mp4 one video and audio) with its codecs, and Size is the uploaded size when the upload's headers are present.
 */
export function mediaInfoInputProblem(job: Job, path = 'Operation.MediaInfo'): string | undefined {
  const [node] = select(job, path);
  if (node === undefined || !isContainer(node) || !isContainer(node['Format'])) return undefined;
  const object = text(job, 'Input.Object');
  if (object === undefined) return 'MediaInfo describes an input, but the job has no Input.Object';
  const extension = extensionOf(object);
  const type = containerOf(object);
  if (!type?.audio) return `input ${object} is not an audio or video file`;
  const formatName = text(node, 'Format.FormatName');
  if (formatName !== type.formatName || text(node, 'Format.FormatLongName') !== type.formatLongName)
    return `FormatName ${formatName} is not the container of .${extension} (${type.formatName})`;
  const videos = nodesAt(node, 'Stream.Video');
  const audios = nodesAt(node, 'Stream.Audio');
  if (videos.length !== (type.video ? 1 : 0) || audios.length === 0)
    return `.${extension} with ${videos.length} video and ${audios.length} audio streams`;
  const videoCodecs = (type.video ?? []).map((codec) => codec.name);
  const audioCodecs = type.audio.map((codec) => codec.name);
  const stray =
    videos.find((stream) => !videoCodecs.includes(stream['CodecName'] as string)) ??
    audios.find((stream) => !audioCodecs.includes(stream['CodecName'] as string));
  if (stray) return `codec ${stray['CodecName']} does not occur in .${extension}`;
  const uploaded = cosHeader(job, 'Size');
  const size = text(node, 'Format.Size');
  if (uploaded !== undefined && uploaded !== size) return `Size ${size} but ${uploaded} bytes were uploaded`;
  return undefined;
}

/**
 * What is wrong with the output files as the container MediaInfo describes (for Tags whose MediaInfo describes the
 * file they wrote, not their input), or undefined: each ObjectName's extension is that container's.
 */
export function outputContainerProblem(job: Job): string | undefined {
  const formatName = text(job, 'Operation.MediaInfo.Format.FormatName');
  if (formatName === undefined) return undefined;
  const stray = objectNames(job).find((name) => containerOf(name)?.formatName !== formatName);
  return stray === undefined ? undefined : `output ${stray} is not the ${formatName} MediaInfo describes`;
}

export const MEDIA_INFO_CONSISTENT: Invariant = {
  name: 'MediaInfo agrees with itself: streams, durations, bitrates, size and frame counts',
  check: (job) => mediaInfoProblem(select(job, 'Operation.MediaInfo')[0]),
};

export const MEDIA_INFO_DESCRIBES_INPUT: Invariant = {
  name: 'MediaInfo describes the input object: its container, streams, codecs and uploaded size',
  check: (job) => mediaInfoInputProblem(job),
};

export const MEDIA_INFO_DESCRIBES_OUTPUT: Invariant = {
  name: 'MediaInfo describes the output file: its extension is the container MediaInfo names',
  check: (job) => outputContainerProblem(job),
};
