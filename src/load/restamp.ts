/**
 * @module load/restamp
 * Turns one generated body into a template that can be sent many times as different jobs. `generate()` costs
 * 0.2–1 ms a body (faker and the renderers), far too slow for thousands a second; re-stamping a body costs
 * about half a microsecond (measured by bench/load-vs-autocannon). A stamp gives the job a new JobId (and RunId and x-cos-request-id for
 * workflow-triggered jobs), unique within the run and, through a random node per run, across runs; and moves
 * every time in the job by the same amount so that the job ends when the request is sent, keeping
 * CreationTime ≤ StartTime ≤ EndTime, the JobId's embedded time = CreationTime, and every duration as generated.
 * Each stamped value has the length of the one it replaces, so a body can be re-stamped in place.
 */
import { randomBytes } from 'node:crypto';
import { formatReviewTime, formatTaskTime, parseCiTime } from '../core/time.ts';
import type { GenerateResult, Job, JobValue } from '../core/types.ts';
import type { JsonObject } from '../moderation/types.ts';
import type { ReviewGenerateResult } from '../payloads/generate-review.ts';

/** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
const UUID_EPOCH_OFFSET_MS = 12_219_292_800_000;
/** Sub-millisecond ticks (10,000) × the clock sequence's 14 bits: sequence numbers that stay unique. */
export const SEQUENCE_SPACE = 10_000 * 0x4000;

type SlotKind = 'jobId' | 'runId' | 'cosRequestId' | 'CreationTime' | 'StartTime' | 'EndTime';
const TIME_ELEMENTS = ['CreationTime', 'StartTime', 'EndTime'] as const;
type TimeElement = (typeof TIME_ELEMENTS)[number];

/** A time in the template, with the text of the last second it was stamped at (a cache, hence mutable). */
interface StampedTime {
  ms: number;
  second: number;
  text: string;
}

interface Slot {
  kind: SlotKind;
  /** Byte offset of the value in the body. */
  offset: number;
}

export interface BodyTemplate {
  tag: string;
  contentType: string;
  /** Headers the body is sent with beside Content-Type (a moderation callback's X-Ci-Content-Version). */
  headers?: Readonly<Record<string, string>>;
  bytes: Buffer;
  slots: Slot[];
  /** The job's EndTime (epoch ms); a stamp moves every time by `sendTime - endMs`. */
  endMs: number;
  times: Partial<Record<TimeElement, StampedTime>>;
  /** Times embedded in the IDs the template carries (epoch ms), moved by the same amount. */
  jobIdMs: number;
  runIdMs: number | undefined;
  cosUploadMs: number | undefined;
  /** Values kept from the template: the JobId's family letter (two for moderation), the RunId's `i`. */
  jobIdPrefix: string;
  /** How the times are written: TaskFinish's `+0800`, or moderation's `+08:00`. */
  timeFormat?: 'task' | 'review';
}

/** What is fixed for one run: random, so two runs never send the same JobId. */
export interface StampSession {
  /** Six hex digits: the varying half of the KVM-style node (`525400…`) in every stamped UUID. */
  node: string;
  /** Eight hex digits in every stamped x-cos-request-id. */
  requestIdPart: string;
}

export function newStampSession(random: (bytes: number) => Buffer = randomBytes): StampSession {
  return { node: random(3).toString('hex'), requestIdPart: random(4).toString('hex') };
}

/** Finds what a stamp replaces in a generated body; the JobId must be there. */
export function compileTemplate(result: GenerateResult): BodyTemplate {
  const bytes = Buffer.from(result.body, 'utf8');
  const { job } = result;
  const slots: Slot[] = [];
  const jobId = leaf(job, 'JobId');
  if (!jobId) throw new Error(`${result.variant.tag}: a body without a JobId cannot be re-stamped`);
  for (const offset of occurrences(bytes, jobId)) slots.push({ kind: 'jobId', offset: offset + 1 });

  const runId = leaf(job, 'Workflow', 'RunId');
  if (runId)
    for (const offset of occurrences(bytes, runId)) slots.push({ kind: 'runId', offset: offset + 1 });
  const cosRequestId = cosHeader(job, 'x-cos-request-id');
  if (cosRequestId) {
    for (const offset of occurrences(bytes, cosRequestId)) slots.push({ kind: 'cosRequestId', offset });
  }
  // Times are matched with their element name: StartTime and EndTime can be the same text.
  const times: BodyTemplate['times'] = {};
  for (const name of TIME_ELEMENTS) {
    const value = leaf(job, name);
    if (!value) continue;
    times[name] = { ms: parseCiTime(value), second: Number.NaN, text: '' };
    for (const prefix of [`<${name}>`, `"${name}":"`, `"${name}": "`]) {
      for (const offset of occurrences(bytes, prefix + value))
        slots.push({ kind: name, offset: offset + prefix.length });
    }
  }
  slots.sort((a, b) => a.offset - b.offset);

  const jobIdMs = uuidV1Ms(jobId.slice(1));
  const endText = leaf(job, 'EndTime') ?? leaf(job, 'CreationTime');
  return {
    tag: result.variant.tag,
    contentType: result.contentType,
    bytes,
    slots,
    endMs: endText ? parseCiTime(endText) : jobIdMs,
    times,
    jobIdMs,
    runIdMs: runId ? uuidV1Ms(runId.slice(1)) : undefined,
    cosUploadMs: cosRequestId ? cosRequestSeconds(cosRequestId) * 1000 : undefined,
    jobIdPrefix: jobId.slice(0, 1),
  };
}

