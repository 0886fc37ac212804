/**
 * @module media-checks
 * What the Tags' invariants say about the media structures of ./media.ts: MediaInfo agrees with itself and with the
 * file it describes (the input, or the file the job wrote), output names expand the Output pattern, each output file
 * has its Md5Info and lands where the Output asked, frames keep their aspect ratio, template ids are distinct.
 * Each check returns what is wrong, or undefined — also when the node it checks is absent (failed jobs send no
 * MediaInfo or MediaResult). Ready-made invariants for the common cases close the module.
 */
import { ID_PATTERNS } from './ids.ts';
import {
  containerOf,
  cosObjectUrl,
  displayAspect,
  extensionOf,
  type FrameSize,
  namesFromPattern,
  type OutputFileOptions,
  patternPrefix,
} from './media.ts';
import { isContainer, select, text } from './tree.ts';
import type { Invariant, Job, JobValue, MediaKind } from './types.ts';

/** The occurrences of an element that are filled in (empty placeholders such as `<Audio/>` left out). */
export function nodesAt(root: JobValue, path: string): Job[] {
  return select(root, path).filter((node): node is Job => isContainer(node));
}

/** MediaResult's ObjectName entries. */
export function objectNames(job: Job): string[] {
  return select(job, 'Operation.MediaResult.OutputFile.ObjectName').map(String);
}

/** Parses ffprobe's `30000/1001`. */
function rational(value: string | undefined): number {
  const [numerator, denominator] = (value ?? '').split('/').map(Number);
  return (numerator ?? Number.NaN) / (denominator ?? Number.NaN);
}

/** The most a container adds to its streams' bitrates (./media.ts adds 1.2 %). */
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

/**
 * What is wrong with an OutputFile's Md5Info, or undefined. `per-file`: one {Md5, ObjectName} per ObjectName, in
 * the same order, each Md5 32 hex digits and its ObjectName the full key, ObjectPrefix + ObjectName; `none`: an
 * empty `<Md5Info/>` (image outputs). SpriteOutputFile likewise.
 */
export function outputFileProblem(
  node: JobValue | undefined,
  md5: OutputFileOptions['md5'],
): string | undefined {
  if (node === undefined || !isContainer(node)) return undefined;
  const names = select(node, 'ObjectName');
  const digests = nodesAt(node, 'Md5Info');
  if (md5 === 'none') {
    if (digests.length > 0) return `${digests.length} Md5Info where image outputs have none`;
  } else {
    if (digests.length !== names.length) return `${digests.length} Md5Info for ${names.length} ObjectName`;
    const prefix = text(node, 'ObjectPrefix') ?? '';
    const wrong = digests.findIndex(
      (digest, i) =>
        digest['ObjectName'] !== `${prefix}${names[i]}` || !/^[0-9a-f]{32}$/.test(String(digest['Md5'])),
    );
    if (wrong !== -1)
      return `Md5Info ${wrong} does not give an MD5 for '${prefix}${names[wrong]}' (ObjectPrefix + ObjectName)`;
  }
  return outputFileProblem(node['SpriteOutputFile'], md5);
}

/** Where two name lists first differ, or undefined when they are the same. */
export function namesProblem(expected: readonly string[], actual: readonly JobValue[]): string | undefined {
  if (actual.length !== expected.length)
    return `${actual.length} names where ${expected.length} are expected`;
  const wrong = expected.findIndex((name, i) => actual[i] !== name);
  return wrong === -1
    ? undefined
    : `name ${wrong} is '${String(actual[wrong])}', expected '${expected[wrong]}'`;
}

/**
 * What is wrong with where the outputs landed, or undefined: the Output is in the input's bucket and region (when
 * the job names its input), and MediaResult's OutputFile (and SpriteOutputFile) in the Output's.
 */
