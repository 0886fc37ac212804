import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSinkLog } from './sink-log.ts';

describe('sink log', () => {
  it('keeps only the latest callbacks, newest first, while counting all', () => {
    const sink = createSinkLog({ capacity: 3 });
    for (let i = 1; i <= 5; i++)
      sink.record({ contentType: 'application/xml', attempt: '1', body: `<n>${i}</n>` });
    assert.equal(sink.total, 5);
    assert.deepEqual(
      sink.list().map((entry) => [entry.id, entry.body]),
      [
        [5, '<n>5</n>'],
        [4, '<n>4</n>'],
        [3, '<n>3</n>'],
      ],
    );
    assert.deepEqual(
      sink.list(1).map((entry) => entry.id),
      [5],
    );
  });

  it('cuts long bodies and says so, keeping the real size', () => {
    const sink = createSinkLog({ maxBodyChars: 4 });
    const entry = sink.record({ contentType: null, attempt: null, body: '数据万象' + 'x' });
    assert.deepEqual([entry.body, entry.truncated, entry.size], ['数据万象', true, 13]);
  });

  it('tells subscribers about every callback it records', () => {
    const sink = createSinkLog({ capacity: 1 });
    const seen: number[] = [];
    const unsubscribe = sink.subscribe((entry) => seen.push(entry.id));
    sink.record({ contentType: null, attempt: null, body: 'a' });
    sink.record({ contentType: null, attempt: null, body: 'b' });
    unsubscribe();
    sink.record({ contentType: null, attempt: null, body: 'c' });
    assert.deepEqual(seen, [1, 2]);
  });
});
