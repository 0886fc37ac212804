/**
 * @module delivery/model
 * The types of the delivery model — a payload choice, a schedule spec, a delivery as accepted — on their own,
 * so the modules that check, store and draw from them (payload-plan, schedule-spec, store) import these
 * types instead of each other.
 */
import type { Format, JobState, JsonShape, Trigger } from '../core/types.ts';
import type { FaultPlan } from '../faults/options.ts';
import type {
  CallbackType,
  CallbackVersion,
  LiveState,
  ReviewKind,
  ReviewResult,
} from '../moderation/types.ts';
import type { RetryPolicy } from './retry.ts';

/**
 * How one delivery is sent where it differs from the server's settings (`serve --retry`, `--attempt-header`).
 * Not kept in the log: a replay or a faulted extra is sent with the server's settings.
 */
export interface SendSettings {
  /** The waits before the 2nd, 3rd, … attempt. */
  retryPolicy?: RetryPolicy;
  /** Whether each attempt carries X-CI-Callback-Attempt (the emitter's header, not CI's). */
  attemptHeader?: boolean;
}

/**
 * A schedule's moderation callbacks, instead of TaskFinish: one kind and form, the result drawn on each run
 * from `results` (every result class when left out).
 */
export interface ReviewChoice {
  review: ReviewKind;
  callbackVersion?: CallbackVersion;
  results?: readonly ReviewResult[];
  callbackType?: CallbackType;
  liveState?: LiveState;
}

/** What a schedule draws from on each run. An axis left out means every value of it. */
export interface PayloadChoice {
  /** Drawn uniformly; with neither `tags` nor `weights`, every known Tag. */
  tags?: readonly string[];
  /** Drawn in proportion to the weight: `{ SmartCover: 3, SoundHound: 1 }`. */
  weights?: Readonly<Record<string, number>>;
  formats?: readonly Format[];
  triggers?: readonly Trigger[];
  states?: readonly JobState[];
  jsonShape?: JsonShape;
  overrides?: readonly string[];
  /** Moderation callbacks instead of TaskFinish (then no Tags, formats, triggers, states or overrides). */
  review?: ReviewChoice;
}

/** What a schedule is, as stored: where it sends, when, what it draws payloads from, how many it sends. */
export interface ScheduleSpec {
  target: string;
  /** An interval as written, e.g. "5s" (src/core/duration.ts); exactly one of `every` and `cron`. */
  every?: string | number;
  /** A cron pattern (5 fields, or 6 with seconds first), in the server's local time zone. */
  cron?: string;
  choice: PayloadChoice;
  /** Extra headers on every delivery (e.g. a shared-secret header). */
  headers: Record<string, string>;
  /** Stop (status `done`) after this many deliveries; none means run until deleted. */
  limit?: number;
  /** Each run is delayed by a random 0 … jitter, as written, e.g. "500ms". */
  jitter?: string | number;
  /** Delivery faults drawn for each run (see src/faults). */
  faults?: FaultPlan;
  /** `workflow-finish`: each run sends the WorkflowFinish of a workflow run over `choice.tags` (the nodes). */
  event?: 'task-finish' | 'workflow-finish';
  /** With `event: workflow-finish`: each run sends the whole workflow run; `limit` then counts runs. */
  run?: boolean;
  /** The retry schedule as written (src/delivery/retry-schedule.ts), e.g. "0,1s,5s" or "none"; the server's when left out. */
  retry?: string;
  /** Whether attempts carry X-CI-Callback-Attempt; the server's setting when left out. */
  attemptHeader?: boolean;
}

/** A delivery as accepted, before its first attempt. */
export interface NewDelivery {
  target: string;
  body: string;
  contentType: string;
  /**
   * The caller's extra headers (Content-Type and the attempt header are added when sending); a moderation
   * callback's X-Ci-Content-Version is one of them, so a replay sends it again.
   */
  headers: Record<string, string>;
  /** The Tag; `review:<kind>` for a moderation callback (its `state` is then the result class). */
  tag: string | null;
  format: string | null;
  trigger: string | null;
  state: string | null;
  seed: number | null;
  scheduleId: number | null;
  /** The delivery this one replays. */
  replayOf: number | null;
  /** The delivery fault that shaped this one, e.g. `duplicate` or `malformed/cut-short`. */
  fault?: string | null;
  /** The delivery this faulted one derives from (`duplicate of #123`). */
  faultOf?: number | null;
  /** Settings of this delivery's sending that differ from the server's. */
  send?: SendSettings;
}
