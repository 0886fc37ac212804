import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadReport } from './report.ts';
import {
  evaluateThresholds,
  formatThresholdResults,
  parseThresholds,
  type ThresholdResult,
} from './thresholds.ts';

/** Only the figures thresholds read. */
function reportWith(figures: Partial<LoadReport> & { latencyMs: LoadReport['latencyMs'] }): LoadReport {
  return {
    requests: 1000,
    responses: 1000,
    failures: 2,
    errorRate: 0.002,
    achievedRate: 1950,
    ...figures,
  } as LoadReport;
}

const latency = { p50: 3, p90: 20, p99: 240, p999: 400, max: 900, mean: 8 };

describe('--fail-on thresholds', () => {
  it('parses latencies with units, error shares and counts, and rates', () => {
    const parsed = parseThresholds('p99>250ms, max>=1s,errors>0.1%,errors>5,rate<1900,p50>4');
    assert.deepEqual(
      parsed.map((t) => [t.metric, t.operator, t.value, t.unit]),
      [
        ['p99', '>', 250, 'ms'],
        ['max', '>=', 1000, 'ms'],
        ['errors', '>', 0.001, 'share'],
        ['errors', '>', 5, 'count'],
        ['rate', '<', 1900, 'rate'],
        ['p50', '>', 4, 'ms'],
      ],
    );
  });

  it('marks exactly the conditions that hold as crossed', () => {
    const report = reportWith({ latencyMs: latency });
    const results = evaluateThresholds(
      parseThresholds('p99>250ms,errors>0.1%,errors>5,rate<1900,max>=900'),
      report,
    );
    assert.deepEqual(
      results.map((r) => [r.threshold, r.actual, r.crossed]),
      [
        ['p99>250ms', 240, false],
        ['errors>0.1%', 0.002, true],
        ['errors>5', 2, false],
        ['rate<1900', 1950, false],
        ['max>=900', 900, true],
      ],
    );
  });

  it('fails latency conditions when nothing answered, rather than passing on an empty histogram', () => {
    const report = reportWith({
      responses: 0,
      latencyMs: { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 },
    });
    const [result] = evaluateThresholds(parseThresholds('p99>250ms'), report);
    assert.equal(result?.crossed, true);
    assert.match(formatThresholdResults([result as ThresholdResult]), /p99>250ms: no responses → CROSSED/);
  });

  for (const spec of ['', 'p42>1ms', 'p99=250ms', 'p99>fast', 'errors>lots', 'rate<1k']) {
    it(`rejects '${spec}' with the grammar`, () => {
      assert.throws(() => parseThresholds(spec), /accepted: comma-separated conditions METRIC OP VALUE/);
    });
  }
});
