/**
 * @module probe/report
 * A probe run as people and CI read it: a table (probe, expectation, what happened, PASS/FAIL and why) and
 * JUnit XML with one test case per probe.
 */
import { type JUnitCase, renderJUnit } from '../core/junit.ts';
import type { ProbeReport, ProbeResult } from './runner.ts';

const VERDICT = { pass: 'PASS', fail: 'FAIL', 'not-run': '-' } as const;

/** What happened, with the canary's answer after it: the table's column (here and on the dashboard). */
export function happenedWithCanary(result: ProbeResult): string {
  if (result.verdict === 'not-run' || !result.canary) return result.happened;
  return result.canary.accepted ? `${result.happened}; canary ${result.canary.status}` : result.happened;
}

export function formatProbeTable(report: ProbeReport): string {
  const rows = report.probes.map((r) => [r.id, r.expects, happenedWithCanary(r), VERDICT[r.verdict]]);
  const header = ['probe', 'expects', 'what happened', 'result'];
  const widths = [0, 1].map((column) =>
    Math.max(header[column]?.length ?? 0, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (row: string[]) =>
    `${(row[0] as string).padEnd(widths[0] as number)}  ${(row[1] as string).padEnd(widths[1] as number)}  ${(row[3] as string).padEnd(6)}  ${row[2]}`;
  const out = [
    `probing ${report.target} (${report.format}, seed ${report.seed})`,
    line([header[0], header[1], header[2], header[3]] as string[]),
    ...rows.map(line),
  ];
  if (report.stoppedEarly) out.push(`STOPPED EARLY: ${report.stoppedEarly}`);
  const { passed, failed, notRun } = report.counts;
  out.push(
    `${report.passed ? 'PASSED' : 'FAILED'}: ${passed} passed, ${failed} failed, ${notRun} not run` +
      (failed > 0
        ? ` (failed: ${report.probes
            .filter((r) => r.verdict === 'fail')
            .map((r) => r.id)
            .join(', ')})`
        : ''),
  );
  return `${out.join('\n')}\n`;
}

function junitCase(report: ProbeReport, r: ProbeResult): JUnitCase {
  const base = { classname: `probe.${r.fault}`, name: r.id, timeMs: r.latencyMs };
  switch (r.verdict) {
    case 'pass':
      return base;
    case 'fail':
      return {
        ...base,
        failure: {
          message: r.happened,
          detail: `expected: ${r.expects}\nhappened: ${r.happened}\nevents: ${r.events.join(', ')}`,
        },
      };
    case 'not-run':
      return { ...base, skipped: report.stoppedEarly ?? r.happened };
  }
}

export function probeJUnit(report: ProbeReport): string {
  return renderJUnit({
    name: `ci-callback probe ${report.target}`,
    timestamp: report.startedAt,
    cases: report.probes.map((r) => junitCase(report, r)),
  });
}
