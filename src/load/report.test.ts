import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'hdr-histogram-js';
import { summarize } from './report.ts';

describe('latency summary', () => {
  it('never reports a percentile above the largest latency seen', () => {
    // HDR keeps 131028 µs in a bucket whose top is 131071 µs; the report must not invent those 43 µs.
    const histogram = build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 });
    for (let i = 0; i < 499; i++) histogram.recordValue(900);
    histogram.recordValue(131_028);
    const summary = summarize(histogram);
    assert.equal(summary.max, 131.028);
    assert.equal(summary.p999, 131.028);
    assert.ok(summary.p50 < 1 && summary.p50 >= 0.9, `p50 ${summary.p50}`);
  });

  it('is all zeros for an empty histogram', () => {
    const summary = summarize(build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 }));
    assert.deepEqual(Object.values(summary), [0, 0, 0, 0, 0, 0]);
  });
});
