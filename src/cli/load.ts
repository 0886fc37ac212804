/**
 * @module cli/load
 * `ci-callback load --target URL (--rate N | --connections N) [...]`: drives a receiver with unique, realistic
 * callbacks and reports honestly. Progress goes to stderr, the report to stdout; `--fail-on` thresholds turn
 * the exit code into a CI gate (3 when one is crossed).
 */
import { writeFile } from 'node:fs/promises';
import { InputError } from '../core/errors.ts';
import { parseFaultFlags } from '../faults/options.ts';
import { runLoad } from '../load/engine.ts';
import { renderHtmlReport } from '../load/html-report.ts';
import { resolveLoadPlan } from '../load/plan.ts';
import { progressWriter } from '../load/progress.ts';
import { formatReport } from '../load/report.ts';
import {
  evaluateThresholds,
  formatThresholdResults,
  parseThresholds,
  thresholdsJUnit,
} from '../load/thresholds.ts';
import { inFlagTerms, parseFlags } from './flags.ts';
import type { Command } from './io.ts';
import { outputPath } from './output-path.ts';

/** The exit code when a --fail-on threshold is crossed (2 is bad input, 1 an internal error). */
export const THRESHOLD_CROSSED_EXIT_CODE = 3;
/** Stopped by Ctrl-C: the report covers what ran, but the run did not finish (128 + SIGINT, as shells do). */
export const INTERRUPTED_EXIT_CODE = 130;

const LOAD_FLAGS = {
  target: { type: 'string' },
  rate: { type: 'string' },
  connections: { type: 'string' },
  'max-in-flight': { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  timeout: { type: 'string' },
  tags: { type: 'string' },
  format: { type: 'string' },
  trigger: { type: 'string' },
  state: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  'fail-on': { type: 'string' },
  junit: { type: 'string' },
  fault: { type: 'string', multiple: true },
} as const;

export const LOAD_FLAGS_HELP = `  --target URL                the receiver (required)
  --rate N                    open model: N requests/s on a fixed schedule, latency from each scheduled start
  --connections N             closed model without --rate: N in flight; with --rate: connections (default 64)
  --max-in-flight N           open model: cap on requests in flight (default 1000)
  --duration D / --warmup D   measured time (default 10s) / time sent but not measured (default 0); 500ms, 30s, 2m
  --timeout D                 per request (default 10s)
  --tags all|Tag[:weight],…   the mix of Tags (default all, equal weights)
  --format xml|json|mixed  --trigger direct|workflow|mixed  --state success|failed|mixed   (mixed: 1 in 10 failed)
  --seed N                    the body pool's seed (IDs and times are fresh on every request)
  --json FILE  --html FILE    write the report as JSON / as a page with charts
  --fail-on 'p99>250ms,errors>0.1%'   exit ${THRESHOLD_CROSSED_EXIT_CODE} when any condition holds (p50 p90 p99 p999 max mean, errors, rate)
  --junit FILE                the --fail-on thresholds as JUnit XML, one test case each
  --fault NAME[=P%][,delay=D] extra faulted requests beside the load, counted apart, e.g. --fault duplicate=1%`;

export const loadCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, LOAD_FLAGS);
  let plan: ReturnType<typeof resolveLoadPlan>;
  let thresholds: ReturnType<typeof parseThresholds>;
  try {
    plan = resolveLoadPlan({
      target: values.target,
      rate: values.rate,
      connections: values.connections,
      maxInFlight: values['max-in-flight'],
      duration: values.duration,
      warmup: values.warmup,
      timeout: values.timeout,
      tags: values.tags,
      format: values.format,
      trigger: values.trigger,
      state: values.state,
      seed: values.seed,
    });
    const faults = parseFaultFlags(values.fault ?? [], 'single');
    if (Object.keys(faults).length > 0) plan.faults = faults;
    thresholds = values['fail-on'] === undefined ? [] : parseThresholds(values['fail-on']);
  } catch (error) {
    throw inFlagTerms(error, LOAD_FLAGS);
  }
  if (values.junit !== undefined && thresholds.length === 0) {
    throw new InputError(
      'junit',
      '--junit writes the --fail-on thresholds as test cases: give --fail-on too',
    );
  }
  const junitPath = values.junit === undefined ? undefined : await outputPath('junit', values.junit);
  const jsonPath = values.json === undefined ? undefined : await outputPath('json', values.json);
  const htmlPath = values.html === undefined ? undefined : await outputPath('html', values.html);
  if (values.seed === undefined)
    io.stderr(`seed ${plan.seed} (the same mix of bodies again with --seed ${plan.seed})\n`);

  const progress = progressWriter(io.stderr, io.isTty);
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  let report: Awaited<ReturnType<typeof runLoad>>;
  try {
    report = await runLoad(plan, {
      onProgress: progress.update,
      progressIntervalMs: io.isTty ? 250 : 1000,
      signal: stop.signal,
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    progress.done();
  }

  const results = evaluateThresholds(thresholds, report);
  io.stdout(formatReport(report) + formatThresholdResults(results));
  if (jsonPath) {
    const document = results.length > 0 ? { ...report, thresholds: results } : report;
    await writeFile(jsonPath, `${JSON.stringify(document, null, 2)}\n`);
    io.stderr(`wrote ${jsonPath}\n`);
  }
  if (junitPath) {
    await writeFile(junitPath, thresholdsJUnit(results, report));
    io.stderr(`wrote ${junitPath}\n`);
  }
  if (htmlPath) {
    await writeFile(htmlPath, renderHtmlReport(report));
    io.stderr(`wrote ${htmlPath}\n`);
  }
  if (report.aborted) return INTERRUPTED_EXIT_CODE;
  return results.some((r) => r.crossed) ? THRESHOLD_CROSSED_EXIT_CODE : 0;
};
