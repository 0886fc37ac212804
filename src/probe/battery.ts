/**
 * @module probe/battery
 * The probes `ci-callback probe` runs: every delivery fault as one or more cases, each with the answer a robust
 * receiver gives. A probe sends over raw sockets (src/delivery/fault-transport.ts) so the request is exactly the one
 * described, and judges what came back; whether the receiver is still standing is the canary's job.
 */
import type { Format } from '../core/types.ts';
import { type BodyShape, type RawOutcome, sendRaw } from '../delivery/fault-transport.ts';
import { planWorkflowRun } from '../delivery/workflow-run.ts';
import {
  type Acceptance,
  type CallbackBody,
  contentTypeCases,
  largeCases,
  malformedCases,
  meetsAcceptance,
  reorderedElementsCases,
  type ShapedBody,
  specialCharsCases,
  unknownFieldsCases,
  unknownTagCases,
} from '../faults/body-shapes.ts';
import type { FaultName } from '../faults/catalog.ts';
import { CONSOLE_TESTS } from '../moderation/data/console-tests.ts';
import { REVIEWS } from '../moderation/index.ts';
import { CONTENT_VERSION, REVIEW_RESULTS, type ReviewKind } from '../moderation/types.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview, type ReviewOptions } from '../payloads/generate-review.ts';
import { sendBurst } from './burst.ts';

export interface ProbeSettings {
  /** The receiver's callback URL. */
  target: string;
  headers: Readonly<Record<string, string>>;
  format: Format;
  /** How long a probe waits for an answer once its body is out (or has stalled). */
  timeoutMs: number;
  /** How long slow-body takes to dribble a whole body. */
  slowBodyMs: number;
  /** Callbacks sent at once by burst. */
  burstSize: number;
  /** Words in the large probe's SpeechRecognition transcript (20,000: 5.6 MiB of XML). */
  largeWords: number;
  /** Seeds for the bodies: each body gets its own, so no two probes send the same JobId by accident. */
  nextSeed: () => number;
  /** A receiver of this kind's moderation callbacks: the canary is one, and the `review` probes run. */
  review?: ReviewKind | undefined;
}

/** What a probe saw: the answers, how long, what the connection did, and the verdict with its reason. */
export interface ProbeObservation {
  passed: boolean;
  /** One line: what happened and, on failure, why that is wrong. */
  happened: string;
  statuses: (number | null)[];
  latencyMs: number;
  events: string[];
}

/** The moderation probes' group: not a delivery fault, the callbacks themselves (`probe --review KIND`). */
export const REVIEW_PROBES = 'review';

export interface Probe {
  /** `fault/case`, e.g. `malformed/cut-short`; `review/simple` for a moderation probe. */
  id: string;
  fault: FaultName | typeof REVIEW_PROBES;
  expects: string;
  run(settings: ProbeSettings): Promise<ProbeObservation>;
}

/** Tags the probes' ordinary bodies are drawn from: common media Tags with documented callbacks. */
const PROBE_TAGS = ['Transcode', 'Snapshot', 'SmartCover'] as const;

export function validCallback(settings: ProbeSettings, tagIndex = 0): CallbackBody {
  const tag = PROBE_TAGS[tagIndex % PROBE_TAGS.length] as string;
  const { body, contentType } = generate({ tag, format: settings.format, seed: settings.nextSeed() });
  return { body, contentType };
}

/** A callback with the headers it goes with (a moderation callback's X-Ci-Content-Version). */
export interface HeadedCallback extends CallbackBody {
  headers: Readonly<Record<string, string>>;
}

function reviewCallback(settings: ProbeSettings, options: ReviewOptions): HeadedCallback {
  const { body, contentType, headers } = generateReview({ seed: settings.nextSeed(), ...options });
  return { body, contentType, headers };
}

/** The canary: a valid callback the receiver must accept — a moderation one of `review` when it is set. */
export function canaryCallback(settings: ProbeSettings, index: number): HeadedCallback {
  if (settings.review) return reviewCallback(settings, { review: settings.review, result: 'normal' });
  return { ...validCallback(settings, index), headers: {} };
}

