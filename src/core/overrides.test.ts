import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from './errors.ts';
import { applyOverrides, parseOverride } from './overrides.ts';
import type { Job } from './types.ts';

function sample(): Job {
  return {
    EventName: 'TaskFinish',
    JobsDetail: { Input: { Object: 'a.mp4' }, Words: [{ Word: '你' }, { Word: '好' }], Message: '' },
  };
}

describe('overrides (path=value)', () => {
  it('parses a path and keeps everything after the first = as the value', () => {
    assert.deepEqual(parseOverride('JobsDetail.Input.Object=a=b.mp4'), {
      path: ['JobsDetail', 'Input', 'Object'],
      value: 'a=b.mp4',
    });
  });

  it('sets an existing field, one occurrence of a repeated one, and creates missing ones', () => {
    const response = sample();
    applyOverrides(response, [
      'JobsDetail.Input.Object=videos/a.mp4',
      'JobsDetail.Words.1.Word=们',
      'JobsDetail.Message=boom',
      'JobsDetail.Extra.Note=x',
    ]);
    assert.deepEqual(response['JobsDetail'], {
      Input: { Object: 'videos/a.mp4' },
      Words: [{ Word: '你' }, { Word: '们' }],
      Message: 'boom',
      Extra: { Note: 'x' },
    });
  });

  const rejected: [string, RegExp][] = [
    ['no-equals', /expected path=value/],
    ['=value', /expected path=value/],
    ['JobsDetail..Object=x', /not an element name or index/],
    ['JobsDetail.Input=x', /is a container, not a value: set one of its children: Object/],
    ['JobsDetail.Words.Word=x', /occurs 2 times: pick one with an index from 0 to 1/],
    ['JobsDetail.Words.5.Word=x', /occurs 2 times/],
    ['JobsDetail.Input.Object.Deeper=x', /is a value, not a container/],
  ];
  for (const [text, message] of rejected) {
    it(`rejects '${text}' with a message that says how to fix it`, () => {
      assert.throws(
        () => applyOverrides(sample(), [text]),
        (error: unknown) => error instanceof InputError && message.test(error.message),
      );
    });
  }
  it('refuses path segments that would reach the prototype chain, and leaves Object.prototype alone', () => {
    for (const text of ['__proto__.x=1', 'constructor.prototype.x=1', 'JobsDetail.__proto__.polluted=1']) {
      assert.throws(
        () => applyOverrides(sample(), [text]),
        (error: unknown) => error instanceof InputError && /is not an element name/.test(error.message),
        text,
      );
    }
    // an already parsed override (the library path) cannot get there either
    const response = sample();
    applyOverrides(response, [
      { path: ['constructor', 'prototype', 'x'], value: '1' },
      { path: ['toString', 'x'], value: '1' },
    ]);
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
    assert.equal(typeof ({} as { toString: unknown }).toString, 'function');
    assert.deepEqual(response['toString'], { x: '1' });
    assert.deepEqual(response['constructor'], { prototype: { x: '1' } });
  });
});
