/**
 * @module load/run-request
 * A load run's options as a caller gives them (`POST /load-runs`), as one zod schema; `resolveLoadPlan`
 * (src/load/plan.ts) turns them into a plan.
 */
import { z } from 'zod';
import { durationSchema } from '../delivery/duration.ts';
import { targetSchema } from '../delivery/target.ts';
import { faultsSchema } from '../faults/options.ts';
import { positiveNumberUpTo, wholeNumberIn } from '../number-fields.ts';
import { choiceOf, seedSchema } from '../payload-options.ts';
import { FORMAT_CHOICES, LOAD_LIMITS, RUN_TIME, STATE_CHOICES, TRIGGER_CHOICES } from './plan.ts';

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
  warmup: durationSchema('Sent but left out of the report (default 0)', { ...RUN_TIME, minMs: 0 }).optional(),
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
});
export type LoadRunBody = z.infer<typeof loadRunBody>;
