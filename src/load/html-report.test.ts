import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtmlReport } from './html-report.ts';
import type { LoadReport } from './report.ts';

const second = (i: number) => ({
  second: i,
  requests: 100,
  responses: 100,
  failures: i === 1 ? 3 : 0,
  latencyMs: { p50: 2 + i, p99: 20 + i, max: 40 + i },
  completed: 99 + i,
});

const report: LoadReport = {
  model: 'open',
  target: 'http://127.0.0.1:3000/cb?token=***&x=<b>',
  startedAt: '2026-01-01T00:00:00.000Z',
  targetRate: 100,
  connections: 64,
  maxInFlight: 1000,
  durationSeconds: 3,
  warmupSeconds: 0,
  warmup: {
    seconds: 0,
    excluded: true,
    requests: 0,
    responses: 0,
    failures: 0,
    achievedRate: 0,
    latencyMs: { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 },
  },
  requests: 300,
  responses: 300,
  achievedRate: 100,
  statusCodes: { '200': 297, '500': 3 },
  errors: { connect: 0, timeout: 0, reset: 0, other: 0 },
  failures: 3,
  errorRate: 0.01,
  latencyMs: { p50: 3, p90: 10, p99: 22, p999: 42, max: 42, mean: 4 },
  sendLagMs: { p50: 0.1, p99: 1, max: 2 },
  saturation: { delayedByInFlightCap: 0, unfinished: 0, warnings: [] },
  tags: {
    SmartCover: {
      requests: 300,
      responses: 300,
      failures: 3,
      latencyMs: { p50: 3, p90: 10, p99: 22, p999: 42, max: 42, mean: 4 },
    },
  },
  timeline: [second(0), second(1), second(2)],
  bodies: { seed: 1, format: 'xml', trigger: 'direct', state: 'success', templates: 32, averageBytes: 3000 },
  aborted: false,
};

describe('HTML report', () => {
  const html = renderHtmlReport(report);

  it('is one self-contained page: nothing loaded from elsewhere', () => {
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(/i);
    // The only URL-looking text besides the target is the SVG namespace, which is a name, not a fetch.
    const urls = html.match(/https?:\/\/[^\s"'<&]+/g) ?? [];
    assert.deepEqual([...new Set(urls)].sort(), [
      'http://127.0.0.1:3000/cb?token=***',
      'http://www.w3.org/2000/svg',
    ]);
  });

  it('draws latency over time and throughput, one point per second', () => {
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.equal(charts.length, 2);
    const [latency, throughput] = charts as [string, string];
    assert.match(latency, /Latency/);
    assert.equal((latency.match(/<polyline/g) ?? []).length, 3, 'p50, p99 and max');
    assert.match(throughput, /target 100/);
    for (const line of latency.match(/points="[^"]*"/g) ?? []) assert.equal(line.split(' ').length, 3);
  });

  it('escapes what came from outside', () => {
    assert.doesNotMatch(html, /<b>/);
    assert.match(html, /&#60;b&#62;/);
  });
});
