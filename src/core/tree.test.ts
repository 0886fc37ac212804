import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodesAt, normalize } from './tree.ts';

describe('nodesAt', () => {
  it('leaves out empty placeholders', () => {
    const job = normalize({ Stream: { Audio: [{ Index: 1 }, '', { Index: 2 }], Video: '' } });
    assert.deepEqual(
      nodesAt(job, 'Stream.Audio').map((node) => node['Index']),
      ['1', '2'],
    );
    assert.deepEqual(nodesAt(job, 'Stream.Video'), []);
  });
});
