import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RETRY_POLICY } from './retry.ts';
import { formatRetrySchedule, parseRetrySchedule, retrySchema } from './retry-schedule.ts';

describe('the retry schedule grammar (serve --retry, send --retry, retry in the API)', () => {
  it('reads the wait before each attempt, from 0, in the duration grammar', () => {
    assert.deepEqual(parseRetrySchedule('retry', '0,1s,5s,25s'), DEFAULT_RETRY_POLICY);
    assert.deepEqual(
      parseRetrySchedule('retry', ' 0 , 250ms, 1.5s ,2m,1h').delaysMs,
      [250, 1_500, 120_000, 3_600_000],
    );
    assert.deepEqual(parseRetrySchedule('retry', '0,2').delaysMs, [2_000], 'a bare number is seconds');
  });

  it('takes none, and a lone 0, as a single attempt', () => {
    for (const text of ['none', 'NONE', '0', '0ms'])
      assert.deepEqual(parseRetrySchedule('retry', text).delaysMs, [], text);
  });

  it('writes a policy back in the same grammar', () => {
    for (const text of ['0,1s,5s,25s', 'none', '0,250ms,2s'])
      assert.equal(formatRetrySchedule(parseRetrySchedule('retry', text)), text);
  });

  it('refuses what it cannot send, stating the limits: 20 attempts, waits up to 1h, a first attempt at once', () => {
    const cases: [string, RegExp][] = [
      ['1s,5s', /--retry '1s,5s' starts with 1s, but the first attempt goes at once: start with 0/],
      ['0,2h', /'2h' is not a wait of 0 to 1h/],
      ['0,soon', /'soon' is not a wait of 0 to 1h/],
      ['0,,1s', /'' is not a wait/],
      ['', /'' is not a wait/],
      ['0,-1s', /'-1s' is not a wait/],
      [Array(21).fill('0').join(','), /has 21 attempts; accepted: at most 20/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseRetrySchedule('--retry', text), message, text);
      assert.throws(
        () => parseRetrySchedule('--retry', text),
        /accepted: .*"0,1s,5s,25s".*at most 20 attempts/,
        text,
      );
    }
    assert.equal(parseRetrySchedule('retry', Array(20).fill('0').join(',')).delaysMs.length, 19);
  });

  it('is the schema of the API field, with the same words', () => {
    assert.equal(retrySchema.safeParse('0,1s').success, true);
    const refused = retrySchema.safeParse('5s');
    assert.equal(refused.success, false);
    assert.match(refused.error?.issues[0]?.message ?? '', /must be a retry schedule: '5s' starts with 5s/);
  });
});
