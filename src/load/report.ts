/**
 * @module load/report
 * The load run's report: a plain JSON-ready object built from the recorder (what `--json` writes and
 * `GET /load-runs/:id` returns), and its text form for the terminal.
 */

import type { Histogram } from 'hdr-histogram-js';
import type { FaultTally } from './fault-lane.ts';
import type { ErrorKind } from './http-sender.ts';
import { describeTarget, type LoadModel, type LoadPlan } from './plan.ts';
import type { Recorder } from './recorder.ts';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface TagReport {
  requests: number;
  responses: number;
  failures: number;
  latencyMs: LatencySummary;
}

export interface TimelineSecond {
  /** Seconds since the measured window began. */
  second: number;
  /** Requests due in this second, and how they ended. */
  requests: number;
  responses: number;
  failures: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Responses that arrived in this second: the throughput. */
  completed: number;
}

export interface LoadReport {
  model: LoadModel;
  /** Credentials and query values hidden. */
  target: string;
  startedAt: string;
  /** Open model: requests per second on the schedule; null in the closed model. */
  targetRate: number | null;
  connections: number;
  /** Open model: the in-flight cap; null in the closed model (in flight = connections). */
  maxInFlight: number | null;
  /** The measured window (the warm-up is not in it). */
  durationSeconds: number;
  /** The warm-up before the window (`warmup.seconds`; kept for readers of older reports). */
  warmupSeconds: number;
  /**
   * The warm-up, shown apart: its requests open the connections and warm the JIT, and are in none of the
   * other figures (counts, rates, latencies, per Tag, timeline, --fail-on).
   */
  warmup: WarmupReport;
  /** Requests due in the measured window (open model: on the schedule; closed: started). */
  requests: number;
  /** Of those, how many got an HTTP response, whatever its status. */
  responses: number;
  /** Responses that arrived in the measured window, per second of it. */
  achievedRate: number;
  /** Status code → responses. */
  statusCodes: Record<string, number>;
  /** Transport failures by kind: connect, timeout, reset, other. */
  errors: Record<ErrorKind, number>;
  /** Requests without a 2xx response: a non-2xx status or a transport error. */
  failures: number;
  /** `failures` as a share (0–1) of requests. */
  errorRate: number;
  /**
   * From when each request was due to its response. In the open model that is its place on the schedule, so
   * time spent waiting to be sent counts (no coordinated omission). Only requests that got a response.
   */
  latencyMs: LatencySummary;
  /** How late requests were written to a socket after they were due. */
  sendLagMs: { p50: number; p99: number; max: number };
  /** Whether the generator kept its schedule; `warnings` say how it did not. */
  saturation: {
    /** Open model: requests that were due while --max-in-flight requests were in flight, and waited. */
    delayedByInFlightCap: number;
    /** Requests due in the window that had not finished when the run stopped (it waits one timeout). */
    unfinished: number;
    warnings: string[];
  };
  tags: Record<string, TagReport>;
  timeline: TimelineSecond[];
  bodies: {
    seed: number;
    format: string;
    trigger: string;
    state: string;
    templates: number;
    averageBytes: number;
  };
  /** True when the run was stopped before its end (the counts cover what ran). */
  aborted: boolean;
  /** With --fault: the extra faulted requests by `fault/case` and what the receiver answered them. */
  faults?: Record<string, FaultTally>;
}

export interface WarmupReport {
  /** How long it lasted (shorter when the run was stopped during it). */
  seconds: number;
  /** Always true: said in the report itself, so no reader mistakes these figures for measured ones. */
  excluded: true;
  /** Requests due in the warm-up, and how they ended. */
  requests: number;
  responses: number;
  failures: number;
  /** Responses that arrived during the warm-up, per second of it. */
  achievedRate: number;
  latencyMs: LatencySummary;
}

export interface ReportContext {
  plan: LoadPlan;
  recorder: Recorder;
  startedAt: Date;
  delayedByInFlightCap: number;
  unfinished: number;
  /** How long the window actually lasted (shorter when aborted). */
  measuredMs: number;
  /** How long the warm-up actually lasted (shorter when aborted during it). */
  warmupMs: number;
  bodies: { templates: number; averageBytes: number };
  aborted: boolean;
  faults?: Record<string, FaultTally>;
}