/**
 * A moderation callback as a template: its JobId (also `trace_id` in Simple) and CreationTime are stamped;
 * segment times and presigned URLs stay as generated.
 */
export function compileReviewTemplate(result: ReviewGenerateResult): BodyTemplate {
  const bytes = Buffer.from(result.body, 'utf8');
  const detail = result.document['JobsDetail'] as JsonObject | undefined;
  const data = result.document['data'] as JsonObject | undefined;
  const jobId = String(detail?.['JobId'] ?? data?.['trace_id'] ?? '');
  const prefix = jobId.slice(0, 2);
  if (!/^[a-z]{2}[0-9a-f]{32}$/.test(jobId))
    throw new Error(`review:${result.variant.review}: a body without a JobId cannot be re-stamped`);
  const slots: Slot[] = occurrences(bytes, jobId).map((offset) => ({ kind: 'jobId', offset: offset + 2 }));
  const jobIdMs = uuidV1Ms(jobId.slice(2));
  const times: BodyTemplate['times'] = {};
  const created = typeof detail?.['CreationTime'] === 'string' ? detail['CreationTime'] : undefined;
  if (created) {
    times.CreationTime = { ms: Date.parse(created), second: Number.NaN, text: '' };
    const prefixText = '"CreationTime": "';
    for (const offset of occurrences(bytes, prefixText + created))
      slots.push({ kind: 'CreationTime', offset: offset + prefixText.length });
  }
  slots.sort((a, b) => a.offset - b.offset);
  return {
    tag: `review:${result.variant.review}`,
    contentType: result.contentType,
    headers: result.headers,
    bytes,
    slots,
    endMs: created ? Date.parse(created) : jobIdMs,
    times,
    jobIdMs,
    runIdMs: undefined,
    cosUploadMs: undefined,
    jobIdPrefix: prefix,
    timeFormat: 'review',
  };
}

/**
 * A copy of the template as the job numbered `sequence` (unique within the session) that ended at `sendMs`
 * (epoch ms).
 */
export function stamp(
  template: BodyTemplate,
  session: StampSession,
  sequence: number,
  sendMs: number,
): Buffer {
  const out = Buffer.from(template.bytes);
  stampInPlace(out, template, session, sequence, sendMs);
  return out;
}

/**
 * Re-stamps `body`, a copy of the template (stamped before or not): only the stamped values are written, as
 * every other byte is the template's. The body pool reuses buffers this way, so a request costs a few dozen
 * bytes of writes rather than a copy of the whole body (which, measured, cost a fifth of the closed model's rate).
 * `previousShift` is what this function returned when it last stamped this same buffer in this same session
 * (NaN, the default, for a buffer not stamped yet): what that stamp wrote and this one would write again — the
 * UUIDs' node, and the times when they move by the same shift — is then left as it is. Returns the shift.
 */
export function stampInPlace(
  body: Buffer,
  template: BodyTemplate,
  session: StampSession,
  sequence: number,
  sendMs: number,
  previousShift = Number.NaN,
): number {
  // Whole seconds, so the second-precision times move exactly as the millisecond ones inside the IDs.
  const shift = Math.round((sendMs - template.endMs) / 1000) * 1000;
  const seq = sequence % SEQUENCE_SPACE;
  const node = Number.isNaN(previousShift) ? session.node : undefined;
  const timesWritten = shift === previousShift;
  for (const slot of template.slots) {
    switch (slot.kind) {
      case 'jobId':
        // The family letter stays in place (the slot starts after it).
        writeUuidV1(body, slot.offset, template.jobIdMs + shift, seq, node);
        break;
      case 'runId':
        writeUuidV1(body, slot.offset, (template.runIdMs as number) + shift, seq, node);
        break;
      case 'cosRequestId':
        writeAscii(
          body,
          cosRequestId((template.cosUploadMs as number) + shift, seq, session.requestIdPart),
          slot.offset,
        );
        break;
      case 'CreationTime':
      case 'StartTime':
      case 'EndTime':
        if (!timesWritten) writeAscii(body, cachedTaskTime(template, slot.kind, shift), slot.offset);
        break;
    }
  }
  return shift;
}

