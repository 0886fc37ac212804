/**
 * @module cli/load
 * `ci-callback load --target URL (--rate N | --connections N) [...]`: drives a receiver with unique, realistic
 * callbacks and reports honestly. Progress goes to stderr, the report to stdout; `--fail-on` thresholds turn
 * the exit code into a CI gate (3 when one is crossed).
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { numberFromText } from '../core/number-fields.ts';
import { TARGET_RULE } from '../delivery/target.ts';
import { faultFlagsSchema, faultPlanOf } from '../faults/options.ts';
import { runLoad } from '../load/engine.ts';
import { renderHtmlReport } from '../load/html-report.ts';
import { resolveLoadPlan } from '../load/plan.ts';
import { progressWriter } from '../load/progress.ts';
import { formatReport } from '../load/report.ts';
import { loadRunBody } from '../load/run-request.ts';
import {
  evaluateThresholds,
  formatThresholdResults,
  parseThresholds,
  thresholdsJUnit,
} from '../load/thresholds.ts';
import { seedTextSchema } from '../payloads/payload-options.ts';
import { parseFlagValues } from './flag-schema.ts';
import { type FlagTable, parseFlags } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { outputPath } from './output-path.ts';

/** The exit code when a --fail-on threshold is crossed (2 is bad input, 1 an internal error). */
export const THRESHOLD_CROSSED_EXIT_CODE = 3;
/** Stopped by Ctrl-C: the report covers what ran, but the run did not finish (128 + SIGINT, as shells do). */
export const INTERRUPTED_EXIT_CODE = 130;

const LOAD_FLAGS = {
  target: { type: 'string', value: 'URL', description: 'the receiver (required)' },
  rate: {
    type: 'string',
    value: 'N',
    description: 'open model: N requests/s on a fixed schedule, latency from each scheduled start',
  },
  connections: {
    type: 'string',
    value: 'N',
    description: 'closed model without --rate: N in flight; with --rate: connections',
    default: '64',
  },
  'max-in-flight': {
    type: 'string',
    value: 'N',
    description: 'open model: cap on requests in flight',
    default: '1000',
  },
  duration: { type: 'string', value: 'D', description: 'measured time: 500ms, 30s, 2m', default: '10s' },
  warmup: {
    type: 'string',
    value: 'D',
    description: 'sent first, excluded from the figures (reported apart); 0 turns it off',
    default: '1s',
  },
  timeout: { type: 'string', value: 'D', description: 'per request', default: '10s' },
  tags: {
    type: 'string',
    value: 'all|Tag[:weight],…',
    description: 'the mix of Tags',
    default: 'all, equal weights',
  },
  format: { type: 'string', value: 'xml|json|mixed', description: 'body format', default: 'xml' },
  trigger: {
    type: 'string',
    value: 'direct|workflow|mixed',
    description: 'how the jobs were started',
    default: 'direct',
  },
  state: {
    type: 'string',
    value: 'success|failed|mixed',
    description: 'job outcome; mixed: 1 in 10 failed',
    default: 'success',
  },
  seed: {
    type: 'string',
    value: 'N',
    description: "the body pool's seed (IDs and times are fresh on every request)",
    default: 'random, printed',
  },
  review: {
    type: 'string',
    value: 'KIND',
    description: "moderation callbacks of this kind instead of TaskFinish ('ci-callback reviews')",
  },
  'callback-version': {
    type: 'string',
    value: 'simple|detail',
    description: 'with --review: the body form (sent as X-Ci-Content-Version)',
    default: "CI's default for the kind",
  },
  result: {
    type: 'string',
    value: 'normal|violation|suspected|mixed',
    description: 'with --review: the moderation result',
    default: 'mixed, each in turn',
  },
  json: { type: 'string', value: 'FILE', description: 'write the report as JSON' },
  html: { type: 'string', value: 'FILE', description: 'write the report as a page with charts' },
  'fail-on': {
    type: 'string',
    value: "'p99>250ms,errors>0.1%'",
    description: `exit ${THRESHOLD_CROSSED_EXIT_CODE} when any condition holds (p50 p90 p99 p999 max mean, errors, rate)`,
  },
  junit: {
    type: 'string',
    value: 'FILE',
    description: 'the --fail-on thresholds as JUnit XML, one test case each',
  },
  fault: {
    type: 'string',
    value: 'NAME[=P%][,delay=D]',
    description: 'extra faulted requests beside the load, counted apart, e.g. --fault duplicate=1%',
    multiple: true,
  },
} as const satisfies FlagTable;

export const loadUsage: CommandUsage = {
  synopsis: ['load --target URL --rate N [flags]', 'load --target URL --connections N [flags]'],
  flags: LOAD_FLAGS,
  notes: [
    `Progress goes to stderr, the report to stdout. Exit 0, ${THRESHOLD_CROSSED_EXIT_CODE} when a --fail-on threshold is crossed, ${INTERRUPTED_EXIT_CODE} when stopped by Ctrl-C (the report covers what ran).`,
  ],
};

/** load's flags as POST /load-runs' fields (src/load/run-request.ts), from the text typed. */
const body = loadRunBody.shape;
const loadFlagsSchema = z.object({
  target: body.target,
  rate: numberFromText(body.rate.unwrap()).optional(),
  connections: numberFromText(body.connections.unwrap()).optional(),
  maxInFlight: numberFromText(body.maxInFlight.unwrap()).optional(),
  duration: body.duration,
  warmup: body.warmup,
  timeout: body.timeout,
  tags: body.tags,
  format: body.format,
  trigger: body.trigger,
  state: body.state,
  seed: seedTextSchema.optional(),
  review: body.review,
  callbackVersion: body.callbackVersion,
  result: body.result,
  failOn: body.failOn,
  faults: faultFlagsSchema,
});

export const loadCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, LOAD_FLAGS);
  if (values.target === undefined) throw new InputError('target', `--target is required: ${TARGET_RULE}`);
  const { faults, failOn, ...input } = parseFlagValues(
    loadFlagsSchema,
    {
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
      review: values.review,
      callbackVersion: values['callback-version'],
      result: values.result,
      failOn: values['fail-on'],
      faults: values.fault ?? [],
    },
    LOAD_FLAGS,
  );
  // the rules between fields, as POST /load-runs applies them after its schema (errors name the flags: cli/main)
  const plan = resolveLoadPlan(input);
  const faultPlan = faultPlanOf(faults, 'single');
  if (Object.keys(faultPlan).length > 0) plan.faults = faultPlan;
  const thresholds = failOn === undefined ? [] : parseThresholds(failOn);
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
