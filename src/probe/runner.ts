/**
 * @module probe/runner
 * Runs the probe battery against a receiver: a canary first (a receiver that refuses a valid callback cannot be
 * judged), then each selected probe followed by a canary — a valid callback that must be accepted — to tell
 * "answered badly" from "fell over". Stops early, and says so, when the receiver stops answering.
 */
import { InputError } from '../core/errors.ts';
import { MAX_SEED, randomSeed } from '../core/faker.ts';
import type { Format } from '../core/types.ts';
import { maskTarget } from '../delivery/mask-target.ts';
import { LARGE_WORDS } from '../faults/body-shapes.ts';
import { FAULT_NAMES } from '../faults/catalog.ts';
import type { ReviewKind } from '../moderation/types.ts';
import {
  canaryCallback,
  describeOutcome,
  type Probe,
  type ProbeSettings,
  probeBattery,
  REVIEW_PROBES,
  sendHeaded,
} from './battery.ts';

export interface ProbeRunOptions {
  /** The receiver's callback URL. */
  target: string;
  headers?: Readonly<Record<string, string>>;
  format?: Format;
  /** How long a probe waits for an answer once its body is out (default 10 s). */
  timeoutMs?: number;
  /** How long slow-body dribbles a body (default: a fifth of the timeout, at most 2 s). */
  slowBodyMs?: number;
  /** How long the canary may take (default: the timeout, at most 5 s). */
  canaryTimeoutMs?: number;
  burstSize?: number;
  /** Words in the large probe's transcript (default 20,000: 5.6 MiB of XML). */
  largeWords?: number;
  /** Fault names (`malformed`) or probe ids (`malformed/empty`); default every probe. */
  only?: readonly string[];
  skip?: readonly string[];
  /** The bodies' first seed; probe i's bodies follow from it (default random, reported). */
  seed?: number;
  /** A receiver of this kind's moderation callbacks: the canary is one, and the `review` probes run. */
  review?: ReviewKind;
  /** Called as each probe ends, for progress. */
  onProbe?: (result: ProbeResult) => void;
}

export type Verdict = 'pass' | 'fail' | 'not-run';

export interface CanaryResult {
  accepted: boolean;
  status: number | null;
  latencyMs: number;
  happened: string;
}

export interface ProbeResult {
  id: string;
  fault: string;
  expects: string;
  verdict: Verdict;
  /** What happened and, on failure, why it is wrong. */
  happened: string;
  statuses: (number | null)[];
  latencyMs: number;
  events: string[];
  canary: CanaryResult | null;
}

export interface ProbeReport {
  target: string;
  format: Format;
  seed: number;
  startedAt: string;
  finishedAt: string;
  /** Every selected probe passed. */
  passed: boolean;
  /** Why the run stopped before the end, or null. */
  stoppedEarly: string | null;
  counts: { passed: number; failed: number; notRun: number };
  probes: ProbeResult[];
}

export const PROBE_DEFAULTS = { format: 'xml' as Format, timeoutMs: 10_000, burstSize: 20 };

/** The probe ids, in run order: for --only/--skip errors and the docs. */
export function probeIds(review?: ReviewKind): string[] {
  return probeBattery(review).map((probe) => probe.id);
}

export function selectProbes(
  only: readonly string[] = [],
  skip: readonly string[] = [],
  review?: ReviewKind,
): Probe[] {
  const battery = probeBattery(review);
  const accepted = [...FAULT_NAMES, ...(review ? [REVIEW_PROBES] : []), ...battery.map((probe) => probe.id)];
  for (const [flag, names] of [
    ['only', only],
    ['skip', skip],
  ] as const) {
    for (const name of names) {
      if (accepted.includes(name)) continue;
      if (!review && (name === REVIEW_PROBES || name.startsWith(`${REVIEW_PROBES}/`)))
        throw new InputError(
          flag,
          `${flag}: '${name}' is a moderation probe: it runs only with review, the moderation kind (probe --review KIND)`,
        );
      throw new InputError(flag, `${flag}: unknown probe '${name}'`, accepted);
    }
  }
  const matches = (probe: Probe, names: readonly string[]) =>
    names.includes(probe.fault) || names.includes(probe.id);
  const selected = battery.filter(
    (probe) => (only.length === 0 || matches(probe, only)) && !matches(probe, skip),
  );
  if (selected.length === 0)
    throw new InputError('only', 'only: with skip, no probe is left to run', accepted);
  return selected;
}

