/**
 * @module probe/run-request
 * A probe run's options as a caller gives them (`POST /probes`), as one zod schema.
 */
import { z } from 'zod';
import { wholeNumberIn } from '../core/number-fields.ts';
import { headersSchema } from '../delivery/header-rules.ts';
import { targetSchema } from '../delivery/target.ts';
import { formatSchema, seedSchema } from '../payloads/payload-options.ts';
import { reviewSchema } from '../payloads/review-options.ts';

const probeNames = z
  .array(z.string())
  .max(100)
  .meta({ description: `Fault names or probe ids, e.g. "malformed" or "malformed/empty"` });

export const probeBody = z.strictObject({
  target: targetSchema,
  headers: headersSchema.optional(),
  format: formatSchema.optional(),
  only: probeNames.optional(),
  skip: probeNames.optional(),
  timeoutMs: wholeNumberIn(100, 60_000, 'milliseconds')
    .optional()
    .meta({ description: 'How long a probe waits for an answer (default 10000)' }),
  burstSize: wholeNumberIn(1, 200).optional().meta({ description: 'Callbacks sent at once (default 20)' }),
  seed: seedSchema.optional(),
  review: reviewSchema.optional().meta({
    description:
      'A moderation kind (GET /reviews): the canary is one of its callbacks and the review probes run (each form, the console test)',
  }),
});
export type ProbeBody = z.infer<typeof probeBody>;
