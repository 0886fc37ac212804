/**
 * Test data: the elements that published TaskFinish callbacks of Tags whose example bodies are not copied into
 * fixtures/reference/ carry, each with the kind of value published. Gathered element path by element path from
 * Tencent's callback pages and the SDK named per Tag; paths are under JobsDetail. Kinds: `time`, `id`, `integer`,
 * `decimal`, `text` (see payload.ts `valueKind`); `a|b` where the sources show both or do not say which style of
 * MediaInfo a Tag uses.
 */
import type { ValueKind } from './payload.ts';

export type Kinds = `${ValueKind}` | `${ValueKind}|${string}`;

export interface PublishedElements {
  tag: string;
  /** Where the callbacks were published. */
  sources: readonly string[];
  /** Element path (under JobsDetail) → the kinds of value it carries. */
  elements: Readonly<Record<string, Kinds>>;
  /**
   * Elements (by path or the path of a container of them) the generator leaves out for some seeds on purpose, each
   * with the modelled reason; they must still appear in most seeds, always with a published kind.
   */
  sometimes?: Readonly<Record<string, string>>;
}

/** What every TaskFinish carries (catalog §0, every published callback). */
export const ENVELOPE: Readonly<Record<string, Kinds>> = {
  Code: 'text',
  CreationTime: 'time',
  EndTime: 'time',
  'Input.BucketId': 'text',
  'Input.Object': 'text',
  'Input.Region': 'text',
  JobId: 'id',
  QueueId: 'id',
  StartTime: 'time',
  State: 'text',
  Tag: 'text',
};

/** What a workflow-triggered TaskFinish adds. */
export const WORKFLOW: Readonly<Record<string, Kinds>> = {
  'Input.CosHeaders.Key': 'text',
  'Input.CosHeaders.Value': 'text|integer',
  'Workflow.Name': 'text',
  'Workflow.RunId': 'id',
  'Workflow.WorkflowId': 'id',
  'Workflow.WorkflowName': 'text',
};

/** A full MediaInfo of an audio file, its numbers in the given style (catalog §2). */
function audioMediaInfo(number: Kinds): Record<string, Kinds> {
  const format = {
    Bitrate: number,
    Duration: number,
    FormatLongName: 'text',
    FormatName: 'text',
    NumProgram: 'integer',
    NumStream: 'integer',
    Size: 'integer',
    StartTime: number,
  } as const;
  const audio = {
    Bitrate: number,
    Channel: 'integer',
    ChannelLayout: 'text',
    CodecLongName: 'text',
    CodecName: 'text',
    CodecTag: 'text',
    CodecTagString: 'text',
    CodecTimeBase: 'text',
    Duration: number,
    Index: 'integer',
    Language: 'text',
    SampleFmt: 'text',
    SampleRate: 'integer',
    StartTime: number,
    Timebase: 'text',
  } as const;
  return {
    ...prefixed('Operation.MediaInfo.Format', format),
    ...prefixed('Operation.MediaInfo.Stream.Audio', audio),
  };
}

/** A full MediaInfo of a video file: the audio fields and the Video stream's (catalog §2). */
function videoMediaInfo(number: Kinds): Record<string, Kinds> {
  const video = {
    AvgFps: 'text',
    Bitrate: number,
    CodecLongName: 'text',
    CodecName: 'text',
    CodecTag: 'text',
    CodecTagString: 'text',
    CodecTimeBase: 'text',
    ColorPrimaries: 'text',
    ColorRange: 'text',
    ColorTransfer: 'text',
    Dar: 'text',
    Duration: number,
    FieldOrder: 'text',
    Fps: number,
    HasBFrame: 'integer',
    Height: 'integer',
    Index: 'integer',
    Language: 'text',
    Level: 'integer',
    NumFrames: 'integer',
    PixFormat: 'text',
    Profile: 'text',
    RefFrames: 'integer',
    Rotation: number,
    Sar: 'text',
    StartTime: number,
    Timebase: 'text',
    Width: 'integer',
  } as const;
  return { ...audioMediaInfo(number), ...prefixed('Operation.MediaInfo.Stream.Video', video) };
}

/** MediaResult.OutputFile with an Md5Info per file; ObjectPrefix only where published non-empty. */
function outputFile(withPrefix: boolean): Record<string, Kinds> {
  return prefixed('Operation.MediaResult.OutputFile', {
    Bucket: 'text',
    'Md5Info.Md5': 'id',
    'Md5Info.ObjectName': 'text',
    ObjectName: 'text',
    ...(withPrefix ? { ObjectPrefix: 'text' } : {}),
    Region: 'text',
  });
}

function prefixed(prefix: string, fields: Readonly<Record<string, Kinds>>): Record<string, Kinds> {
  return Object.fromEntries(Object.entries(fields).map(([name, kinds]) => [`${prefix}.${name}`, kinds]));
}

