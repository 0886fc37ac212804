import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BackgroundRun, createRunBook } from './run-book.ts';

interface TestRun extends BackgroundRun {
  result: number | null;
}

const newRun = (id: string): TestRun => ({
  id,
  status: 'running',
  finishedAt: null,
  error: null,
  result: null,
});

/** A promise the test settles by hand. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('run book', () => {
  it('settles a run done with its result, or failed with the error, and tells subscribers each time', async () => {
    const book = createRunBook<TestRun>(5);
    const seen: string[] = [];
    book.subscribe((run) => seen.push(`${run.id}:${run.status}`));
    const ok = pending<number>();
    const bad = pending<number>();
    const a = book.track(newRun('a'), ok.promise, (value, run) => {
      run.result = value;
    });
    book.track(newRun('b'), bad.promise, () => assert.fail('a failed run is not done'));
    assert.deepEqual(
      book.running().map((run) => run.id),
      ['a', 'b'],
    );
    book.changed(a);
    ok.resolve(7);
    bad.reject(new Error('receiver gone'));
    await Promise.allSettled([ok.promise, bad.promise]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, ['a:running', 'a:done', 'b:failed']);
    assert.equal(book.get('a')?.result, 7);
    assert.ok(book.get('a')?.finishedAt);
    assert.equal(book.get('b')?.error, 'receiver gone');
    assert.deepEqual(book.running(), []);
  });

  it('keeps the latest finished runs and never forgets one still running', async () => {
    const book = createRunBook<TestRun>(2);
    const long = pending<number>();
    book.track(newRun('still-running'), long.promise, () => {});
    for (const id of ['1', '2', '3']) {
      book.track(newRun(id), Promise.resolve(0), () => {});
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(
      book.list().map((run) => run.id),
      ['3', '2', 'still-running'],
    );
    long.resolve(0);
  });
});
