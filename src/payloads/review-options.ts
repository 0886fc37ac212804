/**
 * @module review-options
 * A moderation callback's options as zod schemas, for the API's queries and bodies and the CLI's flags: built
 * from the names and words of review-rules.ts, which `generateReview()` applies without zod, so the library,
 * the API and the CLI accept the same values and refuse the rest with the same message.
 */
import { z } from 'zod';
import { numberFromText } from '../core/number-fields.ts';
import { choiceOf } from './payload-options.ts';
import { notABoolean } from './payload-rules.ts';
import {
  isCallbackType,
  notACallbackType,
  REVIEW_CHOICES,
  reviewCombinationProblem,
} from './review-rules.ts';

export const reviewSchema = choiceOf('review', REVIEW_CHOICES.review);
export const callbackVersionSchema = choiceOf('callbackVersion', REVIEW_CHOICES.callbackVersion);
export const reviewResultSchema = choiceOf('result', REVIEW_CHOICES.result);
export const liveStateSchema = choiceOf('liveState', REVIEW_CHOICES.liveState);
export const callbackTypeSchema = z
  .number({ error: (issue) => notACallbackType(issue.input) })
  .refine(isCallbackType, { error: (issue) => notACallbackType(issue.input) })
  .transform((value) => value as 1 | 2);
/** `--callback-type 2`, `?callbackType=2`. */
export const callbackTypeTextSchema = numberFromText(callbackTypeSchema);
export const consoleTestSchema = z.boolean({ error: (issue) => notABoolean(issue.input) });

/** The fields that pick one moderation callback, beside `review`. */
export const reviewOptionFields = {
  callbackVersion: callbackVersionSchema.optional().meta({
    description: "simple or detail; default CI's default for the kind (GET /reviews lists each kind's forms)",
  }),
  result: reviewResultSchema.optional().meta({ description: 'normal (default), violation or suspected' }),
  callbackType: callbackTypeSchema.optional().meta({
    description: '1 (default) every snapshot, section or page; 2 only the non-compliant ones',
  }),
  liveState: liveStateSchema.optional().meta({
    description: 'live: auditing (an in-progress callback) or success (the final one, default)',
  }),
  consoleTest: consoleTestSchema.optional().meta({
    description: "the console's fixed test request sent when a callback URL is saved",
  }),
};

/** The rules between fields (a form the kind lacks, …) as a zod refinement, in review-rules' words. */
export function refineReviewCombination(
  options: Parameters<typeof reviewCombinationProblem>[0] | { review?: undefined },
  ctx: z.RefinementCtx,
): void {
  if (options.review === undefined) return;
  const problem = reviewCombinationProblem(options as Parameters<typeof reviewCombinationProblem>[0]);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.problem });
}
