/**
 * @module review-rules
 * What `generateReview()` accepts — kind, callback version, result, CallbackType, live state, console test,
 * seed, compact — and the words that refuse the rest, without a validation library (as payload-rules.ts does
 * for TaskFinish), so the payload library still loads only faker. The API's and the CLI's zod schemas
 * (review-options.ts) are built from these names and words.
 */
import { InputError } from '../core/errors.ts';
import { REVIEWS } from '../moderation/index.ts';
import {
  CALLBACK_TYPES,
  CALLBACK_VERSIONS,
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

export const REVIEW_REQUIRED = `review is required: a moderation kind, one of ${REVIEW_KINDS.join(', ')}`;

/** The forms a kind has, its default first. */
export const versionsOf = (review: ReviewKind): readonly CallbackVersion[] => REVIEWS[review].versions;
/** The kinds the console sends a test request for: those with a Simple form. */
export const CONSOLE_TEST_KINDS = REVIEW_KINDS.filter((kind) => REVIEWS[kind].versions.includes('simple'));
export const CALLBACK_TYPE_KINDS = REVIEW_KINDS.filter((kind) => REVIEWS[kind].callbackTypes);

export const noSuchVersion = (review: string, version: string) =>
  `${review} callbacks have no ${version} form (CI publishes only ${versionsOf(review as ReviewKind).join(', ')} for ${review}); accepted: ${versionsOf(review as ReviewKind).join(', ')}`;
export const notACallbackType = (input: unknown) =>
  `unknown callbackType ${JSON.stringify(input) ?? String(input)}; accepted: 1 (every segment), 2 (only non-compliant segments)`;
export const callbackTypeNotFor = (review: string) =>
  `callbackType does not apply to ${review} callbacks; it applies to ${CALLBACK_TYPE_KINDS.join(', ')}`;
export const liveStateNotFor = (review: string) => `liveState applies only to live callbacks, not ${review}`;
export const consoleTestNotFor = (review: string, version: string | undefined) =>
  version === 'detail'
    ? 'the console test request is a Simple body; leave callbackVersion out or set it to simple'
    : `the console sends no test request for ${review}; it does for ${CONSOLE_TEST_KINDS.join(', ')}`;

/** The first problem of the options, as an InputError naming its field; nothing when all are accepted. */
export function checkReviewOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InputError(['options'], `options: ${notAnObject(options)}`);
  const given = options as Record<string, unknown>;
  const { review, callbackVersion, callbackType, liveState, consoleTest } = given;
  if (review === undefined) throw new InputError(['review'], `review: ${REVIEW_REQUIRED}`);
  for (const field of ['review', 'callbackVersion', 'result', 'liveState'] as const) {
    const value = given[field];
    const accepted: readonly string[] = REVIEW_CHOICES[field];
    if (value !== undefined && !accepted.includes(value as string))
      throw new InputError([field], `${field}: ${unknownChoice(field, value, accepted)}`);
  }
  const kind = review as ReviewKind;
  if (callbackVersion !== undefined && !versionsOf(kind).includes(callbackVersion as CallbackVersion))
    throw new InputError(
      ['callbackVersion'],
      `callbackVersion: ${noSuchVersion(kind, callbackVersion as string)}`,
    );
  if (callbackType !== undefined) {
    if (!(CALLBACK_TYPES as readonly unknown[]).includes(callbackType))
      throw new InputError(['callbackType'], `callbackType: ${notACallbackType(callbackType)}`);
    if (!REVIEWS[kind].callbackTypes)
      throw new InputError(['callbackType'], `callbackType: ${callbackTypeNotFor(kind)}`);
  }
  if (liveState !== undefined && kind !== 'live')
    throw new InputError(['liveState'], `liveState: ${liveStateNotFor(kind)}`);
  if (consoleTest !== undefined && typeof consoleTest !== 'boolean')
    throw new InputError(['consoleTest'], `consoleTest: ${notABoolean(consoleTest)}`);
  if (consoleTest === true && (callbackVersion === 'detail' || !CONSOLE_TEST_KINDS.includes(kind)))
    throw new InputError(
      ['consoleTest'],
      `consoleTest: ${consoleTestNotFor(kind, callbackVersion as string | undefined)}`,
    );
  if (given['seed'] !== undefined && !isSeed(given['seed']))
    throw new InputError(['seed'], `seed: ${notASeed(given['seed'])}`);
  if (given['compact'] !== undefined && typeof given['compact'] !== 'boolean')
    throw new InputError(['compact'], `compact: ${notABoolean(given['compact'])}`);
}