/** An achieved rate more than this share above the target gets a sentence saying why. */
const ABOVE_TARGET_SHARE = 0.01;
/** Send lag above this (ms, p99) means the generator itself could not keep the schedule. */
const SEND_LAG_WARNING_MS = 10;

export function buildReport(context: ReportContext): LoadReport {
  const { plan, recorder } = context;
  const durationSeconds = round(context.measuredMs / 1000, 3);
  const open = plan.model === 'open';
  const sendLag = {
    p50: ms(recorder.sendLag, 50),
    p99: ms(recorder.sendLag, 99),
    max: maxMs(recorder.sendLag),
  };
  const warnings: string[] = [];
  if (context.delayedByInFlightCap > 0) {
    warnings.push(
      `${context.delayedByInFlightCap} requests waited because ${plan.maxInFlight} were already in flight (--max-in-flight); their latency includes the wait`,
    );
  }
  if (context.unfinished > 0) {
    warnings.push(
      context.aborted
        ? `${context.unfinished} requests due before the stop had not been answered; requests due after it were never sent`
        : `${context.unfinished} requests due in the window had not finished when the run stopped`,
    );
  }
  const achievedRate = durationSeconds > 0 ? round(recorder.completedInWindow / durationSeconds, 1) : 0;
  if (open && achievedRate > (plan.rate as number) * (1 + ABOVE_TARGET_SHARE)) {
    warnings.push(
      `achieved ${achievedRate} req/s is above the target ${plan.rate}: the achieved rate counts responses that arrived in the window, and answers to requests due earlier (in the warm-up, or held up while the receiver was slow to start) arrived in it too; the schedule itself never sends faster than the target`,
    );
  }
  if (open && sendLag.p99 > SEND_LAG_WARNING_MS) {
    warnings.push(
      `requests went out late (p99 send lag ${sendLag.p99} ms): the generator or its ${plan.connections} connections could not keep the rate; latencies include the lag`,
    );
  }
  return {
    model: plan.model,
    target: describeTarget(plan.target),
    startedAt: context.startedAt.toISOString(),
    targetRate: open ? (plan.rate as number) : null,
    connections: plan.connections,
    maxInFlight: open ? plan.maxInFlight : null,
    durationSeconds,
    warmupSeconds: plan.warmupMs / 1000,
    warmup: warmupReport(recorder, context.warmupMs),
    requests: recorder.total.requests,
    responses: recorder.total.responses,
    achievedRate,
    statusCodes: Object.fromEntries([...recorder.statusCodes].sort(([a], [b]) => a - b)),
    errors: { ...recorder.errors },
    failures: recorder.total.failures,
    errorRate: recorder.total.requests > 0 ? round(recorder.total.failures / recorder.total.requests, 6) : 0,
    latencyMs: summarize(recorder.total.latency),
    sendLagMs: sendLag,
    saturation: {
      delayedByInFlightCap: context.delayedByInFlightCap,
      unfinished: context.unfinished,
      warnings,
    },
    tags: Object.fromEntries(
      [...recorder.byTag].map(([tag, tally]) => [
        tag,
        {
          requests: tally.requests,
          responses: tally.responses,
          failures: tally.failures,
          latencyMs: summarize(tally.latency),
        },
      ]),
    ),
    timeline: recorder.timeline.map((second, index) => ({
      second: index,
      requests: second.requests,
      responses: second.responses,
      failures: second.failures,
      latencyMs: { p50: ms(second.latency, 50), p99: ms(second.latency, 99), max: maxMs(second.latency) },
      completed: second.completed,
    })),
    bodies: {
      seed: plan.seed,
      format: plan.format,
      trigger: plan.trigger,
      state: plan.state,
      templates: context.bodies.templates,
      averageBytes: context.bodies.averageBytes,
    },
    aborted: context.aborted,
    ...(context.faults ? { faults: context.faults } : {}),
  };
}

function warmupReport(recorder: Recorder, warmupMs: number): WarmupReport {
  const seconds = round(warmupMs / 1000, 3);
  const tally = recorder.warmup;
  return {
    seconds,
    excluded: true,
    requests: tally.requests,
    responses: tally.responses,
    failures: tally.failures,
    achievedRate: seconds > 0 ? round(recorder.completedInWarmup / seconds, 1) : 0,
    latencyMs: summarize(tally.latency),
  };
}

