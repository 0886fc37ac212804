/**
 * @module load/run-request
 * A load run's options as a caller gives them, as one zod schema per field: `POST /load-runs` validates its
 * body with them, `load`'s flags are parsed with them (src/cli/load.ts), and `resolveLoadPlan`
 * (src/load/plan.ts) checks a library caller's input with them before it applies the rules between fields.
 */
import { z } from 'zod';
import { durationSchema } from '../core/duration.ts';
import { numberOrText, positiveNumberUpTo, wholeNumberIn } from '../core/number-fields.ts';
import { targetSchema } from '../delivery/target.ts';
import { faultsSchema } from '../faults/options.ts';
import { REVIEW_RESULTS } from '../moderation/types.ts';
import { choiceOf, seedSchema } from '../payloads/payload-options.ts';
import { callbackVersionSchema, reviewSchema } from '../payloads/review-options.ts';

export const FORMAT_CHOICES = ['xml', 'json', 'mixed'] as const;
export type FormatChoice = (typeof FORMAT_CHOICES)[number];
export const TRIGGER_CHOICES = ['direct', 'workflow', 'mixed'] as const;
export type TriggerChoice = (typeof TRIGGER_CHOICES)[number];
export const STATE_CHOICES = ['success', 'failed', 'mixed'] as const;
export type StateChoice = (typeof STATE_CHOICES)[number];
export const REVIEW_RESULT_CHOICES = [...REVIEW_RESULTS, 'mixed'] as const;
export type ReviewResultChoice = (typeof REVIEW_RESULT_CHOICES)[number];

/** Upper bounds that keep a typo from becoming a denial of service against the target or this machine. */
export const LOAD_LIMITS = { connections: 10_000, maxInFlight: 100_000, rate: 1_000_000 } as const;
/** Durations of a run: above 0 (1 ms), at most a day. */
export const RUN_TIME = { minMs: 1, maxMs: 24 * 3_600_000 } as const;

export const loadRunBody = z.strictObject({
  target: targetSchema,
  rate: positiveNumberUpTo(LOAD_LIMITS.rate)
    .optional()
    .meta({ description: 'Open model: requests per second, on schedule' }),
  connections: wholeNumberIn(1, LOAD_LIMITS.connections)
    .optional()
    .meta({ description: 'HTTP connections; without rate, the closed model with this many in flight' }),
  maxInFlight: wholeNumberIn(1, LOAD_LIMITS.maxInFlight)
    .optional()
    .meta({ description: 'Open model: most requests in flight (default 1000)' }),
  duration: durationSchema(
    "The measured time (default 10s, within this server's limit)",
    RUN_TIME,
  ).optional(),
  warmup: durationSchema(
    'Sent before the measured window and excluded from its figures, reported apart as `warmup` (default 1s; 0 turns it off)',
    { ...RUN_TIME, minMs: 0 },
  ).optional(),
  timeout: durationSchema('Per request (default 10s)', RUN_TIME).optional(),
  tags: z
    .string()
    .optional()
    .meta({ description: '"all" (default) or "Tag:weight,Tag", e.g. "SmartCover:5,SoundHound:1"' }),
  format: choiceOf('format', FORMAT_CHOICES).optional(),
  trigger: choiceOf('trigger', TRIGGER_CHOICES).optional(),
  state: choiceOf('state', STATE_CHOICES).optional(),
  seed: seedSchema.optional(),
  failOn: z
    .string()
    .optional()
    .meta({ description: 'Thresholds as in --fail-on, e.g. "p99>250ms,errors>0.1%"' }),
  faults: faultsSchema.optional(),
  review: reviewSchema
    .optional()
    .meta({ description: 'A moderation kind (GET /reviews): send its callbacks instead of TaskFinish' }),
  callbackVersion: callbackVersionSchema
    .optional()
    .meta({ description: "With review: simple or detail (default CI's default for the kind)" }),
  result: choiceOf('result', REVIEW_RESULT_CHOICES)
    .optional()
    .meta({ description: 'With review: normal, violation, suspected, or mixed (default: each in turn)' }),
});
export type LoadRunBody = z.infer<typeof loadRunBody>;

/** A library caller's input to `resolveLoadPlan` (src/load/plan.ts `LoadInput`): numbers may come as text. */
export const loadInputSchema = z.object({
  rate: numberOrText(loadRunBody.shape.rate),
  connections: numberOrText(loadRunBody.shape.connections),
  maxInFlight: numberOrText(loadRunBody.shape.maxInFlight),
  duration: loadRunBody.shape.duration,
  warmup: loadRunBody.shape.warmup,
  timeout: loadRunBody.shape.timeout,
  tags: loadRunBody.shape.tags,
  format: loadRunBody.shape.format,
  trigger: loadRunBody.shape.trigger,
  state: loadRunBody.shape.state,
  seed: numberOrText(loadRunBody.shape.seed),
  review: loadRunBody.shape.review,
  callbackVersion: loadRunBody.shape.callbackVersion,
  result: loadRunBody.shape.result,
});
