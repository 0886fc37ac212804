/**
 * @module load/html-report
 * `--html FILE`: the report as one self-contained page (inline CSS and SVG, nothing fetched), with the two
 * charts a person reads a load run by: latency over time and throughput over time.
 */
import { describeWarmup, type LoadReport } from './report.ts';

interface Series {
  name: string;
  color: string;
  values: readonly number[];
}

interface ChartOptions {
  title: string;
  unit: string;
  series: readonly Series[];
  /** A dashed horizontal line, e.g. the target rate. */
  reference?: { label: string; value: number };
}

const WIDTH = 760;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 36, left: 64 };

/** Latency per second (p50, p99, max) as inline SVG; the dashboard shows it too. */
export function latencyChart(report: LoadReport): string {
  const seconds = report.timeline;
  return lineChart({
    title: 'Latency per second (by when requests were due)',
    unit: 'ms',
    series: [
      { name: 'p50', color: '#2b7bb9', values: seconds.map((s) => s.latencyMs.p50) },
      { name: 'p99', color: '#d9822b', values: seconds.map((s) => s.latencyMs.p99) },
      { name: 'max', color: '#c23030', values: seconds.map((s) => s.latencyMs.max) },
    ],
  });
}

/** Responses and failures per second, with the target rate, as inline SVG; the dashboard shows it too. */
export function throughputChart(report: LoadReport): string {
  const seconds = report.timeline;
  return lineChart({
    title: 'Throughput: responses arriving per second',
    unit: 'req/s',
    series: [
      { name: 'responses/s', color: '#0f9960', values: seconds.map((s) => s.completed) },
      { name: 'failures/s', color: '#c23030', values: seconds.map((s) => s.failures) },
    ],
    ...(report.targetRate === null ? {} : { reference: { label: 'target', value: report.targetRate } }),
  });
}

export function renderHtmlReport(report: LoadReport): string {
  const latency = latencyChart(report);
  const throughput = throughputChart(report);
  const l = report.latencyMs;
  const rows: [string, string][] = [
    [
      'Model',
      report.model === 'open'
        ? `open, ${report.targetRate} req/s`
        : `closed, ${report.connections} in flight`,
    ],
    ['Duration', `${report.durationSeconds} s measured${report.aborted ? ', stopped early' : ''}`],
    ['Warm-up', describeWarmup(report.warmup)],
    ['Requests', `${report.requests} sent, ${report.responses} answered`],
    ['Achieved rate', `${report.achievedRate} req/s`],
    ['Latency (ms)', `p50 ${l.p50} · p90 ${l.p90} · p99 ${l.p99} · p99.9 ${l.p999} · max ${l.max}`],
    [
      'Send lag (ms)',
      `p50 ${report.sendLagMs.p50} · p99 ${report.sendLagMs.p99} · max ${report.sendLagMs.max}`,
    ],
    ['Status codes', entries(report.statusCodes)],
    ['Errors', `${entries(report.errors)}; ${Math.round(report.errorRate * 1e6) / 1e4}% without a 2xx`],
    [
      'Bodies',
      `${report.bodies.format}, ${report.bodies.trigger}, ${report.bodies.state}; seed ${report.bodies.seed}`,
    ],
  ];
  const tagRows = Object.entries(report.tags)
    .map(
      ([tag, t]) =>
        `<tr><td>${escapeHtml(tag)}</td><td>${t.requests}</td><td>${t.failures}</td><td>${t.latencyMs.p50}</td><td>${t.latencyMs.p99}</td><td>${t.latencyMs.max}</td></tr>`,
    )
    .join('\n');
  const warnings = report.saturation.warnings
    .map((w) => `<p class="warning">${escapeHtml(w)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Load run against ${escapeHtml(report.target)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 800px; color: #1c2127; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 2rem; }
table { border-collapse: collapse; } td, th { padding: 2px 12px 2px 0; text-align: left; vertical-align: top; }
th { font-weight: 600; } .warning { color: #a1410b; }
/* A legend entry's inline fill (its series colour) wins over this default. */
svg text { font: 11px system-ui, sans-serif; fill: #404854; }
</style>
</head>
<body>
<h1>Load run against ${escapeHtml(report.target)}</h1>
<p>Started ${escapeHtml(report.startedAt)}</p>
${warnings}
<table>
${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}
</table>
<h2>Latency over time</h2>
${latency}
<h2>Throughput</h2>
${throughput}
<h2>Per Tag</h2>
<table>
<tr><th>Tag</th><th>requests</th><th>failures</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>
${tagRows}
</table>
</body>
</html>
`;
}

function entries(record: Record<string, number>): string {
  const shown = Object.entries(record).filter(([, n]) => n > 0);
  return shown.length > 0 ? shown.map(([k, n]) => `${k}: ${n}`).join(', ') : 'none';
}

/** A line chart over the run's seconds, as inline SVG. */
function lineChart(options: ChartOptions): string {
  const length = Math.max(1, ...options.series.map((s) => s.values.length));
  const top = niceCeiling(
    Math.max(options.reference?.value ?? 0, ...options.series.flatMap((s) => s.values)),
  );
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (length === 1 ? plotW / 2 : (i / (length - 1)) * plotW);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const value = (top / 4) * i;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(value))}" y2="${fixed(y(value))}" stroke="#e5e8eb"/>`,
      `<text x="${MARGIN.left - 6}" y="${fixed(y(value) + 4)}" text-anchor="end">${formatTick(value)}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(length / 10));
  for (let i = 0; i < length; i += step) {
    parts.push(
      `<text x="${fixed(x(i))}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${i}s</text>`,
    );
  }
  if (options.reference) {
    const ry = fixed(y(options.reference.value));
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ry}" y2="${ry}" stroke="#5f6b7c" stroke-dasharray="6 4"/>`,
      `<text x="${WIDTH - MARGIN.right}" y="${fixed(Number(ry) - 4)}" text-anchor="end">${escapeHtml(options.reference.label)} ${formatTick(options.reference.value)}</text>`,
    );
  }
  options.series.forEach((series, index) => {
    const points = series.values.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`).join(' ');
    parts.push(
      `<polyline fill="none" stroke="${series.color}" stroke-width="1.8" points="${points}"><title>${escapeHtml(series.name)}</title></polyline>`,
      `<text x="${MARGIN.left + 8 + index * 110}" y="${HEIGHT - 6}" style="fill:${series.color}">■ ${escapeHtml(series.name)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(options.title)}">
<title>${escapeHtml(options.title)} (${escapeHtml(options.unit)})</title>
<text x="${MARGIN.left}" y="11">${escapeHtml(options.unit)}</text>
${parts.join('\n')}
</svg>`;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the axis ends on a round number. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (value <= factor * magnitude) return factor * magnitude;
  return 10 * magnitude;
}

function formatTick(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 100) / 100);
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