export function outputLocationProblem(job: Job): string | undefined {
  const asked = {
    Bucket: text(job, 'Operation.Output.Bucket'),
    Region: text(job, 'Operation.Output.Region'),
  };
  const input = { Bucket: text(job, 'Input.BucketId'), Region: text(job, 'Input.Region') };
  for (const key of ['Bucket', 'Region'] as const) {
    if (asked[key] !== undefined && input[key] !== undefined && asked[key] !== input[key])
      return `Output ${key} ${asked[key]}, the input's ${input[key]}`;
  }
  for (const file of nodesAt(job, 'Operation.MediaResult.OutputFile').concat(
    nodesAt(job, 'Operation.MediaResult.OutputFile.SpriteOutputFile'),
  )) {
    for (const key of ['Bucket', 'Region'] as const) {
      if (file[key] !== asked[key])
        return `OutputFile ${key} ${String(file[key])}, Output asked for ${asked[key]}`;
    }
  }
  return undefined;
}

/**
 * What is wrong with `url` as the URL of a `kind` object in the bucket the job writes to (its Output's), on the
 * bucket's COS domain, or undefined.
 */
export function bucketObjectUrlProblem(job: Job, url: string, kind: MediaKind): string | undefined {
  const domain = cosObjectUrl(
    text(job, 'Operation.Output.Bucket') ?? '',
    text(job, 'Operation.Output.Region') ?? '',
    '',
  );
  return url.startsWith(domain) && containerOf(url)?.kind === kind
    ? undefined
    : `'${url}' is not a ${kind} object under ${domain}`;
}

/** The Width × Height of the element at `path` (a Video stream or a Video parameter node), when it has both. */
export function frameAt(root: JobValue, path: string): FrameSize | undefined {
  const width = text(root, `${path}.Width`);
  const height = text(root, `${path}.Height`);
  return width === undefined || height === undefined
    ? undefined
    : { width: Number(width), height: Number(height) };
}

/** Whether `scaled` keeps `source`'s aspect ratio, allowing for the even rounding of scaleFrame. */
export function aspectProblem(source: FrameSize, scaled: FrameSize): string | undefined {
  const skew = Math.abs(scaled.height * source.width - scaled.width * source.height);
  return skew <= Math.max(source.width, source.height)
    ? undefined
    : `${scaled.width}x${scaled.height} does not keep the aspect ratio of ${source.width}x${source.height}`;
}

/**
 * What is wrong with the frame at `path` (a job's Video parameters) as a scaling of the input video that MediaInfo
 * describes, or undefined (also when the job produced no MediaInfo).
 */
export function inputAspectProblem(job: Job, path: string): string | undefined {
  const source = frameAt(job, 'Operation.MediaInfo.Stream.Video');
  if (!source) return undefined;
  return aspectProblem(source, frameAt(job, path) ?? { width: 0, height: 0 });
}

export interface OutputNamesOptions {
  /** The value of `${ext}`. */
  ext?: string;
  /** How many outputs there must be; by default as many as are listed. */
  count?: number;
}

/**
 * What is wrong with MediaResult's ObjectName list as the expansion of Output.Object, or undefined (also when the
 * job produced no MediaResult). Names listed under an ObjectPrefix must be relative to it, and the prefix the
 * pattern's text before `${Number}`.
 */
export function outputNamesProblem(job: Job, options: OutputNamesOptions = {}): string | undefined {
  const [file] = nodesAt(job, 'Operation.MediaResult.OutputFile');
  const pattern = text(job, 'Operation.Output.Object');
  if (file === undefined || pattern === undefined) return undefined;
  const names = select(file, 'ObjectName');
  const prefix = text(file, 'ObjectPrefix') ?? '';
  if (prefix !== '' && prefix !== patternPrefix(pattern))
    return `ObjectPrefix '${prefix}' is not the text of '${pattern}' before \${Number}`;
  const expected = namesFromPattern(pattern, {
    prefix,
    count: options.count ?? names.length,
    ...(options.ext === undefined ? {} : { ext: options.ext }),
  });
  return namesProblem(expected, names);
}

/**
 * What is wrong with a Text watermark node ({Message, Type, Version}: DigitalWatermark, its sub-step in
 * SuperResolution, ExtractDigitalWatermark), or undefined: Type Text, Version V1, a Message `texts` accepts.
 */
export function textWatermarkProblem(mark: Job, texts: RegExp): string | undefined {
  if (mark['Type'] !== 'Text' || mark['Version'] !== 'V1')
    return `watermark ${mark['Type']} ${mark['Version']} is not Text V1`;
  return texts.test(String(mark['Message'])) ? undefined : `watermark text '${mark['Message']}'`;
}

