import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeBody } from './body-codec.ts';
import { compressBody } from './body-compressor.ts';

describe('body compressor', () => {
  it('gives each body of a large batch its own bytes, in order, the same as encoding on this thread', async () => {
    // 25 bodies asked for in one turn: more than one message to the worker and back
    const bodies = Array.from(
      { length: 25 },
      (_, i) => `<Response><JobId>j${i}</JobId>${'é'.repeat(i)}</Response>`,
    );
    const stored = await Promise.all(bodies.map((body) => compressBody(body)));
    assert.deepEqual(
      stored.map((s) => [s.encoding, Buffer.from(s.data).toString('hex')]),
      bodies.map((body) => {
        const here = encodeBody(body);
        return [here.encoding, Buffer.from(here.data).toString('hex')];
      }),
    );
  });
});
