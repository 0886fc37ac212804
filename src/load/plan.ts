/**
 * @module load/plan
 * What a load run will do, resolved and checked once: the CLI's flags and the server's JSON both arrive as a
 * `LoadInput` (text as a person types it) and leave as a `LoadPlan` (numbers, a URL, weighted Tags), or as an
 * InputError that says what was wrong and what is accepted. Defaults live here and nowhere else.
 */

import { parseDuration } from '../core/duration.ts';
import { InputError, inCallerTerms } from '../core/errors.ts';
import { randomSeed } from '../core/faker.ts';
import { checkedInput } from '../core/issues.ts';
import { maskTarget } from '../delivery/mask-target.ts';
import { parseTarget } from '../delivery/target.ts';
import type { FaultPlan } from '../faults/options.ts';
import type { CallbackVersion, ReviewKind } from '../moderation/types.ts';
import { findTag, tagNames } from '../payloads/registry.ts';
import {
  JSON_ONLY,
  NEEDS_REVIEW,
  NOT_FOR_REVIEWS,
  reviewCombinationProblem,
} from '../payloads/review-rules.ts';
import {
  type FormatChoice,
  loadInputSchema,
  type ReviewResultChoice,
  RUN_TIME,
  type StateChoice,
  type TriggerChoice,
} from './run-request.ts';

export type LoadModel = 'open' | 'closed';

/** A load run of moderation callbacks: one kind, its form, and the result (`mixed`: each class in turn). */
export interface LoadReview {
  review: ReviewKind;
  callbackVersion?: CallbackVersion;
  result: ReviewResultChoice;
}

/** A Tag and its share of the requests (`Transcode:5` sends five of those for every `X:1`). */
export interface TagWeight {
  tag: string;
  weight: number;
}

/** A load run as a caller writes it: durations as `30s`/`500ms`/`2m` or seconds, counts as text or numbers. */
export interface LoadInput {
  target?: string;
  /** Requests per second: the open model. Without it, `connections` selects the closed model. */
  rate?: string | number;
  connections?: string | number;
  maxInFlight?: string | number;
  duration?: string | number;
  warmup?: string | number;
  timeout?: string | number;
  /** `all`, or `Tag[:weight],…`. */
  tags?: string;
  format?: string;
  trigger?: string;
  state?: string;
  seed?: string | number;
  /** A moderation kind: moderation callbacks instead of the Tags' TaskFinish. */
  review?: string;
  callbackVersion?: string;
  result?: string;
}

export interface LoadPlan {
  target: URL;
  model: LoadModel;
  /** Open model: requests started per second, on schedule. */
  rate: number | undefined;
  /** HTTP connections; in the closed model also the number of requests in flight. */
  connections: number;
  /** Open model: the most requests in flight at once; later ones wait (and their wait counts as latency). */
  maxInFlight: number;
  durationMs: number;
  /** Sent like the rest before the measured window; its figures are reported apart (`warmup`). */
  warmupMs: number;
  /** Per request: no response headers or body within it is a `timeout` error. */
  timeoutMs: number;
  tags: TagWeight[];
  format: FormatChoice;
  trigger: TriggerChoice;
  state: StateChoice;
  /** Seeds the pool of bodies, so the same seed sends the same mix (with fresh IDs and times). */
  seed: number;
  /** Closed model only: a ceiling on the request rate (set by the server's owner), none by default. */
  rateCeiling: number | undefined;
  /** Delivery faults: extra requests drawn per request (src/load/fault-lane.ts); none by default. */
  faults?: FaultPlan;
  /** Moderation callbacks instead of TaskFinish; `tags` then names them (`review:<kind>`), `format` is json. */
  review?: LoadReview;
}

export const LOAD_DEFAULTS = {
  durationMs: 10_000,
  /**
   * One second sent before the measured window, left out of its figures: connections opening, the JIT compiling
   * the send path and the receiver's own start would otherwise weigh on the first second of every run
   * (measured: the first 5 s run of a series reached 0.45–0.93 × the later ones). `--warmup 0` turns it off.
   */
  warmupMs: 1_000,
  timeoutMs: 10_000,
  openModelConnections: 64,
  maxInFlight: 1_000,
  tags: 'all',
  format: 'xml',
  trigger: 'direct',
  state: 'success',
} as const;

