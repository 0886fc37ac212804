/**
 * @module review-rules
 * What `generateReview()` accepts — kind, callback version, result, CallbackType, live state, console test,
 * seed, compact — and the words that refuse the rest, without a validation library (as payload-rules.ts does
 * for TaskFinish), so the payload library still loads only faker. The API's and the CLI's zod schemas
 * (review-options.ts) are built from these names and words.
 */
import { InputError } from '../core/errors.ts';
import { shownValue } from '../core/issues.ts';
import { REVIEWS } from '../moderation/index.ts';
import {
  CALLBACK_TYPES,
  CALLBACK_VERSIONS,
  type CallbackType,
  type CallbackVersion,
  LIVE_STATES,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ReviewKind,
} from '../moderation/types.ts';
import { isSeed, notABoolean, notAnObject, notASeed, unknownChoice } from './payload-rules.ts';

/** The named choices of a moderation callback, each with the names it accepts. */
export const REVIEW_CHOICES = {
  review: REVIEW_KINDS,
  callbackVersion: CALLBACK_VERSIONS,
  result: REVIEW_RESULTS,
  liveState: LIVE_STATES,
} as const;

/** The fields of a TaskFinish that a moderation callback has no use for, refused beside `review`. */
export const TASK_FINISH_FIELDS = [
  'tag',
  'tags',
  'event',
  'run',
  'trigger',
  'state',
  'jsonShape',
  'overrides',
] as const;
/** The fields that only a moderation callback takes, refused without `review`. */
export const REVIEW_ONLY_FIELDS = [
  'callbackVersion',
  'result',
  'callbackType',
  'liveState',
  'consoleTest',
] as const;
export const NOT_FOR_REVIEWS =
  'does not apply to moderation callbacks (review): they have no Tag, workflow, trigger, state, JSON shape or overrides';
export const NEEDS_REVIEW = `is for moderation callbacks: give review too, one of ${REVIEW_KINDS.join(', ')}`;
export const JSON_ONLY = 'moderation callbacks are JSON only (CI sends no XML form); accepted: json';

/** `unknown review 'pdf'; accepted: image, video, …` */
export const unknownReview = (input: unknown) => unknownChoice('review', input, REVIEW_KINDS);

export const REVIEW_REQUIRED = `review is required: a moderation kind, one of ${REVIEW_KINDS.join(', ')}`;

/** The forms a kind has, its default first. */
export const versionsOf = (review: ReviewKind): readonly CallbackVersion[] => REVIEWS[review].versions;
/** The kinds the console sends a test request for: those with a Simple form. */
export const CONSOLE_TEST_KINDS = REVIEW_KINDS.filter((kind) => REVIEWS[kind].versions.includes('simple'));
export const CALLBACK_TYPE_KINDS = REVIEW_KINDS.filter((kind) => REVIEWS[kind].callbackTypes);

export const noSuchVersion = (review: string, version: string) =>
  `${review} callbacks have no ${version} form (CI publishes only ${versionsOf(review as ReviewKind).join(', ')} for ${review}); accepted: ${versionsOf(review as ReviewKind).join(', ')}`;
export const notACallbackType = (input: unknown) =>
  `unknown callbackType '${shownValue(input)}'; accepted: 1 (every segment), 2 (only non-compliant segments)`;
export const callbackTypeNotFor = (review: string) =>
  `applies only to ${CALLBACK_TYPE_KINDS.join(', ')} callbacks, not ${review} (CI documents no CallbackType for it)`;
export const liveStateNotFor = (review: string) => `applies only to live callbacks, not ${review}`;
export const consoleTestNotFor = (review: string, version: string | undefined) =>
  version === 'detail'
    ? 'the console test request is a Simple body; leave callbackVersion out or set it to simple'
    : `the console sends no test request for ${review}; it does for ${CONSOLE_TEST_KINDS.join(', ')}`;

/** A problem of one field of the options. */
export interface OptionProblem {
  field: string;
  problem: string;
}

/**
 * The first rule between fields the options break (a form the kind lacks, CallbackType or liveState where they do
 * not apply, a console test CI does not send), once each field on its own is accepted. The zod schemas of the
 * API and the CLI apply this same function as a refinement.
 */
export function reviewCombinationProblem(options: {
  review: ReviewKind;
  callbackVersion?: CallbackVersion | undefined;
  callbackType?: number | undefined;
  liveState?: string | undefined;
  consoleTest?: boolean | undefined;
}): OptionProblem | undefined {
  const { review, callbackVersion, callbackType, liveState, consoleTest } = options;
  if (callbackVersion !== undefined && !versionsOf(review).includes(callbackVersion))
    return { field: 'callbackVersion', problem: noSuchVersion(review, callbackVersion) };
  if (callbackType !== undefined && !REVIEWS[review].callbackTypes)
    return { field: 'callbackType', problem: callbackTypeNotFor(review) };
  if (liveState !== undefined && review !== 'live')
    return { field: 'liveState', problem: liveStateNotFor(review) };
  if (consoleTest === true && (callbackVersion === 'detail' || !CONSOLE_TEST_KINDS.includes(review)))
    return { field: 'consoleTest', problem: consoleTestNotFor(review, callbackVersion) };
  return undefined;
}

/** The first problem of the options, as an InputError naming its field; nothing when all are accepted. */
export function checkReviewOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InputError(['options'], `options: ${notAnObject(options)}`);
  const given = options as Record<string, unknown>;
  if (given['review'] === undefined) throw new InputError(['review'], `review: ${REVIEW_REQUIRED}`);
  const problem = fieldProblem(given) ?? reviewCombinationProblem(given as never);
  if (problem) throw new InputError([problem.field], `${problem.field}: ${problem.problem}`);
}

function fieldProblem(given: Record<string, unknown>): OptionProblem | undefined {
  for (const field of ['review', 'callbackVersion', 'result', 'liveState'] as const) {
    const value = given[field];
    const accepted: readonly string[] = REVIEW_CHOICES[field];
    if (value !== undefined && !accepted.includes(value as string))
      return { field, problem: unknownChoice(field, value, accepted) };
  }
  if (given['callbackType'] !== undefined && !isCallbackType(given['callbackType']))
    return { field: 'callbackType', problem: notACallbackType(given['callbackType']) };
  for (const field of ['consoleTest', 'compact'] as const)
    if (given[field] !== undefined && typeof given[field] !== 'boolean')
      return { field, problem: notABoolean(given[field]) };
  if (given['seed'] !== undefined && !isSeed(given['seed']))
    return { field: 'seed', problem: notASeed(given['seed']) };
  return undefined;
}

export const isCallbackType = (value: unknown): value is CallbackType =>
  (CALLBACK_TYPES as readonly unknown[]).includes(value);
