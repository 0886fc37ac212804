/**
 * @module dashboard/pages/probes
 * Probes: run the delivery-fault battery against a receiver (through POST /probes, so the target policy, the
 * probe names and the limits are the API's) and watch its table fill as each probe ends — the table
 * `ci-callback probe` prints, one row per selected probe, with what happened and PASS/FAIL.
 */
import { Hono } from 'hono';
import { MAX_CONCURRENT_PROBE_RUNS, type ProbeRun } from '../../api/probes.ts';
import { FORMATS } from '../../core/types.ts';
import { FAULT_NAMES } from '../../faults/catalog.ts';
import { REVIEW_KINDS } from '../../moderation/types.ts';
import { type Probe, probeBattery, REVIEW_PROBES } from '../../probe/battery.ts';
import { happenedWithCanary } from '../../probe/report.ts';
import type { ProbeResult } from '../../probe/runner.ts';
import {
  Checkboxes,
  ErrorBox,
  Field,
  HeadersField,
  maskTarget,
  Select,
  StatusBadge,
  when,
} from '../components.tsx';
import { renderPage } from '../layout.tsx';
import type { DashboardDeps, DashboardEnv, DashboardPage } from '../page.ts';
import { UI } from '../paths.ts';
import { RecentRuns, runEvents } from '../runs.tsx';

const HREF = `${UI}/probes`;

/** Built once: each body fault shapes a sample callback to name its cases. */
let battery: Probe[] | undefined;
const theBattery = () => {
  battery ??= probeBattery();
  return battery;
};

/** A row's result: the verdict once the probe ended, otherwise where the run is. */
type RowState = ProbeResult['verdict'] | 'running' | 'waiting';
const RESULT_TEXT: Record<RowState, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-run': 'not run',
  running: 'running…',
  waiting: 'waiting',
};

function ProbeRow({ id, result, state }: { id: string; result: ProbeResult | undefined; state: RowState }) {
  const expects = result?.expects ?? theBattery().find((probe) => probe.id === id)?.expects ?? '';
  return (
    <tr data-probe={id}>
      <th scope="row">
        <code>{id}</code>
      </th>
      <td>{expects}</td>
      <td>
        <span class={`badge badge-${state}`}>{RESULT_TEXT[state]}</span>
      </td>
      <td>{result ? happenedWithCanary(result) : ''}</td>
    </tr>
  );
}

function rowState(run: ProbeRun, id: string, result: ProbeResult | undefined): RowState {
  if (result) return result.verdict;
  if (run.status !== 'running') return 'not-run';
  // probes run one after another, in the planned order
  return id === run.planned.find((planned) => !run.probes.some((p) => p.id === planned))
    ? 'running'
    : 'waiting';
}

function Summary({ run }: { run: ProbeRun }) {
  if (run.status === 'failed')
    return <ErrorBox problem={{ error: 'probe_run_failed', detail: run.error ?? '' }} />;
  const report = run.report;
  if (!report) {
    return (
      <p>
        {run.probes.length} of {run.planned.length} probes done; a canary (a valid callback) follows each.
      </p>
    );
  }
  const { passed, failed, notRun } = report.counts;
  return (
    <>
      {report.stoppedEarly ? <p class="warning">Stopped early: {report.stoppedEarly}</p> : null}
      <p>
        <StatusBadge status={report.passed ? 'passed' : 'failed'} /> {passed} passed, {failed} failed,{' '}
        {notRun} not run · {report.format}, seed {report.seed} (the same seed sends the same bodies)
      </p>
    </>
  );
}