export function summarize(histogram: Histogram): LatencySummary {
  return {
    p50: ms(histogram, 50),
    p90: ms(histogram, 90),
    p99: ms(histogram, 99),
    p999: ms(histogram, 99.9),
    max: maxMs(histogram),
    mean: histogram.totalCount > 0 ? round(histogram.mean / 1000, 3) : 0,
  };
}

/**
 * A percentile in milliseconds (the histograms hold microseconds); 0 for an empty histogram. HDR reports the top
 * of the value's bucket, which can lie above the largest value seen: capped at the max, so p99.9 ≤ max.
 */
function ms(histogram: Histogram, percentile: number): number {
  if (histogram.totalCount === 0) return 0;
  return round(Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue) / 1000, 3);
}

function maxMs(histogram: Histogram): number {
  return histogram.totalCount > 0 ? round(histogram.maxValue / 1000, 3) : 0;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The report for a terminal: the headline figures, then per Tag; the timeline is left to --json and --html. */
export function formatReport(report: LoadReport): string {
  const lines: string[] = [];
  const model =
    report.model === 'open'
      ? `open model, ${report.targetRate} req/s on schedule, up to ${report.maxInFlight} in flight over ${report.connections} connections`
      : `closed model, ${report.connections} in flight`;
  lines.push(`target        ${report.target} (${model})`);
  lines.push(
    `duration      ${report.durationSeconds} s measured${report.warmup.seconds > 0 ? ` after ${report.warmup.seconds} s of warm-up` : ''}${report.aborted ? ' (stopped early)' : ''}`,
  );
  lines.push(`warm-up       ${describeWarmup(report.warmup)}`);
  lines.push(
    `requests      ${report.requests} sent, ${report.responses} answered; achieved ${report.achievedRate} req/s${report.targetRate === null ? '' : ` of ${report.targetRate}`}`,
  );
  const codes = Object.entries(report.statusCodes).map(([code, n]) => `${code}: ${n}`);
  lines.push(`status codes  ${codes.length > 0 ? codes.join(', ') : '—'}`);
  const errors = Object.entries(report.errors).filter(([, n]) => n > 0);
  lines.push(
    `errors        ${errors.length > 0 ? errors.map(([kind, n]) => `${kind}: ${n}`).join(', ') : 'none'}; ${percent(report.errorRate)} of requests without a 2xx`,
  );
  const l = report.latencyMs;
  lines.push(
    `latency ms    p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  p99.9 ${l.p999}  max ${l.max}  mean ${l.mean}${report.model === 'open' ? '  (from each request’s scheduled start)' : ''}`,
  );
  if (report.model === 'open') {
    const s = report.sendLagMs;
    lines.push(`send lag ms   p50 ${s.p50}  p99 ${s.p99}  max ${s.max}`);
  }
  lines.push('per Tag');
  const width = Math.max(3, ...Object.keys(report.tags).map((tag) => tag.length));
  for (const [tag, t] of Object.entries(report.tags)) {
    lines.push(
      `  ${tag.padEnd(width)}  ${String(t.requests).padStart(7)} req  ${percent(t.requests > 0 ? t.failures / t.requests : 0).padStart(7)} failed  p50 ${t.latencyMs.p50}  p99 ${t.latencyMs.p99}  max ${t.latencyMs.max} ms`,
    );
  }
  if (report.faults) {
    lines.push('faults (extra requests, not in the figures above)');
    for (const [fault, t] of Object.entries(report.faults)) {
      const cancelled = t.cancelled > 0 ? `, ${t.cancelled} not sent (the run ended first)` : '';
      lines.push(
        `  ${fault}: ${t.sent} sent: ${t.answered2xx} 2xx, ${t.answered4xx} 4xx, ${t.answered5xx} 5xx, ${t.noAnswer} no answer${cancelled}`,
      );
    }
  }
  for (const warning of report.saturation.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** The warm-up's figures, said to be in none of the other figures (text report and HTML page). */
export function describeWarmup(w: WarmupReport): string {
  if (w.seconds === 0) return 'none: start-up (connections, JIT) is inside the measured window';
  return `${w.seconds} s, excluded from every other figure: ${w.requests} requests, ${w.responses} answered, ${w.failures} without a 2xx; ${w.achievedRate} req/s; latency ms p50 ${w.latencyMs.p50}, p99 ${w.latencyMs.p99}, max ${w.latencyMs.max}`;
}

function percent(share: number): string {
  return `${round(share * 100, 3)}%`;
}
