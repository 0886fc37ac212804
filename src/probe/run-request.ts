/**
 * @module probe/run-request
 * A probe run's options as a caller gives them (`POST /probes`), as one zod schema.
 */
import { z } from 'zod';
import { MAX_SEED } from '../core/faker.ts';
import { FORMATS } from '../core/types.ts';
import { headersSchema } from '../delivery/header-rules.ts';
import { targetSchema } from '../delivery/target.ts';

const probeNames = z
  .array(z.string())
  .max(100)
  .meta({ description: `Fault names or probe ids, e.g. "malformed" or "malformed/empty"` });

export const probeBody = z.strictObject({
  target: targetSchema,
  headers: headersSchema.optional(),
  format: z.enum(FORMATS).optional(),
  only: probeNames.optional(),
  skip: probeNames.optional(),
  timeoutMs: z
    .int()
    .min(100)
    .max(60_000)
    .optional()
    .meta({ description: 'How long a probe waits for an answer (default 10000)' }),
  burstSize: z.int().min(1).max(200).optional().meta({ description: 'Callbacks sent at once (default 20)' }),
  seed: z.int().min(0).max(MAX_SEED).optional(),
});
export type ProbeBody = z.infer<typeof probeBody>;
