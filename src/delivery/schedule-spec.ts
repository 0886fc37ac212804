/**
 * @module delivery/schedule-spec
 * What a schedule is, as stored: where it sends, when (`every` an interval or `cron` a pattern, croner), what
 * it draws payloads from, and how many it sends. Checked once when created; run times computed from it.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { durationSchema, parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { checkedInput } from '../core/issues.ts';
import { MAX_WORKFLOW_NODES } from '../payloads/workflow-finish-body.ts';
import { headersSchema } from './header-rules.ts';
import type { ScheduleSpec, SendSettings } from './model.ts';
import { checkPayloadChoice } from './payload-plan.ts';
import { parseRetrySchedule, retrySchema } from './retry-schedule.ts';
import { callbacksPerRun } from './workflow-run.ts';

/** Whether each run of the schedule sends a workflow event (the nodes are `choice.tags`, in order). */
export function isWorkflowSchedule(spec: ScheduleSpec): boolean {
  return spec.event === 'workflow-finish' || spec.run === true;
}

/** How many runs a schedule has started, from the callbacks it has sent (a whole run is several). */
export function runsStarted(spec: ScheduleSpec, sent: number): number {
  if (!isWorkflowSchedule(spec)) return sent;
  return Math.ceil(sent / callbacksPerRun({ run: spec.run === true, tags: spec.choice.tags ?? [] }));
}

/** Faster than this a schedule is a load test; `ci-callback load` is the tool for that. */
export const MIN_EVERY_MS = 50;
export const MAX_EVERY_MS = 7 * 24 * 3_600_000;
export const EVERY_RANGE = { minMs: MIN_EVERY_MS, maxMs: MAX_EVERY_MS } as const;
export const JITTER_RANGE = { maxMs: MAX_EVERY_MS } as const;

/** The fields of a spec with a schema of their own, shared with POST /schedules (src/api/schemas.ts). */
export const scheduleSpecFields = {
  every: durationSchema(
    'Interval between runs, at least 50ms; the first run is one interval after creation',
    EVERY_RANGE,
  ).optional(),
  jitter: durationSchema('Delay each run by a random 0 … jitter', JITTER_RANGE).optional(),
  headers: headersSchema,
  limit: z.int().min(1, 'must be a whole number of deliveries, 1 or more').optional().meta({
    description: 'Stop (status done) after this many deliveries (with run: true, this many runs)',
  }),
  retry: retrySchema.optional(),
  attemptHeader: z.boolean().optional().meta({
    description:
      "Send X-CI-Callback-Attempt: 1, 2, … with each attempt (the emitter's header: CI sends none). Default: the server's (off unless serve --attempt-header)",
  }),
};

/** How a delivery of this spec is sent where it differs from the server's settings. */
export function sendSettingsOf(
  spec: Pick<ScheduleSpec, 'retry' | 'attemptHeader'>,
): SendSettings | undefined {
  if (spec.retry === undefined && spec.attemptHeader === undefined) return undefined;
  return {
    ...(spec.retry !== undefined ? { retryPolicy: parseRetrySchedule('retry', spec.retry) } : {}),
    ...(spec.attemptHeader !== undefined ? { attemptHeader: spec.attemptHeader } : {}),
  };
}

/** Checks a spec before it is stored; `now` is when a cron pattern must still have a run after. */
export function checkScheduleSpec(spec: ScheduleSpec, now = new Date()): ScheduleSpec {
  if ((spec.every === undefined) === (spec.cron === undefined)) {
    throw new InputError('every', 'give exactly one of every (e.g. "5s") and cron (e.g. "*/1 * * * *")');
  }
  checkedInput(z.object(scheduleSpecFields), spec);
  if (spec.cron !== undefined && nextCronRun(spec.cron, now) === undefined) {
    throw new InputError(
      'cron',
      `cron '${spec.cron}' never runs: no time after ${now.toISOString()} matches it (e.g. day 31 of a month ` +
        'that has 30 days); accepted: a pattern with a next run, e.g. "0 0 30 4,6,9,11 *"',
    );
  }
  if (isWorkflowSchedule(spec)) checkWorkflowChoice(spec);
  return { ...spec, choice: checkPayloadChoice(spec.choice) };
}

/** A workflow schedule's nodes are fixed: its Tags, in order; triggers and weights would be ignored. */
function checkWorkflowChoice(spec: ScheduleSpec): void {
  const { tags, weights, triggers } = spec.choice;
  if (!tags || tags.length === 0)
    throw new InputError('tags', 'a workflow schedule needs tags: the nodes of each run, in order');
  if (tags.length > MAX_WORKFLOW_NODES)
    throw new InputError(
      'tags',
      `a workflow run has at most ${MAX_WORKFLOW_NODES} nodes, got ${tags.length}`,
    );
  if (weights || triggers)
    throw new InputError(
      weights ? 'weights' : 'triggers',
      'a workflow schedule sends fixed nodes (tags, in order), all workflow-triggered: give neither weights nor triggers',
    );
}

function cronOf(pattern: string): Cron {
  try {
    return new Cron(pattern, { paused: true });
  } catch (error) {
    throw new InputError(
      'cron',
      `cron '${pattern}' is not a valid pattern (${(error as Error).message}); accepted: 5 fields ` +
        `"min hour day month weekday" or 6 with seconds first, e.g. "*/1 * * * *"`,
    );
  }
}

/** The next run of a valid pattern, or `undefined` when none comes. */
function nextCronRun(pattern: string, after: Date): Date | undefined {
  const cron = cronOf(pattern);
  try {
    return cron.nextRun(after) ?? undefined;
  } catch {
    // croner searches recursively and overflows the stack on a day that never occurs in the months given
    return undefined;
  }
}

/** When the run after `after` is due (before jitter); `undefined` when a cron pattern has no more runs. */
export function nextRunAt(spec: ScheduleSpec, after: Date): Date | undefined {
  if (spec.every !== undefined) return new Date(after.getTime() + parseDuration('every', spec.every));
  return nextCronRun(spec.cron as string, after);
}

/** A random extra delay for one run, 0 … jitter. */
export function jitterDelayMs(spec: ScheduleSpec, random: () => number): number {
  return spec.jitter === undefined ? 0 : Math.floor(random() * parseDuration('jitter', spec.jitter));
}