/** Sends a whole callback with its own headers beside the run's. */
export function sendHeaded(
  settings: ProbeSettings,
  callback: HeadedCallback,
  timeoutMs = settings.timeoutMs,
) {
  return sendRaw({
    url: settings.target,
    body: callback.body,
    contentType: callback.contentType,
    headers: { ...settings.headers, ...callback.headers },
    shape: { kind: 'whole' },
    timeoutMs,
  });
}

function send(
  settings: ProbeSettings,
  body: ShapedBody | CallbackBody,
  shape: BodyShape = { kind: 'whole' },
) {
  return sendRaw({
    url: settings.target,
    body: body.body,
    contentType: body.contentType,
    headers: settings.headers,
    shape,
    timeoutMs: settings.timeoutMs,
  });
}

export function describeOutcome(outcome: RawOutcome): string {
  const time = `${Math.round(outcome.latencyMs)} ms`;
  if (outcome.status !== undefined) return `${outcome.status} in ${time}`;
  return `${outcome.error?.message ?? 'no answer'} (${time})`;
}

const ACCEPTANCE_TEXT: Record<Acceptance, string> = {
  '2xx': '2xx',
  '4xx': '4xx',
  '2xx-or-4xx': '2xx or 4xx, never 5xx',
  '2xx-or-413': '2xx or 413',
};

function judge(outcome: RawOutcome, accepts: Acceptance): ProbeObservation {
  const happened = describeOutcome(outcome);
  const base = { statuses: [outcome.status ?? null], latencyMs: outcome.latencyMs, events: outcome.events };
  if (outcome.status === undefined)
    return { ...base, passed: false, happened: `${happened}: expected an answer` };
  const passed = meetsAcceptance(outcome.status, accepts);
  return {
    ...base,
    passed,
    happened: passed ? happened : `${happened}: expected ${ACCEPTANCE_TEXT[accepts]}`,
  };
}

/**
 * A probe per case of a body fault. Names and expectations come from shaping a sample body once, so the list is
 * known before anything runs; each run shapes a fresh valid callback.
 */
function casesOf(fault: FaultName, cases: (callback: CallbackBody) => ShapedBody[]): Probe[] {
  const sample = cases(generate({ tag: 'Transcode', seed: 1 }));
  return sample.map((shaped, index) => ({
    id: `${fault}/${shaped.case}`,
    fault,
    expects: ACCEPTANCE_TEXT[shaped.accepts],
    async run(settings) {
      const body = cases(validCallback(settings, index))[index] as ShapedBody;
      return judge(await send(settings, body), body.accepts);
    },
  }));
}

const duplicate: Probe = {
  id: 'duplicate/same-body',
  fault: 'duplicate',
  expects: '2xx, then 2xx again',
  async run(settings) {
    const callback = validCallback(settings);
    const first = await send(settings, callback);
    const again = await send(settings, callback);
    const statuses = [first.status ?? null, again.status ?? null];
    const ok = (o: RawOutcome) => o.status !== undefined && o.status >= 200 && o.status < 300;
    const happened = `${describeOutcome(first)}, again ${describeOutcome(again)}`;
    return {
      passed: ok(first) && ok(again),
      happened:
        ok(first) && ok(again) ? happened : `${happened}: the same callback twice must be acknowledged twice`,
      statuses,
      latencyMs: first.latencyMs + again.latencyMs,
      events: [...first.events, ...again.events],
    };
  },
};