const OUTPUT: Record<string, Kinds> = {
  'Operation.Output.Bucket': 'text',
  'Operation.Output.Object': 'text',
  'Operation.Output.Region': 'text',
};

export const PUBLISHED: readonly PublishedElements[] = [
  {
    tag: 'Transcode',
    sources: [
      'https://cloud.tencent.com/document/product/460/76961',
      'https://cloud.tencent.com/document/product/436/76980',
      'https://cloud.tencent.com/document/product/436/85060',
    ],
    elements: {
      Message: 'text',
      Progress: 'integer',
      ...videoMediaInfo('integer'),
      ...outputFile(false),
      ...OUTPUT,
      'Operation.TemplateId': 'id',
      'Operation.TemplateName': 'text',
      'Operation.UserData': 'text',
      'Operation.JobLevel': 'integer',
    },
  },
  {
    tag: 'DigitalWatermark',
    sources: ['https://cloud.tencent.com/document/api/436/85064'],
    elements: {
      SubTag: 'text',
      'Operation.DigitalWatermark.Message': 'text',
      'Operation.DigitalWatermark.Type': 'text',
      'Operation.DigitalWatermark.Version': 'text',
      ...videoMediaInfo('integer|decimal'),
    },
  },
  {
    tag: 'Segment',
    // The SDK types these; published Segment callbacks, compared in issue 15, list the pieces under a non-empty
    // ObjectPrefix and echo HlsEncrypt.IsHlsEncrypt.
    sources: ['https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (Segment)'],
    elements: {
      ...outputFile(true),
      'Operation.Segment.HlsEncrypt.IsHlsEncrypt': 'text',
    },
  },
  {
    tag: 'VideoTag',
    sources: [
      'https://cloud.tencent.com/document/api/436/85058',
      'https://cloud.tencent.com/document/api/436/121052',
    ],
    elements: {
      Message: 'text',
      'Operation.UserData': 'text',
      'Operation.JobLevel': 'integer',
      'Operation.VideoTag.Scenario': 'text',
      ...prefixed('Operation.VideoTagResult.StreamData', {
        SubErrCode: 'integer',
        SubErrMsg: 'text',
        'Data.Tags.Tag': 'text',
        'Data.Tags.TagCls': 'text',
        'Data.Tags.Confidence': 'decimal',
        'Data.PlaceTags.Tags.Confidence': 'decimal',
        'Data.PlaceTags.Tags.Tag': 'text',
        'Data.PlaceTags.Tags.TagCls': 'text',
        'Data.PlaceTags.ClipFrameResult': 'text',
        'Data.PlaceTags.StartTime': 'decimal',
        'Data.PlaceTags.EndTime': 'decimal',
        'Data.PlaceTags.StartIndex': 'integer',
        'Data.PlaceTags.EndIndex': 'integer',
        'Data.ActionTags.Tags.Confidence': 'decimal',
        'Data.ActionTags.Tags.Tag': 'text',
        'Data.ActionTags.Tags.TagCls': 'text',
        'Data.ActionTags.StartTime': 'decimal',
        'Data.ActionTags.EndTime': 'decimal',
        'Data.ObjectTags.Objects.BBox.X1': 'integer',
        'Data.ObjectTags.Objects.BBox.X2': 'integer',
        'Data.ObjectTags.Objects.BBox.Y1': 'integer',
        'Data.ObjectTags.Objects.BBox.Y2': 'integer',
        'Data.ObjectTags.Objects.Confidence': 'decimal',
        'Data.ObjectTags.Objects.Name': 'text',
        'Data.ObjectTags.TimeStamp': 'decimal',
      }),
    },
    sometimes: {
      'Operation.VideoTagResult.StreamData.Data.PlaceTags':
        'a partial failure (SubErrCode ≠ 0) empties its recogniser’s part of Data',
      'Operation.VideoTagResult.StreamData.Data.ActionTags':
        'a partial failure empties it; a span where no action was named has `<Tags/>`, as in the sample',
      'Operation.VideoTagResult.StreamData.Data.ObjectTags':
        'a partial failure (SubErrCode ≠ 0) empties its recogniser’s part of Data',
    },
  },
  {
    tag: 'VoiceSeparate',
    sources: [
      'https://cloud.tencent.com/document/product/460/76966',
      'https://cloud.tencent.com/document/product/436/85077',
    ],
    elements: {
      ...audioMediaInfo('integer|decimal'),
      ...outputFile(false),
      ...OUTPUT,
      'Operation.Output.AuObject': 'text',
      'Operation.TemplateId': 'id',
      'Operation.TemplateName': 'text',
    },
    sometimes: {
      'Operation.TemplateId': 'a job submitted directly may give its parameters instead of a template',
      'Operation.TemplateName': 'a job submitted directly may give its parameters instead of a template',
    },
  },
];