export function resolveLoadPlan(input: LoadInput): LoadPlan {
  const target = parseTarget('target', input.target);
  // each field by the schema POST /load-runs validates it with (numbers typed as text read as numbers);
  // what follows are the rules between fields
  const given = checkedInput(loadInputSchema, input);
  const rate = given.rate;
  if (rate === undefined && given.connections === undefined) {
    throw new InputError(
      'rate',
      'give rate (open model: requests per second) or connections (closed model: requests in flight)',
    );
  }
  if (rate === undefined && given.maxInFlight !== undefined) {
    throw new InputError(
      'maxInFlight',
      'maxInFlight applies to the open model (with rate); in the closed model connections is the number in flight',
    );
  }
  const durationMs = parseDuration('duration', given.duration ?? LOAD_DEFAULTS.durationMs / 1000, RUN_TIME);
  const warmupMs =
    given.warmup === undefined
      ? LOAD_DEFAULTS.warmupMs
      : parseDuration('warmup', given.warmup, { ...RUN_TIME, minMs: 0 });
  // The warm-up's requests are not measured: the window itself must get one (as the engine counts them).
  if (rate !== undefined) {
    const total = Math.round(((warmupMs + durationMs) * rate) / 1000);
    const firstMeasured = Math.ceil(warmupMs / (1000 / rate));
    if (total - firstMeasured < 1) {
      throw new InputError(
        'rate',
        `rate ${rate}/s sends no request in ${durationMs / 1000} s measured${warmupMs > 0 ? ` after ${warmupMs / 1000} s of warm-up` : ''}; accepted: a rate that sends at least one there, e.g. ${2000 / durationMs}/s or more for this duration (or a longer duration)`,
      );
    }
  }
  const review = loadReviewOf(given);
  return {
    ...(review ? { review } : {}),
    target,
    model: rate === undefined ? 'closed' : 'open',
    rate,
    connections: given.connections ?? LOAD_DEFAULTS.openModelConnections,
    maxInFlight: given.maxInFlight ?? LOAD_DEFAULTS.maxInFlight,
    durationMs,
    warmupMs,
    timeoutMs: parseDuration('timeout', given.timeout ?? LOAD_DEFAULTS.timeoutMs / 1000, RUN_TIME),
    tags: review
      ? [{ tag: `review:${review.review}`, weight: 1 }]
      : parseTagWeights(given.tags ?? LOAD_DEFAULTS.tags),
    format: review ? 'json' : (given.format ?? LOAD_DEFAULTS.format),
    trigger: given.trigger ?? LOAD_DEFAULTS.trigger,
    state: given.state ?? LOAD_DEFAULTS.state,
    seed: given.seed ?? randomSeed(),
    rateCeiling: undefined,
  };
}

/**
 * The moderation callbacks a run sends, when it asks for them: the TaskFinish choices are refused beside
 * `review`, the review choices without it, in the words of POST /emit (src/payloads/review-rules.ts).
 */
function loadReviewOf(given: {
  review?: ReviewKind | undefined;
  callbackVersion?: CallbackVersion | undefined;
  result?: ReviewResultChoice | undefined;
  tags?: string | undefined;
  format?: FormatChoice | undefined;
  trigger?: TriggerChoice | undefined;
  state?: StateChoice | undefined;
}): LoadReview | undefined {
  if (given.review === undefined) {
    for (const field of ['callbackVersion', 'result'] as const)
      if (given[field] !== undefined) throw new InputError(field, `${field}: ${NEEDS_REVIEW}`);
    return undefined;
  }
  for (const field of ['tags', 'trigger', 'state'] as const)
    if (given[field] !== undefined) throw new InputError(field, `${field}: ${NOT_FOR_REVIEWS}`);
  if (given.format !== undefined && given.format !== 'json')
    throw new InputError('format', `format: ${JSON_ONLY}`);
  const problem = reviewCombinationProblem({ review: given.review, callbackVersion: given.callbackVersion });
  if (problem) throw new InputError(problem.field, `${problem.field}: ${problem.problem}`);
  return {
    review: given.review,
    ...(given.callbackVersion ? { callbackVersion: given.callbackVersion } : {}),
    result: given.result ?? 'mixed',
  };
}

/** `all` (every registered Tag, equal weights) or `Tag[:weight],…` with whole weights; Tags case-insensitive. */
export function parseTagWeights(spec: string): TagWeight[] {
  if (spec.trim().toLowerCase() === 'all') return tagNames().map((tag) => ({ tag, weight: 1 }));
  const weights = new Map<string, number>();
  for (const part of spec.split(',')) {
    const match = /^\s*([A-Za-z][\w-]*)\s*(?::\s*(\d+)\s*)?$/.exec(part);
    if (!match) {
      throw new InputError(
        'tags',
        `tags part '${part}' is not Tag or Tag:weight; accepted: all, or e.g. SpeechRecognition:5,SmartCover:1 with Tags from: ${tagNames().join(', ')}`,
      );
    }
    const tag = tagIn(match[1] as string);
    const weight = match[2] === undefined ? 1 : Number(match[2]);
    if (weight < 1 || weight > 1_000) {
      throw new InputError(
        'tags',
        `tags weight for ${tag} must be a whole number from 1 to 1000, got ${weight}`,
      );
    }
    if (weights.has(tag)) throw new InputError('tags', `tags names ${tag} twice; give each Tag once`);
    weights.set(tag, weight);
  }
  return [...weights].map(([tag, weight]) => ({ tag, weight }));
}

/** A Tag named in `tags`: an unknown one is a problem with the `tags` field. */
function tagIn(name: string): string {
  try {
    return findTag(name).tag;
  } catch (error) {
    throw error instanceof InputError ? inCallerTerms(error, () => 'tags') : error;
  }
}

/** The target as it may be shown or stored: credentials and query values hidden, since they may be secrets. */
export function describeTarget(url: URL): string {
  return maskTarget(url.href);
}
