/**
 * @module dashboard/pages/load-runs
 * Load runs: start one within the owner's limits (through POST /load-runs, so the limits and messages are the
 * API's), follow its progress live, and read its report with the same latency and throughput charts as the
 * HTML report.
 */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { LoadRun } from '../../api/load-runs.ts';
import { latencyChart, throughputChart } from '../../load/html-report.ts';
import { FORMAT_CHOICES, STATE_CHOICES, TRIGGER_CHOICES } from '../../load/run-request.ts';
import { ErrorBox, Field, ms, Select, StatusBadge, when } from '../components.tsx';
import { renderPage } from '../layout.tsx';
import type { DashboardDeps, DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';
import { RecentRuns, runEvents } from '../runs.tsx';

const HREF = `${UI}/load-runs`;

function Progress({ run }: { run: LoadRun }) {
  const p = run.progress;
  if (run.status !== 'running') return null;
  const elapsed = p ? p.elapsedMs / 1000 : 0;
  const latency = (value: number) => (Number.isNaN(value) ? '–' : ms(value));
  return (
    <div class="progress-box">
      <progress
        max={run.expectedSeconds}
        value={Math.min(elapsed, run.expectedSeconds)}
        aria-label="Run progress"
      >
        {Math.round(elapsed)} s
      </progress>
      <p>
        {p
          ? `${elapsed.toFixed(1)} s of ${run.expectedSeconds} s (${p.phase}) · ${Math.round(p.rate)} req/s · in flight ${p.inFlight} · p50 ${latency(p.p50Ms)} · p99 ${latency(p.p99Ms)} · errors ${p.failed}/${p.finished}`
          : 'Starting: preparing the bodies…'}
      </p>
    </div>
  );
}

function Report({ run }: { run: LoadRun }) {
  if (run.status === 'failed')
    return <ErrorBox problem={{ error: 'load_run_failed', detail: run.error ?? '' }} />;
  const r = run.report;
  if (!r) return null;
  const l = r.latencyMs;
  const rows: [string, string][] = [
    ['Model', r.model === 'open' ? `open, ${r.targetRate} req/s` : `closed, ${r.connections} in flight`],
    [
      'Duration',
      `${r.durationSeconds} s (warm-up ${r.warmupSeconds} s)${r.aborted ? ', stopped early' : ''}`,
    ],
    ['Requests', `${r.requests} sent, ${r.responses} answered`],
    ['Achieved rate', `${r.achievedRate} req/s`],
    ['Latency (ms)', `p50 ${l.p50} · p90 ${l.p90} · p99 ${l.p99} · p99.9 ${l.p999} · max ${l.max}`],
    ['Errors', `${r.failures} without a 2xx (${Math.round(r.errorRate * 1e6) / 1e4}%)`],
  ];
  return (
    <>
      {r.saturation.warnings.map((w) => (
        <p class="warning">{w}</p>
      ))}
      {run.thresholds ? (
        <p>
          Thresholds: <StatusBadge status={run.passed ? 'passed' : 'crossed'} />
        </p>
      ) : null}
      <dl class="facts">
        {rows.map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <figure class="chart" data-chart="latency">
        {raw(latencyChart(r))}
        <figcaption>Latency over time</figcaption>
      </figure>
      <figure class="chart" data-chart="throughput">
        {raw(throughputChart(r))}
        <figcaption>Throughput</figcaption>
      </figure>
    </>
  );
}

/** What a run page shows below its facts; swapped in live as the run goes. */
function RunState({ run }: { run: LoadRun }) {
  return (
    <>
      <p>
        <StatusBadge status={run.status} /> against <code>{run.target}</code>, started {when(run.startedAt)}
        {run.finishedAt ? `, finished ${when(run.finishedAt)}` : ''}
      </p>
      <Progress run={run} />
      <Report run={run} />
    </>
  );
}

function StartForm({ deps, sink }: { deps: DashboardDeps; sink: string }) {
  const { limits } = deps.loadRuns;
  return (
    <form data-api="POST /load-runs" data-then={`goto:${HREF}/{id}`} class="grid" aria-label="New load run">
      <p class="span-all muted">
        This server allows runs up to {limits.maxDurationSeconds} s, {limits.maxRate} req/s and{' '}
        {limits.maxConnections} connections, {limits.maxConcurrentRuns} at a time.
      </p>
      <Field label="Target URL" name="target" type="url" value={sink} required />
      <Field
        label="Rate (req/s)"
        name="rate"
        type="number"
        json="number"
        value="20"
        hint="Open model; empty for the closed model"
      />
      <Field
        label="Connections"
        name="connections"
        type="number"
        json="int"
        hint="Closed model: this many in flight"
      />
      <Field label="Duration" name="duration" value="5s" hint="e.g. 5s, 1m" />
      <Field label="Warm-up" name="warmup" placeholder="0s" />
      <Field label="Tags" name="tags" placeholder="all" hint='"all" or Tag:weight,Tag' />
      <Select label="Format" name="format" options={FORMAT_CHOICES} empty="default" />
      <Select label="Trigger" name="trigger" options={TRIGGER_CHOICES} empty="default" />
      <Select label="State" name="state" options={STATE_CHOICES} empty="default" />
      <Field label="Fail on" name="failOn" placeholder="p99>250ms,errors>0.1%" />
      <ErrorBox />
      <div class="actions span-all">
        <button type="submit">Start load run</button>
      </div>
    </form>
  );
}

function loadRunsRoutes(deps: DashboardDeps) {
  return new Hono<DashboardEnv>()
    .get('/', (c) => {
      return renderPage(
        c,
        { title: 'Load runs', current: HREF },
        <>
          <StartForm deps={deps} sink={`${new URL(c.req.url).origin}/sink`} />
          <h2>Recent runs</h2>
          <RecentRuns
            runs={deps.loadRuns.list()}
            href={HREF}
            empty="None yet; runs are kept in memory until the server stops."
            describe={(run) => `${run.model} → ${run.target}`}
          />
        </>,
      );
    })
    .get('/:id/events', (c) =>
      runEvents(c, deps.loadRuns, (run) => <RunState run={run} />, deps.shutdownSignal),
    )
    .get('/:id', (c) => {
      const run = deps.loadRuns.get(c.req.param('id'));
      if (!run) {
        return renderPage(
          c,
          { title: 'Load run', current: HREF, status: 404 },
          <ErrorBox
            problem={{ error: 'not_found', detail: 'No such load run; the latest ones are kept in memory.' }}
          />,
        );
      }
      return renderPage(
        c,
        { title: 'Load run', current: HREF },
        <section
          aria-live="polite"
          data-live={run.status === 'running' ? `${HREF}/${run.id}/events` : undefined}
          data-live-mode="replace"
        >
          <RunState run={run} />
        </section>,
      );
    });
}

export const loadRunsPage: DashboardPage = { title: 'Load runs', href: HREF, routes: loadRunsRoutes };