/**
 * For Tags that write one file whose container only the template knows: the one ObjectName is Output.Object with
 * `${ext}` expanded to the extension of one of the containers the Tag writes (repeats in the list are ignored).
 */
export function outputNameInvariant(extensions: readonly string[]): Invariant {
  const accepted = [...new Set(extensions)];
  return {
    name: `ObjectName is Output.Object with \${ext} expanded to a container it writes (${accepted.join(', ')})`,
    check: (job) => {
      const [name] = select(job, 'Operation.MediaResult.OutputFile.ObjectName');
      if (typeof name !== 'string') return undefined;
      const ext = extensionOf(name);
      if (!accepted.includes(ext)) return `ObjectName ${name}: .${ext} is not one of ${accepted.join(', ')}`;
      return outputNamesProblem(job, { ext, count: 1 });
    },
  };
}

/**
 * For Tags whose parameters name the container they write (`Container.Format`, `Segment.Format`…): the ObjectNames
 * are Output.Object with `${ext}` expanded to that container's extension, as `extensions` maps it.
 */
export function containerFormatInvariant(
  formatPath: string,
  extensions: Readonly<Record<string, string>>,
): Invariant {
  const field = formatPath.replace(/^Operation\./, '');
  return {
    name: `ObjectName expands Output.Object with \${ext} the extension of ${field}`,
    check: (job) => {
      const format = text(job, formatPath) ?? '';
      const ext = extensions[format];
      return ext === undefined
        ? `${field} ${format} is not one of ${Object.keys(extensions).join(', ')}`
        : outputNamesProblem(job, { ext });
    },
  };
}

/** For Tags whose documented callback has a fixed JobsDetail.Message on success ("done", "SUCCESS"). */
export function successMessageInvariant(message: string): Invariant {
  return {
    name: `a successful job says Message "${message}"`,
    check: (job) => {
      if (text(job, 'State') !== 'Success') return undefined;
      const actual = text(job, 'Message');
      return actual === message
        ? undefined
        : `Message '${actual}' on a successful job, expected '${message}'`;
    },
  };
}

/** The Operation's template ids: TemplateId, TranscodeTemplateId and each WatermarkTemplateId. */
const TEMPLATE_ID_PATHS = [
  'Operation.TemplateId',
  'Operation.TranscodeTemplateId',
  'Operation.WatermarkTemplateId',
];

export const TEMPLATE_IDS_DISTINCT: Invariant = {
  name: 'TemplateId, TranscodeTemplateId and WatermarkTemplateId are template ids, none named twice',
  check: (job) => {
    const ids = TEMPLATE_ID_PATHS.flatMap((path) => select(job, path)).map(String);
    const bad = ids.find((id) => !ID_PATTERNS.templateId.test(id));
    if (bad !== undefined) return `'${bad}' is not a template id`;
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    return repeated === undefined ? undefined : `template ${repeated} is named twice`;
  },
};

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

export const MD5_PER_OUTPUT_FILE: Invariant = {
  name: 'each output file has its own Md5Info',
  check: (job) => outputFileProblem(select(job, 'Operation.MediaResult.OutputFile')[0], 'per-file'),
};

export const OUTPUTS_WHERE_ASKED: Invariant = {
  name: 'the Output is in the input’s bucket and region, and the output files where the Output names',
  check: (job) => outputLocationProblem(job),
};

/** The invariants of a Tag that sends a full MediaInfo of its input and writes files with an Md5Info each. */
export const MEDIA_INVARIANTS: readonly Invariant[] = [
  MEDIA_INFO_CONSISTENT,
  MEDIA_INFO_DESCRIBES_INPUT,
  MD5_PER_OUTPUT_FILE,
  OUTPUTS_WHERE_ASKED,
];

/**
 * The invariants of a Tag that writes a media file and sends a full MediaInfo of that file rather than of its input
 * (SDRtoHDR, SuperResolution, DigitalWatermark, FillConcat, VideoSynthesis).
 */
export const WRITTEN_MEDIA_INVARIANTS: readonly Invariant[] = [
  MEDIA_INFO_CONSISTENT,
  MEDIA_INFO_DESCRIBES_OUTPUT,
  MD5_PER_OUTPUT_FILE,
  OUTPUTS_WHERE_ASKED,
];