export async function runProbes(options: ProbeRunOptions): Promise<ProbeReport> {
  const probes = selectProbes(options.only, options.skip, options.review);
  const timeoutMs = options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs;
  const seed = options.seed ?? randomSeed();
  let nextSeed = seed;
  const settings: ProbeSettings = {
    target: options.target,
    headers: options.headers ?? {},
    format: options.format ?? PROBE_DEFAULTS.format,
    timeoutMs,
    slowBodyMs: options.slowBodyMs ?? Math.min(2_000, Math.round(timeoutMs / 5)),
    burstSize: options.burstSize ?? PROBE_DEFAULTS.burstSize,
    largeWords: options.largeWords ?? LARGE_WORDS,
    review: options.review,
    nextSeed: () => {
      const current = nextSeed;
      nextSeed = (nextSeed + 1) % (MAX_SEED + 1);
      return current;
    },
  };
  const canaryTimeoutMs = options.canaryTimeoutMs ?? Math.min(timeoutMs, 5_000);
  let canaryCount = 0;
  const canary = async (): Promise<CanaryResult> => {
    const outcome = await sendHeaded(settings, canaryCallback(settings, canaryCount++), canaryTimeoutMs);
    const accepted = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    return {
      accepted,
      status: outcome.status ?? null,
      latencyMs: outcome.latencyMs,
      happened: describeOutcome(outcome),
    };
  };

  const startedAt = new Date().toISOString();
  const results: ProbeResult[] = [];
  const notRun = (probe: Probe, why: string): ProbeResult => ({
    id: probe.id,
    fault: probe.fault,
    expects: probe.expects,
    verdict: 'not-run',
    happened: why,
    statuses: [],
    latencyMs: 0,
    events: [],
    canary: null,
  });

  let stoppedEarly: string | null = null;
  const first = await canary();
  if (!first.accepted) {
    stoppedEarly = `the receiver did not accept a valid callback before any probe (${first.happened}); nothing was probed`;
  }
  for (const probe of probes) {
    if (stoppedEarly) {
      results.push(notRun(probe, 'not run: stopped early'));
      continue;
    }
    const observation = await probe.run(settings);
    const after = await canary();
    let verdict: Verdict = observation.passed ? 'pass' : 'fail';
    let happened = observation.happened;
    if (!after.accepted) {
      verdict = 'fail';
      happened += `; then a valid callback was refused: ${after.happened}`;
      if (after.status === null) {
        stoppedEarly = `the receiver stopped answering after ${probe.id} (canary: ${after.happened})`;
      }
    }
    const result: ProbeResult = {
      id: probe.id,
      fault: probe.fault,
      expects: probe.expects,
      verdict,
      happened,
      statuses: observation.statuses,
      latencyMs: Math.round(observation.latencyMs * 10) / 10,
      events: observation.events,
      canary: after,
    };
    results.push(result);
    options.onProbe?.(result);
  }
  const count = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).length;
  return {
    // the report is shown and written to files: credentials in the target stay with the requests alone
    target: maskTarget(settings.target),
    format: settings.format,
    seed,
    startedAt,
    finishedAt: new Date().toISOString(),
    passed: stoppedEarly === null && count('fail') === 0 && count('not-run') === 0,
    stoppedEarly,
    counts: { passed: count('pass'), failed: count('fail'), notRun: count('not-run') },
    probes: results,
  };
}
