/**
 * @module delivery/body-codec
 * How a delivery's body is kept in the log: deflated with a preset dictionary of callback bodies (a callback is
 * ~4 KB of XML or JSON that repeats what every callback says; with the dictionary it shrinks to ~0.7 KB, where
 * brotli alone reaches ~1 KB), with the encoding stored beside it so a replay sends the very bytes first sent.
 * Rows written before compression have no encoding and hold the text itself.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BODY_DICTIONARY_1 } from './data/body-dictionary-1.ts';

export const BODY_ENCODINGS = ['deflate-d1'] as const;
/** `deflate-d1`: raw deflate with BODY_DICTIONARY_1. */
export type BodyEncoding = (typeof BODY_ENCODINGS)[number];

export interface StoredBody {
  data: Buffer | string;
  /** `null`: the text itself (rows from before compression). */
  encoding: BodyEncoding | null;
}

/** deflate-d1's zlib options (body-compressor's worker encodes with the very same). */
export const DEFLATE_D1 = { level: 6, dictionary: BODY_DICTIONARY_1 };

export function encodeBody(body: string): StoredBody {
  return { data: deflateRawSync(body, DEFLATE_D1), encoding: 'deflate-d1' };
}

export function decodeBody({ data, encoding }: StoredBody): string {
  switch (encoding) {
    case null:
      return typeof data === 'string' ? data : data.toString('utf8');
    case 'deflate-d1':
      return inflateRawSync(data, { dictionary: BODY_DICTIONARY_1 }).toString('utf8');
  }
}
