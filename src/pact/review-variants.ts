/**
 * @module pact/review-variants
 * The content-moderation variants the contract covers: every kind × the forms CI sends it in (Simple, Detail) ×
 * result class (normal, violation, suspected). Named as deliveries are logged — `review:<kind>` — so `verify
 * --tags review:video` selects them like a Tag.
 */
import { REVIEWS } from '../moderation/index.ts';
import {
  type CallbackVersion,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ReviewKind,
  type ReviewResult,
} from '../moderation/types.ts';
import { generateReview, type ReviewGenerateResult } from '../payloads/generate-review.ts';

export interface ReviewContractVariant {
  review: ReviewKind;
  callbackVersion: CallbackVersion;
  result: ReviewResult;
  seed: number;
}

/** What a moderation variant is listed under beside the Tags: `review:image`. */
export const reviewTagOf = (review: ReviewKind) => `review:${review}`;

/** Every variant uses this seed: the result class, not the seed, is what varies. */
const REVIEW_SEED = 1;

/** `review:video · simple · violation`. */
export function describeReviewVariant(variant: Omit<ReviewContractVariant, 'seed'>): string {
  return [reviewTagOf(variant.review), variant.callbackVersion, variant.result].join(' · ');
}

/** Parses a description back into its variant (the inverse of describeReviewVariant), or undefined. */
export function parseReviewDescription(description: string): Omit<ReviewContractVariant, 'seed'> | undefined {
  const [tag, callbackVersion, result, ...rest] = description.split(' · ');
  const review = tag?.startsWith('review:') ? tag.slice('review:'.length) : undefined;
  if (rest.length > 0 || !REVIEW_KINDS.includes(review as ReviewKind)) return undefined;
  const kind = review as ReviewKind;
  if (!REVIEWS[kind].versions.includes(callbackVersion as CallbackVersion)) return undefined;
  if (!REVIEW_RESULTS.includes(result as ReviewResult)) return undefined;
  return {
    review: kind,
    callbackVersion: callbackVersion as CallbackVersion,
    result: result as ReviewResult,
  };
}

export function reviewContractVariants(kinds: readonly ReviewKind[] = REVIEW_KINDS): ReviewContractVariant[] {
  return kinds.flatMap((review) =>
    REVIEWS[review].versions.flatMap((callbackVersion) =>
      REVIEW_RESULTS.map((result) => ({ review, callbackVersion, result, seed: REVIEW_SEED })),
    ),
  );
}

/** The callback a variant sends: its body and the header naming its form. */
export function reviewVariantPayload(variant: ReviewContractVariant): ReviewGenerateResult {
  return generateReview({
    review: variant.review,
    callbackVersion: variant.callbackVersion,
    result: variant.result,
    seed: variant.seed,
  });
}