const reorder: Probe = {
  id: 'reorder/workflow-finish-first',
  fault: 'reorder',
  expects: '2xx for each, whatever the order',
  async run(settings) {
    const plan = planWorkflowRun({
      tags: ['Transcode', 'Snapshot', 'Animation'],
      format: settings.format,
      seed: settings.nextSeed(),
      order: 'workflow-first',
    });
    const outcomes: RawOutcome[] = [];
    for (const callback of plan.callbacks) outcomes.push(await send(settings, callback));
    const names = plan.callbacks.map((c) => (c.event === 'WorkflowFinish' ? 'WorkflowFinish' : c.tag));
    const parts = outcomes.map((o, i) => `${names[i]} ${describeOutcome(o)}`);
    const bad = outcomes.filter((o) => !(o.status !== undefined && o.status >= 200 && o.status < 300));
    return {
      passed: bad.length === 0,
      happened: `${parts.join(', ')}${bad.length === 0 ? '' : `: ${bad.length} of ${outcomes.length} not acknowledged`}`,
      statuses: outcomes.map((o) => o.status ?? null),
      latencyMs: outcomes.reduce((sum, o) => sum + o.latencyMs, 0),
      events: outcomes.flatMap((o) => o.events),
    };
  },
};

const burst: Probe = {
  id: 'burst/at-once',
  fault: 'burst',
  expects: 'no 5xx, no dropped connection',
  async run(settings) {
    const bodies = Array.from({ length: settings.burstSize }, (_, i) => validCallback(settings, i));
    // Every connection opens first, then every request goes out together (src/probe/burst.ts).
    const outcome = await sendBurst({
      url: settings.target,
      bodies,
      headers: settings.headers,
      timeoutMs: settings.timeoutMs,
    });
    const { statuses } = outcome;
    const unanswered = statuses.filter((s) => s === null).length;
    const serverErrors = statuses.filter((s) => (s ?? 0) >= 500).length;
    const accepted = statuses.filter((s) => (s ?? 0) >= 200 && (s ?? 0) < 300).length;
    const held = `${outcome.connected} connections open, ${outcome.heldAtOnce} requests held at once`;
    const problems = outcome.problems.length > 0 ? ` (${outcome.problems.join('; ')})` : '';
    return {
      passed: unanswered === 0 && serverErrors === 0,
      happened: `${settings.burstSize} at once (${held}): ${accepted} 2xx, ${serverErrors} 5xx, ${unanswered} unanswered${problems}`,
      statuses,
      latencyMs: outcome.latencyMs,
      events: outcome.events,
    };
  },
};

const slowBodyDribbled: Probe = {
  id: 'slow-body/dribbled',
  fault: 'slow-body',
  expects: '2xx, or 408/4xx after its own timeout',
  async run(settings) {
    const outcome = await send(settings, validCallback(settings), {
      kind: 'dribble',
      chunks: 8,
      overMs: settings.slowBodyMs,
    });
    return judge(outcome, '2xx-or-4xx');
  },
};

const slowBodyStalled: Probe = {
  id: 'slow-body/stalled',
  fault: 'slow-body',
  expects: '408/4xx or a close after its own timeout — never a hang',
  async run(settings) {
    const callback = validCallback(settings);
    const outcome = await send(settings, callback, {
      kind: 'stall',
      afterBytes: Math.floor(callback.body.length / 2),
    });
    const base = { statuses: [outcome.status ?? null], latencyMs: outcome.latencyMs, events: outcome.events };
    const happened = describeOutcome(outcome);
    if (outcome.events.includes('no-answer')) {
      return { ...base, passed: false, happened: `${happened}: the receiver has no body timeout (it hangs)` };
    }
    if (outcome.status === undefined)
      return { ...base, passed: true, happened: `closed the connection (${happened})` };
    const passed = outcome.status >= 400 && outcome.status < 500;
    return { ...base, passed, happened: passed ? happened : `${happened}: expected 408/4xx for half a body` };
  },
};

/** The receiver's answer to a cut body hardly matters: the canary after it says whether it stayed up. */
function truncatedProbe(id: string, shape: (length: number) => BodyShape): Probe {
  return {
    id,
    fault: 'truncated',
    expects: 'no 2xx for a cut body; stays up (the canary is accepted)',
    async run(settings) {
      const callback = validCallback(settings);
      const outcome = await send(settings, callback, shape(Buffer.byteLength(callback.body)));
      const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
      const happened =
        outcome.status !== undefined ? describeOutcome(outcome) : `no answer (${outcome.events.join(', ')})`;
      return {
        passed: !ok,
        happened: ok ? `${happened}: acknowledged a callback it never fully received` : happened,
        statuses: [outcome.status ?? null],
        latencyMs: outcome.latencyMs,
        events: outcome.events,
      };
    },
  };
}

