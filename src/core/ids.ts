/**
 * @module ids
 * CI's identifiers (catalog §1). JobIds and RunIds in published samples are time-based UUIDs (version 1, the
 * `11ec`/`11ed` in `j6842765cf84611ecb8546d80f2baf56f`) with a KVM-style node (`525400…`); QueueIds and
 * WorkflowIds are random (version 4). We make them the same way, so a JobId even encodes its CreationTime.
 */
import type { Faker } from '@faker-js/faker';
import { FAMILY_PREFIX, type Family } from './types.ts';

/** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
const UUID_EPOCH_OFFSET_MS = 12_219_292_800_000n;
const UUID_EPOCH_OFFSET_MS_NUMBER = 12_219_292_800_000;

/** The two lowercase hex digits of each byte: Number#toString(16) cost more than the draw it formats. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** `value` (0 to 0xffff) as four hex digits. */
function hex4(value: number): string {
  return (HEX_BYTES[value >>> 8] as string) + (HEX_BYTES[value & 0xff] as string);
}

/** `value` (0 to 0xffffff) as six hex digits. */
function hex6(value: number): string {
  return (HEX_BYTES[value >>> 16] as string) + hex4(value & 0xffff);
}

/** `value` (0 to 0xffffffff) as eight hex digits. */
function hex8(value: number): string {
  return hex4(value >>> 16) + hex4(value & 0xffff);
}

/** `length` random lowercase hex digits, six per draw (faker's string.hexadecimal draws once per digit). */
function hex(faker: Faker, length: number): string {
  let digits = '';
  for (let written = 0; written < length; written += 6) digits += hex6(faker.number.int(0xff_ffff));
  return digits.length === length ? digits : digits.slice(0, length);
}

/** 32 hex digits of a version-1 UUID stamped at `epochMs`. */
export function uuidV1Hex(faker: Faker, epochMs: number, node = `525400${hex(faker, 6)}`): string {
  const [timeLow, timeMid, timeHigh] = uuidTimeFields(epochMs, faker.number.int(9_999));
  const clockSeq = hex4(0x8000 | faker.number.int(0x3fff));
  return `${timeLow}${timeMid}${timeHigh}${clockSeq}${node}`;
}

const TWO_32 = 0x1_0000_0000;
/** Beyond this many ms since the UUID epoch, ticks no longer fit the split below exactly (year ~30,000). */
const MAX_SPLIT_MS = 2 ** 50;

/**
 * time_low, time_mid and time_hi_and_version of a UUID whose 60-bit timestamp counts 100-ns ticks since the UUID
 * epoch, `extraTicks` past `epochMs`. In doubles, as the high and low 32 bits (the whole tick count, above 2^53,
 * would round): a BigInt cost more than the rest of the id. Other times go through BigInt, as they always did.
 */
function uuidTimeFields(epochMs: number, extraTicks: number): [string, string, string] {
  const ms = epochMs + UUID_EPOCH_OFFSET_MS_NUMBER;
  if (!Number.isInteger(ms) || ms < 0 || ms >= MAX_SPLIT_MS) return uuidTimeFieldsBigInt(epochMs, extraTicks);
  const msHigh = Math.floor(ms / TWO_32);
  const low = (ms - msHigh * TWO_32) * 10_000 + extraTicks;
  const carry = Math.floor(low / TWO_32);
  const high = msHigh * 10_000 + carry;
  return [
    hex8(low - carry * TWO_32),
    hex4(high % 0x1_0000),
    hex4((Math.floor(high / 0x1_0000) & 0x0fff) | 0x1000),
  ];
}

function uuidTimeFieldsBigInt(epochMs: number, extraTicks: number): [string, string, string] {
  const ticks = (BigInt(epochMs) + UUID_EPOCH_OFFSET_MS) * 10_000n + BigInt(extraTicks);
  return [
    (ticks & 0xffff_ffffn).toString(16).padStart(8, '0'),
    ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0'),
    (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0'),
  ];
}

/** 32 hex digits of a random (version-4) UUID. */
export function uuidV4Hex(faker: Faker): string {
  const variant = (8 + faker.number.int(3)).toString(16);
  return `${hex(faker, 12)}4${hex(faker, 3)}${variant}${hex(faker, 15)}`;
}

export function jobId(faker: Faker, family: Family, creationMs: number): string {
  return FAMILY_PREFIX[family] + uuidV1Hex(faker, creationMs);
}

export function queueId(faker: Faker): string {
  return `p${uuidV4Hex(faker)}`;
}

/** `t1` + 32 hex: the length of real template ids. */
export function templateId(faker: Faker): string {
  return `t1${hex(faker, 32)}`;
}

export function workflowId(faker: Faker): string {
  return `w${uuidV4Hex(faker)}`;
}

export function runId(faker: Faker, startedMs: number): string {
  return `i${uuidV1Hex(faker, startedMs)}`;
}

/** COS's x-cos-request-id: base64 of `<unix seconds hex>_<8 hex>_<4 hex>_<7 hex>`. */
export function cosRequestId(faker: Faker, epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000).toString(16);
  const raw = `${seconds}_${hex(faker, 8)}_${hex(faker, 4)}_${hex(faker, 7)}`;
  return Buffer.from(raw).toString('base64');
}

/** A lowercase hex MD5-looking digest. */
export function md5(faker: Faker): string {
  return hex(faker, 32);
}

/** A COS ETag: a quoted MD5, as COS returns it. */
export function etag(faker: Faker): string {
  return `"${md5(faker)}"`;
}

export const ID_PATTERNS = {
  jobId: /^[jacds][0-9a-f]{32}$/,
  queueId: /^p[0-9a-f]{32}$/,
  templateId: /^t[0-9a-z]{32,34}$/,
  workflowId: /^w[0-9a-f]{32}$/,
  runId: /^i[0-9a-f]{32}$/,
} as const;
