/**
 * @module schema/review-infer
 * A moderation kind's body shape in one form, learnt from its generator as the TaskFinish shapes are
 * (./infer.ts): `generateReview` runs over many seeds in every variant the kind has — each result class, each
 * CallbackType where it applies, each live state — and ReviewShapeLearner records what the bodies hold. The
 * definitions then fix what a pattern cannot learn: the JobId (`JobsDetail.JobId`, Simple `data.trace_id`) is the
 * kind's two letters and 32 hex digits (src/moderation/data/content.ts). The console's test request is not
 * learnt: it is one fixed body (src/moderation/data/console-tests.ts), which the schema takes as it is.
 */
import { JOB_ID_PREFIX } from '../moderation/data/content.ts';
import { REVIEWS } from '../moderation/index.ts';
import {
  CALLBACK_TYPES,
  type CallbackType,
  type CallbackVersion,
  LIVE_STATES,
  type LiveState,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ReviewKind,
} from '../moderation/types.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { type ReviewShape, ReviewShapeLearner, reviewShapeAt } from './review-shape.ts';

/**
 * Seeds per variant. A body holds many segments (frames, sections, pages), each learnt from, so fewer seeds than
 * a TaskFinish Tag needs see every optional part many times over.
 */
export const REVIEW_LEARNING_SEEDS = 60;

/** Where each form keeps the job's id. */
const JOB_ID_PATH: Readonly<Record<CallbackVersion, string>> = {
  detail: 'JobsDetail.JobId',
  simple: 'data.trace_id',
};

/** Every kind in every form it has, in the registry's order, Detail first. */
export function reviewForms(): { kind: ReviewKind; form: CallbackVersion }[] {
  return REVIEW_KINDS.flatMap((kind) =>
    (['detail', 'simple'] as const)
      .filter((form) => REVIEWS[kind].versions.includes(form))
      .map((form) => ({ kind, form })),
  );
}

export function learnReviewShape(
  kind: ReviewKind,
  form: CallbackVersion,
  seeds = REVIEW_LEARNING_SEEDS,
): ReviewShape {
  const definition = REVIEWS[kind];
  const callbackTypes: (CallbackType | undefined)[] = definition.callbackTypes
    ? [...CALLBACK_TYPES]
    : [undefined];
  const liveStates: (LiveState | undefined)[] = kind === 'live' ? [...LIVE_STATES] : [undefined];
  const learner = new ReviewShapeLearner();
  for (const result of REVIEW_RESULTS) {
    for (const callbackType of callbackTypes) {
      for (const liveState of liveStates) {
        for (let seed = 0; seed < seeds; seed++) {
          const { document } = generateReview({
            review: kind,
            callbackVersion: form,
            result,
            seed,
            compact: true,
            ...(callbackType === undefined ? {} : { callbackType }),
            ...(liveState === undefined ? {} : { liveState }),
          });
          learner.add(document);
        }
      }
    }
  }
  const body = learner.shape();
  const jobId = reviewShapeAt(body, JOB_ID_PATH[form]);
  if (!jobId?.string) throw new Error(`${kind} ${form}: no ${JOB_ID_PATH[form]} seen`);
  jobId.string = { pattern: `^${JOB_ID_PREFIX[kind]}[0-9a-f]{32}$` };
  return { kind, form, event: definition.eventName, body };
}