/** Byte by byte: for these short ASCII values much cheaper than a call into Buffer#write. */
function writeAscii(out: Buffer, text: string, offset: number): void {
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
}

/**
 * 32 hex digits of a version-1 UUID at `epochMs`: the sequence fills the sub-millisecond ticks and the clock
 * sequence, so two stamps in one session never collide, whatever their times.
 */
export function uuidV1Hex(epochMs: number, sequence: number, node: string): string {
  const out = Buffer.allocUnsafe(32);
  writeUuidV1(out, 0, epochMs, sequence, node);
  return out.toString('latin1');
}

/**
 * uuidV1Hex written straight into a body: no strings in between, as it runs once per request. Without `node`
 * the node's 12 digits are left as they are (already written by an earlier stamp of the session).
 */
function writeUuidV1(
  out: Buffer,
  offset: number,
  epochMs: number,
  sequence: number,
  node: string | undefined,
): void {
  // 100-ns ticks since 1582 need 60 bits, more than a double holds exactly: work in 2^16-tick limbs.
  const ms = Math.floor(epochMs) + UUID_EPOCH_OFFSET_MS;
  const low = (ms % 0x10000) * 10_000 + (sequence % 10_000);
  const mid = Math.floor(ms / 0x10000) * 10_000 + Math.floor(low / 0x10000); // ticks >> 16, below 2^44
  const high = Math.floor(mid / 0x10000); // ticks >> 32
  writeHex(out, offset, (mid % 0x10000) * 0x10000 + (low % 0x10000), 8); // time_low
  writeHex(out, offset + 8, high & 0xffff, 4); // time_mid
  writeHex(out, offset + 12, ((high >>> 16) & 0x0fff) | 0x1000, 4); // version 1, time_high
  writeHex(out, offset + 16, 0x8000 | (Math.floor(sequence / 10_000) & 0x3fff), 4); // variant, clock_seq
  if (node === undefined) return;
  writeAscii(out, '525400', offset + 20);
  writeAscii(out, node, offset + 26);
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** `value` (below 2^32) as `digits` lowercase hex digits. */
function writeHex(out: Buffer, offset: number, value: number, digits: number): void {
  let rest = value >>> 0;
  for (let i = offset + digits - 1; i >= offset; i--) {
    out[i] = HEX_DIGITS[rest & 0xf] as number;
    rest >>>= 4;
  }
}

/** The epoch milliseconds a version-1 UUID (32 hex digits) was stamped at. */
export function uuidV1Ms(uuid: string): number {
  const ticks = BigInt(`0x${uuid.slice(13, 16)}${uuid.slice(8, 12)}${uuid.slice(0, 8)}`);
  return Number(ticks / 10_000n) - UUID_EPOCH_OFFSET_MS;
}

/** COS's x-cos-request-id: base64 of `<unix seconds hex>_<8 hex>_<4 hex>_<7 hex>`, here with the sequence. */
function cosRequestId(epochMs: number, sequence: number, part: string): string {
  const seconds = Math.floor(epochMs / 1000).toString(16);
  const seqHex = sequence.toString(16).padStart(11, '0');
  return Buffer.from(`${seconds}_${part}_${seqHex.slice(0, 4)}_${seqHex.slice(4)}`).toString('base64');
}

function cosRequestSeconds(requestId: string): number {
  return Number.parseInt(Buffer.from(requestId, 'base64').toString('latin1').split('_')[0] as string, 16);
}

/** Formatting a time is the costliest part of a stamp, and its text changes only once a second. */
function cachedTaskTime(template: BodyTemplate, kind: TimeElement, shift: number): string {
  const time = template.times[kind] as StampedTime;
  const ms = time.ms + shift;
  const second = Math.floor(ms / 1000);
  if (time.second !== second) {
    time.second = second;
    time.text = template.timeFormat === 'review' ? formatReviewTime(ms) : formatTaskTime(ms);
  }
  return time.text;
}

function leaf(job: Job, ...path: string[]): string | undefined {
  let node: JobValue | undefined = job;
  for (const name of path) {
    if (typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[name];
  }
  return typeof node === 'string' && node !== '' ? node : undefined;
}

function cosHeader(job: Job, key: string): string | undefined {
  const input = job['Input'];
  if (typeof input !== 'object' || Array.isArray(input)) return undefined;
  const headers = input['CosHeaders'];
  for (const header of Array.isArray(headers) ? headers : headers ? [headers] : []) {
    if (typeof header === 'object' && !Array.isArray(header) && header['Key'] === key) {
      const value = header['Value'];
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
}

function occurrences(haystack: Buffer, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}
