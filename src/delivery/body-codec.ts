/**
 * @module delivery/body-codec
 * How a delivery's body is kept in the log: deflated with a preset dictionary of callback bodies (a callback is
 * ~4 KB of XML or JSON that repeats what every callback says; with the dictionary it shrinks to ~0.7 KB, where
 * brotli alone reaches ~1 KB), with the encoding stored beside it so a replay sends the very bytes first sent.
 * Rows written before compression have no encoding and hold the text itself.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BODY_DICTIONARY_1 } from './data/body-dictionary-1.ts';

export const BODY_ENCODINGS = ['deflate-d1', 'deflate-d2'] as const;
/**
 * `deflate-d1`: raw deflate with BODY_DICTIONARY_1 (rows from schema 1 to 3). `deflate-d2`: raw deflate with its
 * last 8 KiB (what new rows are written in).
 */
export type BodyEncoding = (typeof BODY_ENCODINGS)[number];

export interface StoredBody {
  data: Buffer | string;
  /** `null`: the text itself (rows from before compression). */
  encoding: BodyEncoding | null;
}

/**
 * The dictionary of `deflate-d2`: the end of dictionary 1, where its most common strings are. zlib hashes a whole
 * preset dictionary for every body it deflates, so 8 KiB instead of 32 costs a body about 40 µs less; at level 3
 * instead of 6 another 10. A body comes out ~11% larger (684 bytes against 614, on average over every Tag and
 * format): half the CPU for 70 bytes, since the log's worker competes with the server and the receiver for cores.
 */
const BODY_DICTIONARY_2 = Buffer.from(BODY_DICTIONARY_1.subarray(BODY_DICTIONARY_1.length - 8_192));

/** The zlib options of each encoding (body-compressor's worker encodes with the very same). */
export const DEFLATE_OPTIONS = {
  'deflate-d1': { level: 6, dictionary: BODY_DICTIONARY_1 },
  'deflate-d2': { level: 3, dictionary: BODY_DICTIONARY_2 },
} as const satisfies Record<BodyEncoding, { level: number; dictionary: Buffer }>;

/** What new rows are written in. */
export const CURRENT_ENCODING = 'deflate-d2' satisfies BodyEncoding;

export function encodeBody(body: string): StoredBody {
  return { data: deflateRawSync(body, DEFLATE_OPTIONS[CURRENT_ENCODING]), encoding: CURRENT_ENCODING };
}

/** Encoded bodies packed one after another in one buffer, to move (not copy) to another thread. */
export function packBodies(bodies: readonly Buffer[]): { bytes: ArrayBuffer; lengths: number[] } {
  const packed = Buffer.allocUnsafeSlow(bodies.reduce((sum, data) => sum + data.length, 0));
  let at = 0;
  for (const data of bodies) at += data.copy(packed, at);
  return { bytes: packed.buffer, lengths: bodies.map((data) => data.length) };
}

/**
 * Bodies in the current encoding that a worker sent packed one after another in `bytes` (packBodies; moved, not
 * copied), as views of it.
 */
export function unpackBodies(bytes: ArrayBuffer, lengths: readonly number[]): StoredBody[] {
  let offset = 0;
  return lengths.map((length) => {
    const data = Buffer.from(bytes, offset, length);
    offset += length;
    return { data, encoding: CURRENT_ENCODING };
  });
}

export function decodeBody({ data, encoding }: StoredBody): string {
  if (encoding === null) return typeof data === 'string' ? data : data.toString('utf8');
  const { dictionary } = DEFLATE_OPTIONS[encoding];
  return inflateRawSync(data, { dictionary }).toString('utf8');
}
