/**
 * @module cli/review-flags
 * The flags that pick a content-moderation callback (`--review KIND` and its options), shared by generate and
 * send, parsed with the zod schemas the API validates with (src/payloads/review-options.ts). A moderation
 * callback is JSON only and has no Tag, trigger, state, JSON shape or overrides: those flags are refused beside
 * `--review` rather than silently ignored, as are the review flags without it.
 */
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import type { ReviewOptions } from '../payloads/generate-review.ts';
import { seedTextSchema } from '../payloads/payload-options.ts';
import {
  callbackTypeTextSchema,
  refineReviewCombination,
  reviewOptionFields,
  reviewSchema,
} from '../payloads/review-options.ts';
import {
  JSON_ONLY,
  NEEDS_REVIEW,
  NOT_FOR_REVIEWS,
  REVIEW_ONLY_FIELDS,
  TASK_FINISH_FIELDS,
} from '../payloads/review-rules.ts';
import { flagOfField } from './flag-names.ts';
import { definedFields, parseFlagValues } from './flag-schema.ts';
import type { FlagTable, FlagValues, REVIEW_FLAGS } from './flags.ts';

/** What a review flag set also holds: the payload flags that mean nothing for a moderation callback. */
export interface ReviewFlagValues extends FlagValues<typeof REVIEW_FLAGS> {
  seed?: string | undefined;
  format?: string | undefined;
  compact?: boolean | undefined;
  [flag: string]: unknown;
}

const reviewFlagsSchema = z
  .object({
    review: reviewSchema,
    ...reviewOptionFields,
    callbackType: callbackTypeTextSchema.optional(),
    seed: seedTextSchema.optional(),
  })
  .superRefine(refineReviewCombination);

/** Whether the flags ask for a moderation callback; refuses review flags given without `--review`. */
export function asksForReview(values: ReviewFlagValues): boolean {
  if (values.review !== undefined) return true;
  const stray = REVIEW_ONLY_FIELDS.find((field) => values[flagOfField(field)] !== undefined);
  if (stray) throw new InputError(stray, `${stray}: ${NEEDS_REVIEW}`);
  return false;
}

/** The ReviewOptions the flags describe. */
export function reviewOptions(values: ReviewFlagValues, flags: FlagTable): ReviewOptions {
  const taskFinish = TASK_FINISH_FIELDS.find((field) => values[flagOfField(field)] !== undefined);
  if (taskFinish) throw new InputError(taskFinish, `${taskFinish}: ${NOT_FOR_REVIEWS}`);
  if (values.format !== undefined && values.format !== 'json')
    throw new InputError('format', `format: ${JSON_ONLY}`);
  const parsed = parseFlagValues(
    reviewFlagsSchema,
    {
      review: values.review,
      callbackVersion: values['callback-version'],
      result: values.result,
      callbackType: values['callback-type'],
      liveState: values['live-state'],
      consoleTest: values['console-test'],
      seed: values.seed,
    },
    flags,
  );
  const options: ReviewOptions = definedFields(parsed) as ReviewOptions;
  if (values.compact) options.compact = true;
  return options;
}
