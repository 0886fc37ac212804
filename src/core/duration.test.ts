import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationSchema, parseDuration } from './duration.ts';
import { InputError } from './errors.ts';

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes and hours', () => {
    assert.deepEqual(
      ['250ms', '5s', '1.5s', '2m', '1h', ' 30 s '].map((text) => parseDuration('every', text)),
      [250, 5_000, 1_500, 120_000, 3_600_000, 30_000],
    );
  });

  it('reads a bare number, as text or as a JSON number, as seconds', () => {
    assert.equal(parseDuration('duration', '60'), 60_000);
    assert.equal(parseDuration('duration', 0.5), 500);
  });

  it('names the field and the accepted form when the text is not a duration', () => {
    assert.throws(
      () => parseDuration('every', '5 seconds'),
      (error: unknown) =>
        error instanceof InputError &&
        error.field === 'every' &&
        /accepted: a number with a unit \(250ms, 5s, 2m, 1h\) or a bare number of seconds/.test(
          error.message,
        ),
    );
    assert.throws(() => parseDuration('every', '-5s'), /not a duration/);
  });

  it('enforces bounds and says them in the grammar', () => {
    assert.throws(() => parseDuration('every', '10ms', { minMs: 50 }), /out of range; .*at least 50ms/);
    assert.throws(() => parseDuration('d', '2h', { minMs: 1_000, maxMs: 3_600_000 }), /from 1s to 1h/);
  });
});

describe('durationSchema', () => {
  it('accepts what parseDuration accepts and keeps it as written', () => {
    const schema = durationSchema('test', { minMs: 1 });
    assert.equal(schema.parse('250ms'), '250ms');
    assert.equal(schema.parse(60), 60);
  });

  it('refuses what parseDuration refuses, with the same rule', () => {
    const result = durationSchema('test', { minMs: 1 }).safeParse('0');
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? '', /bare number of seconds \(60\), at least 1ms/);
  });
});
