import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { generate } from '../payloads/generate.ts';
import { tagNames } from '../payloads/registry.ts';
import { CURRENT_ENCODING, decodeBody, encodeBody } from './body-codec.ts';
import { BODY_DICTIONARY_1 } from './data/body-dictionary-1.ts';

describe('body codec', () => {
  it('gives back the very bytes it was given, for every Tag and format, and for odd text', () => {
    const bodies = tagNames().flatMap((tag) =>
      (['xml', 'json'] as const).map((format) => generate({ tag, format, seed: 3 }).body),
    );
    bodies.push('', 'é中😀\r\n\u0000', 'x'.repeat(100_000));
    for (const body of bodies) assert.equal(decodeBody(encodeBody(body)), body);
  });

  it('shrinks a callback to a fraction of its size', () => {
    const body = generate({ tag: 'SpeechRecognition', format: 'xml', seed: 11 }).body;
    const { data } = encodeBody(body);
    assert.ok(
      data.length < Buffer.byteLength(body) / 3,
      `${data.length} of ${Buffer.byteLength(body)} bytes`,
    );
  });

  it('writes new rows in deflate-d2, and still reads the deflate-d1 rows of older dbs', () => {
    assert.equal(encodeBody('<Response/>').encoding, 'deflate-d2');
    assert.equal(CURRENT_ENCODING, 'deflate-d2');
    // a row written by schema 3 (level 6, the whole 32 KiB dictionary): text from the dictionary's start, so
    // its one match reaches further back than d2's 8 KiB
    const d1 = Buffer.from(
      'w9rbTSwqAc2x2MEO7gzAfugUkVfJR+Xn59oZgfwFZqHFM+KSczQZ/DfKg5W4JWYi3UgPasCgCGBqCEgEAA==',
      'base64',
    );
    assert.equal(
      decodeBody({ data: d1, encoding: 'deflate-d1' }),
      BODY_DICTIONARY_1.subarray(0, 240).toString('utf8'),
    );
    assert.throws(() => decodeBody({ data: d1, encoding: 'deflate-d2' }), /too far back/);
  });

  it('reads rows from before compression as text', () => {
    assert.equal(decodeBody({ data: '<Response/>', encoding: null }), '<Response/>');
  });

  it('keeps the deflate-d1 dictionary byte for byte: stored rows depend on it', () => {
    assert.equal(BODY_DICTIONARY_1.length, 32_768);
    assert.equal(
      createHash('sha256').update(BODY_DICTIONARY_1).digest('hex'),
      '4f3c890e691c4410cdafec195a5c03281d92cca286bc42c41db5b5e6d9f8b996',
    );
  });
});
