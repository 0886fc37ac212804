import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes and hours', () => {
    assert.deepEqual(
      ['250ms', '5s', '1.5s', '2m', '1h'].map((text) => parseDuration('every', text)),
      [250, 5_000, 1_500, 120_000, 3_600_000],
    );
  });

  it('names the field and the accepted form when the text is not a duration', () => {
    assert.throws(
      () => parseDuration('every', '5 seconds'),
      (error: unknown) =>
        error instanceof InputError &&
        error.field === 'every' &&
        /accepted: a number with a unit/.test(error.message),
    );
    assert.throws(() => parseDuration('every', '5'), /not a duration/);
  });

  it('enforces bounds', () => {
    assert.throws(() => parseDuration('every', '10ms', { minMs: 50 }), /out of range; accepted: 50 ms/);
  });
});
