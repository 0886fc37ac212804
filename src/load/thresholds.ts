/**
 * @module load/thresholds
 * `--fail-on 'p99>250ms,errors>0.1%'`: conditions on the report that make a load run fail, so its exit code can
 * gate CI. Each condition names a figure, a comparison and a value; the run fails when any condition holds.
 */

import { parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { renderJUnit } from '../core/junit.ts';
import type { LoadReport } from './report.ts';

const LATENCY_METRICS = ['p50', 'p90', 'p99', 'p999', 'max', 'mean'] as const;
export const THRESHOLD_METRICS = [...LATENCY_METRICS, 'errors', 'rate'] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];
const OPERATORS = ['>=', '<=', '>', '<'] as const;
type Operator = (typeof OPERATORS)[number];

export interface Threshold {
  /** As written, e.g. `p99>250ms`. */
  text: string;
  metric: ThresholdMetric;
  operator: Operator;
  /** Milliseconds for latencies, a share (0–1) or a count for errors, requests per second for rate. */
  value: number;
  /** `errors>5` counts requests; `errors>0.1%` is a share of them. */
  unit: 'ms' | 'share' | 'count' | 'rate';
}

export interface ThresholdResult {
  threshold: string;
  unit: Threshold['unit'];
  /** The report's figure, in the threshold's unit. */
  actual: number;
  /** True when the condition holds, i.e. the run fails. */
  crossed: boolean;
}

const GRAMMAR =
  'accepted: comma-separated conditions METRIC OP VALUE, METRIC one of p50, p90, p99, p999, max, mean (VALUE a duration: 250ms, 1.5s), errors (VALUE a share 0.1% or a count 5), rate (VALUE requests per second); OP one of >, >=, <, <=';

export function parseThresholds(spec: string): Threshold[] {
  const parts = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new InputError('failOn', `failOn '${spec}' has no condition; ${GRAMMAR}`);
  return parts.map(parseThreshold);
}

function parseThreshold(text: string): Threshold {
  const match = /^([a-z0-9]+)\s*(>=|<=|>|<)\s*(.+)$/i.exec(text);
  const metric = match?.[1]?.toLowerCase();
  if (!match || !(THRESHOLD_METRICS as readonly string[]).includes(metric as string)) {
    throw new InputError('failOn', `failOn condition '${text}' is not understood; ${GRAMMAR}`);
  }
  const operator = match[2] as Operator;
  const raw = (match[3] as string).trim();
  const m = metric as ThresholdMetric;
  const bad = () =>
    new InputError('failOn', `failOn condition '${text}' has a bad value '${raw}'; ${GRAMMAR}`);
  if (m === 'errors') {
    const share = /^(\d+(?:\.\d+)?)\s*%$/.exec(raw);
    if (share) return { text, metric: m, operator, value: Number(share[1]) / 100, unit: 'share' };
    if (/^\d+$/.test(raw)) return { text, metric: m, operator, value: Number(raw), unit: 'count' };
    throw bad();
  }
  if (m === 'rate') {
    if (!/^\d+(\.\d+)?$/.test(raw)) throw bad();
    return { text, metric: m, operator, value: Number(raw), unit: 'rate' };
  }
  // Latencies: a bare number means milliseconds here, as the report's figures are in milliseconds.
  const withUnit = /^\d+(\.\d+)?$/.test(raw) ? `${raw}ms` : raw;
  try {
    return { text, metric: m, operator, value: parseDuration('fail-on', withUnit), unit: 'ms' };
  } catch {
    throw bad();
  }
}

export function evaluateThresholds(thresholds: readonly Threshold[], report: LoadReport): ThresholdResult[] {
  return thresholds.map((threshold) => {
    // Without a single response there is no latency to check, and a receiver that never answers must not pass.
    if (threshold.unit === 'ms' && report.responses === 0) {
      return { threshold: threshold.text, unit: threshold.unit, actual: Number.NaN, crossed: true };
    }
    const actual = figure(threshold, report);
    return {
      threshold: threshold.text,
      unit: threshold.unit,
      actual,
      crossed: compare(actual, threshold.operator, threshold.value),
    };
  });
}

function figure(threshold: Threshold, report: LoadReport): number {
  switch (threshold.metric) {
    case 'errors':
      return threshold.unit === 'share' ? report.errorRate : report.failures;
    case 'rate':
      return report.achievedRate;
    default:
      return report.latencyMs[threshold.metric];
  }
}

function compare(actual: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
  }
}

export function formatThresholdResults(results: readonly ThresholdResult[]): string {
  return results
    .map((r) => `fail-on ${r.threshold}: ${shown(r)} → ${r.crossed ? 'CROSSED (the run fails)' : 'ok'}\n`)
    .join('');
}

/** JUnit XML with one test case per threshold: it fails when the threshold is crossed. */
export function thresholdsJUnit(results: readonly ThresholdResult[], report: LoadReport): string {
  return renderJUnit({
    name: `ci-callback load ${report.target}`,
    timestamp: report.startedAt,
    properties: {
      'measured.seconds': String(report.durationSeconds),
      'warmup.seconds': String(report.warmup.seconds),
      'warmup.excluded': 'true',
    },
    cases: results.map((result) => ({
      classname: 'load.fail-on',
      name: result.threshold,
      timeMs: report.durationSeconds * 1000,
      ...(result.crossed
        ? {
            failure: {
              message: `${result.threshold}: ${shown(result)} (crossed)`,
              detail: formatThresholdResults([result]),
            },
          }
        : {}),
    })),
  });
}

function shown({ actual, unit }: ThresholdResult): string {
  switch (unit) {
    case 'ms':
      return Number.isNaN(actual) ? 'no responses' : `${actual} ms`;
    case 'share':
      return `${Math.round(actual * 1e6) / 1e4}%`;
    case 'count':
      return `${actual} requests`;
    case 'rate':
      return `${actual} req/s`;
  }
}
