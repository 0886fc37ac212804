/**
 * @module review-catalog
 * The moderation kinds as callers list them (`GET /reviews`, `ci-callback reviews`, the dashboard's catalog):
 * each kind's event, forms (CI's default first), and which options apply to it.
 */
import { REVIEWS } from '../moderation/index.ts';
import { type CallbackVersion, REVIEW_KINDS, REVIEW_RESULTS, type ReviewKind } from '../moderation/types.ts';
import { CONSOLE_TEST_KINDS } from './review-rules.ts';

export interface ReviewDescription {
  review: ReviewKind;
  eventName: string;
  summary: string;
  callbackVersions: readonly CallbackVersion[];
  defaultCallbackVersion: CallbackVersion;
  results: readonly string[];
  /** Whether `callbackType` 2 (only non-compliant segments) applies. */
  callbackTypes: boolean;
  /** Whether the console sends a test request for it. */
  consoleTest: boolean;
}

export function describeReviews(): ReviewDescription[] {
  return REVIEW_KINDS.map((review) => {
    const definition = REVIEWS[review];
    return {
      review,
      eventName: definition.eventName,
      summary: definition.description,
      callbackVersions: definition.versions,
      defaultCallbackVersion: definition.versions[0],
      results: REVIEW_RESULTS,
      callbackTypes: definition.callbackTypes,
      consoleTest: CONSOLE_TEST_KINDS.includes(review),
    };
  });
}