/** What a run page shows; swapped in live as each probe ends. */
function RunState({ run }: { run: ProbeRun }) {
  return (
    <>
      <p>
        <StatusBadge status={run.status} /> against <code class="wrap">{maskTarget(run.target)}</code>,
        started {when(run.startedAt)}
        {run.finishedAt ? `, finished ${when(run.finishedAt)}` : ''}
      </p>
      <Summary run={run} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Probes</caption>
          <thead>
            <tr>
              <th scope="col">Probe</th>
              <th scope="col">A robust receiver answers</th>
              <th scope="col">Result</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {run.planned.map((id) => {
              const result = run.probes.find((p) => p.id === id);
              return <ProbeRow id={id} result={result} state={rowState(run, id, result)} />;
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function StartForm({ deps, sink }: { deps: DashboardDeps; sink: string }) {
  const { patterns } = deps.targetPolicy;
  return (
    <form data-api="POST /probes" data-then={`goto:${HREF}/{id}`} class="grid" aria-label="New probe run">
      <p class="span-all muted">
        {patterns.length > 0
          ? `This server probes only targets matching ${patterns.join(', ')}; `
          : 'This server probes any target; '}
        at most {MAX_CONCURRENT_PROBE_RUNS} runs at a time.
      </p>
      <Field
        label="Target URL"
        name="target"
        type="url"
        value={sink}
        required
        hint="Your receiver's callback URL; this server's /sink accepts anything, so it fails the probes that expect a 4xx"
      />
      <Checkboxes
        legend="Only these faults (none: the whole battery; review: the moderation probes)"
        name="only"
        values={[...FAULT_NAMES, REVIEW_PROBES]}
        class="span-all"
      />
      <Field
        label="Skip"
        name="skip"
        json="list"
        placeholder="large, slow-body/stalled"
        hint="Fault names or probe ids, comma-separated"
      />
      <Select label="Format" name="format" options={FORMATS} empty="default (xml)" />
      <Select
        label="Moderation callbacks"
        name="review"
        options={REVIEW_KINDS}
        empty="none: a receiver of TaskFinish"
      />
      <Field
        label="Timeout (ms)"
        name="timeoutMs"
        type="number"
        json="int"
        placeholder="10000"
        hint="How long a probe waits for an answer: 100 … 60000"
      />
      <Field
        label="Burst size"
        name="burstSize"
        type="number"
        json="int"
        placeholder="20"
        hint="Callbacks the burst probe sends at once"
      />
      <Field
        label="Seed"
        name="seed"
        type="number"
        json="int"
        hint="The first body's seed; empty is random"
      />
      <HeadersField />
      <ErrorBox />
      <div class="actions span-all">
        <button type="submit">Run probes</button>
      </div>
    </form>
  );
}

function BatteryTable() {
  return (
    <details class="prose">
      <summary>The battery: every probe and what a robust receiver answers</summary>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">The probe battery</caption>
          <thead>
            <tr>
              <th scope="col">Probe</th>
              <th scope="col">A robust receiver answers</th>
            </tr>
          </thead>
          <tbody>
            {theBattery().map((probe) => (
              <tr>
                <th scope="row">
                  <code>{probe.id}</code>
                </th>
                <td>{probe.expects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function probesRoutes(deps: DashboardDeps) {
  return new Hono<DashboardEnv>()
    .get('/', (c) => {
      return renderPage(
        c,
        { title: 'Probes', current: HREF },
        <>
          <p>
            Sends each delivery fault — a duplicate, a burst, a stalled body, malformed XML… — to a receiver,
            with a valid callback after each to check it is still standing, and shows PASS or FAIL per probe,
            as <code>ci-callback probe</code> does.
          </p>
          <StartForm deps={deps} sink={`${new URL(c.req.url).origin}/sink`} />
          <BatteryTable />
          <h2>Recent runs</h2>
          <RecentRuns
            runs={deps.probeRuns.list()}
            href={HREF}
            empty={`None yet; the latest ${deps.probeRuns.keepFinished} are kept in memory.`}
            describe={(run) => (
              <>
                {run.report
                  ? `${run.report.counts.passed}/${run.planned.length} passed`
                  : `${run.probes.length}/${run.planned.length} done`}{' '}
                → <span class="wrap">{maskTarget(run.target)}</span>
              </>
            )}
          />
        </>,
      );
    })
    .get('/:id/events', (c) =>
      runEvents(c, deps.probeRuns, (run) => <RunState run={run} />, deps.shutdownSignal),
    )
    .get('/:id', (c) => {
      const run = deps.probeRuns.get(c.req.param('id'));
      if (!run) {
        return renderPage(
          c,
          { title: 'Probe run', current: HREF, status: 404 },
          <ErrorBox
            problem={{
              error: 'not_found',
              detail: `No such probe run; the latest ${deps.probeRuns.keepFinished} are kept in memory.`,
            }}
          />,
        );
      }
      return renderPage(
        c,
        { title: 'Probe run', current: HREF },
        <>
          <section
            aria-live="polite"
            aria-label="Probe run"
            data-live={run.status === 'running' ? `${HREF}/${run.id}/events` : undefined}
            data-live-mode="replace"
          >
            <RunState run={run} />
          </section>
          <p>
            <a href={HREF}>Run the probes again</a> · the run as JSON: <code>GET /probes/{run.id}</code>
          </p>
        </>,
      );
    });
}

export const probesPage: DashboardPage = { title: 'Probes', href: HREF, routes: probesRoutes };
