/**
 * @module types
 * The shapes every other module speaks: the payload tree, the variant axes and a Tag's definition.
 */
import type { Faker } from '@faker-js/faker';

/** A leaf as a generator writes it; rendered as its string form. */
export type Scalar = string | number | boolean;
/** One element's content: text, a container, or a repeated element (one entry per occurrence). */
export type TreeValue = Scalar | Tree | TreeValue[];
/**
 * An XML element's children in document order. A key is an element name; an array is that element repeated;
 * `''` or `{}` is an empty element (`<Message/>` in XML, omitted in JSON).
 */
export interface Tree {
  [element: string]: TreeValue;
}

/** What a payload tree is once built: every leaf a string, exactly what is sent. */
export type Leaf = string;
export type JobValue = Leaf | Job | JobValue[];
export interface Job {
  [element: string]: JobValue;
}

export const FORMATS = ['xml', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export const TRIGGERS = ['direct', 'workflow'] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const STATES = ['success', 'failed'] as const;
export type JobState = (typeof STATES)[number];
/** How JobsDetail appears in JSON: an object, a one-element array, or an array under a top-level `Response`. */
export const JSON_SHAPES = ['object', 'array', 'wrapped'] as const;
export type JsonShape = (typeof JSON_SHAPES)[number];

/** Job families decide the JobId's first letter (catalog §1). */
export const FAMILY_PREFIX = { media: 'j', ai: 'a', pic: 'c', doc: 'd', asr: 's' } as const;
export type Family = keyof typeof FAMILY_PREFIX;

/** The kind of file a job reads; it decides the input object's extension, Content-Type and size. */
export type MediaKind = 'video' | 'audio' | 'image' | 'text' | 'doc';

/** `documented`: a published callback sample exists; `inferred`: the shape comes from SDK types only. */
export type Source = 'documented' | 'inferred';

/** A video codec as ffprobe names and tags it, with the profiles and levels it is drawn from. */
export interface VideoCodec {
  name: string;
  longName: string;
  tag: string;
  tagString: string;
  profiles: readonly string[];
  levels: readonly string[];
}

/** An audio codec as ffprobe names and tags it, with the sample rates and bitrates it is drawn from. */
export interface AudioCodec {
  name: string;
  longName: string;
  tag: string;
  tagString: string;
  sampleFmt: string;
  sampleRates: readonly number[];
  /** kbps choices. */
  bitrates: readonly number[];
}

/** A file type CI jobs read or write; the data is in ./data/containers.ts. */
export interface FileType {
  extension: string;
  kind: MediaKind;
  contentType: string;
  /** ffprobe's format_name / format_long_name, for media files. */
  formatName?: string;
  formatLongName?: string;
  video?: readonly VideoCodec[];
  audio?: readonly AudioCodec[];
}

/** One video stream as ffprobe would describe it. */
export interface VideoStreamProfile {
  codec: VideoCodec;
  width: number;
  height: number;
  fps: number;
  fpsRational: string;
  bitrateKbps: number;
  profile: string;
  level: string;
  numFrames: number;
}

/** One audio stream as ffprobe would describe it. */
export interface AudioStreamProfile {
  codec: AudioCodec;
  sampleRate: number;
  channels: number;
  bitrateKbps: number;
}

/** An audio/video file's facts, from which MediaInfo, sizes and durations all derive. */
export interface MediaProfile {
  formatName: string;
  formatLongName: string;
  /** Seconds, millisecond precision. */
  duration: number;
  video: VideoStreamProfile | undefined;
  audio: AudioStreamProfile[];
  bitrateKbps: number;
  size: number;
}

/** The COS object a job reads, decided before the generator runs. */
export interface InputObject {
  bucket: string;
  region: string;
  key: string;
  extension: string;
  contentType: string;
  size: number;
  kind: MediaKind;
  /** Present for audio and video inputs. */
  media: MediaProfile | undefined;
}

/** The job's clock: epoch milliseconds, CreationTime ≤ StartTime ≤ EndTime. */
export interface JobTimes {
  creation: number;
  start: number;
  end: number;
}

/** The workflow a workflow-triggered job ran in. */
export interface WorkflowRun {
  name: string;
  runId: string;
  workflowId: string;
  workflowName: string;
}

/** What a generator's `build` receives: the seeded faker and every fact decided before it. */
export interface BuildContext {
  faker: Faker;
  tag: string;
  jobId: string;
  input: InputObject;
  times: JobTimes;
  trigger: Trigger;
  state: JobState;
  /** Present for workflow-triggered jobs. */
  workflow: WorkflowRun | undefined;
  /** CosHeaders entries of a workflow-triggered job (empty for direct ones). */
  cosHeaders: Tree[];
}

/** What `build` returns: the Operation node, in element order, and anything that replaces envelope defaults. */
export interface BuildResult {
  operation: Tree;
  /** Replaces the default `Input` node (e.g. Translation's Input fields); `null` leaves Input out. */
  input?: Tree | null;
  /** JobsDetail.Message on success when the Tag sends one (e.g. "Success", "done"). */
  message?: string;
  /** Extra JobsDetail children (e.g. SubTag, Progress), placed by `order`. */
  extra?: Tree;
}

/** A check that must hold for every generated job of a Tag; returns a problem description or nothing. */
export interface Invariant {
  name: string;
  check: (job: Job, variant: Variant) => string | undefined;
}

export interface Variant {
  format: Format;
  trigger: Trigger;
  state: JobState;
}

/** A Tag's whole definition: one per file in src/tags/. */
export interface TagDefinition {
  tag: string;
  family: Family;
  source: Source;
  /** Where the shape comes from (doc page or SDK type). */
  docUrl: string;
  /** One line on what the job does, for `tags` and the Tag table of docs/payloads.md. */
  summary: string;
  /** The element carrying the job's result, or '' when the Tag has none (the output file is the result). */
  resultNode: string;
  /** What the job reads; `processing` is the range of seconds it runs for. */
  inputKind: MediaKind;
  /** Restricts the input's extension (e.g. SoundHound reads mp3/m4a). */
  inputExtensions?: readonly string[];
  /** Seconds an audio/video input lasts, when the Tag needs other than the default spread. */
  inputDuration?: readonly [number, number];
  /** How long the job runs, in seconds: a range, or one derived from the input (e.g. a share of its duration). */
  processingSeconds: readonly [number, number] | ((input: InputObject) => readonly [number, number]);
  /** Default JSON shape of JobsDetail, following the Tag's documented sample. */
  jsonShape: JsonShape;
  /**
   * JobsDetail children in order; names missing from a job are skipped. Defaults to the alphabetical order most
   * samples use. A Tag whose sample leaves out fields (WordsGeneralize has no QueueId) lists only what it sends.
   */
  jobsDetailOrder?: readonly string[];
  /**
   * Whether JobsDetail carries `Progress` (between State and SubTag): 100 for a finished job, how far it got (below
   * 100) for a failed one. defineTag adds the invariant that checks it.
   */
  reportsProgress?: boolean;
  /**
   * Paths (from JobsDetail) of elements that repeat a varying number of times, including once: their JSON form
   * changes between an object and an array, so tests and contracts treat them as lists.
   */
  lists: readonly string[];
  build: (ctx: BuildContext) => BuildResult;
  invariants: readonly Invariant[];
}

export interface GenerateOptions {
  tag: string;
  format?: Format;
  trigger?: Trigger;
  state?: JobState;
  /** Any non-negative integer; omitted → a random one, reported back in the result. */
  seed?: number;
  jsonShape?: JsonShape;
  /** `path=value` strings or parsed pairs, applied last, verbatim. */
  overrides?: readonly (string | Override)[];
  /** Indentation off (XML and JSON). */
  compact?: boolean;
  /** The date jobs are generated around (they fall within the year before it); pinned by default. */
  referenceDate?: Date;
}

export interface Override {
  path: string[];
  value: string;
}

export interface GenerateResult {
  body: string;
  contentType: string;
  seed: number;
  /** The JobsDetail tree that was rendered. */
  job: Job;
  variant: Variant & { tag: string; jsonShape: JsonShape };
}