const large: Probe = {
  id: 'large/speech-recognition',
  fault: 'large',
  expects: '2xx or 413',
  async run(settings) {
    const [shaped] = largeCases({
      seed: settings.nextSeed(),
      format: settings.format,
      words: settings.largeWords,
    });
    const result = judge(await send(settings, shaped as ShapedBody), '2xx-or-413');
    const mib = (Buffer.byteLength((shaped as ShapedBody).body) / 1024 / 1024).toFixed(1);
    return { ...result, happened: `${settings.largeWords} words, ${mib} MiB: ${result.happened}` };
  },
};

/**
 * A moderation callback must be answered exactly 200: CI's console takes only a callback URL that answers 200
 * (its test request first), and the contract expects 200.
 */
function judgeAll(outcomes: RawOutcome[], names: readonly string[]): ProbeObservation {
  const parts = outcomes.map((o, i) => `${names[i]} ${describeOutcome(o)}`);
  const bad = outcomes.filter((o) => o.status !== 200).length;
  return {
    passed: bad === 0,
    happened: `${parts.join(', ')}${bad === 0 ? '' : `: ${bad} of ${outcomes.length} not answered 200`}`,
    statuses: outcomes.map((o) => o.status ?? null),
    latencyMs: outcomes.reduce((sum, o) => sum + o.latencyMs, 0),
    events: [...new Set(outcomes.flatMap((o) => o.events))],
  };
}

/** One probe per form CI sends `review` in (each result class in turn), and its console test where CI has one. */
export function reviewProbes(review: ReviewKind): Probe[] {
  const forms: Probe[] = REVIEWS[review].versions.map((callbackVersion) => ({
    id: `${REVIEW_PROBES}/${callbackVersion}`,
    fault: REVIEW_PROBES,
    expects: `200 to each result class, sent with X-Ci-Content-Version: ${CONTENT_VERSION[callbackVersion]}`,
    async run(settings) {
      const outcomes: RawOutcome[] = [];
      for (const result of REVIEW_RESULTS) {
        outcomes.push(
          await sendHeaded(settings, reviewCallback(settings, { review, callbackVersion, result })),
        );
      }
      return judgeAll(outcomes, REVIEW_RESULTS);
    },
  }));
  if (!(review in CONSOLE_TESTS)) return forms;
  const consoleTest: Probe = {
    id: `${REVIEW_PROBES}/console-test`,
    fault: REVIEW_PROBES,
    expects: "200 to the console's test request (Simple), sent when a callback URL is saved",
    async run(settings) {
      const outcome = await sendHeaded(settings, reviewCallback(settings, { review, consoleTest: true }));
      return judgeAll([outcome], ['test request']);
    },
  };
  return [...forms, consoleTest];
}

/** The whole battery, in the order it runs: the catalog's order, then the moderation probes of `review`. */
export function probeBattery(review?: ReviewKind): Probe[] {
  return [
    duplicate,
    reorder,
    burst,
    slowBodyDribbled,
    slowBodyStalled,
    truncatedProbe('truncated/short-body', (length) => ({
      kind: 'short',
      afterBytes: Math.floor(length / 2),
    })),
    truncatedProbe('truncated/reset', (length) => ({ kind: 'reset', afterBytes: Math.floor(length / 2) })),
    ...casesOf('content-type', contentTypeCases),
    ...casesOf('malformed', malformedCases),
    ...casesOf('unknown-fields', unknownFieldsCases),
    ...casesOf('reordered-elements', reorderedElementsCases),
    ...casesOf('unknown-tag', unknownTagCases),
    ...casesOf('special-chars', specialCharsCases),
    large,
    ...(review ? reviewProbes(review) : []),
  ];
}
