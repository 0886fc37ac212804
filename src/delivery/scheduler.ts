/**
 * @module delivery/scheduler
 * Runs schedules: one timer per active schedule, armed from what the store holds, so a schedule survives a
 * restart. Each run picks a payload, hands it to the deliverer without waiting for it, and arms the next run;
 * the `limit`-th delivery turns the schedule `done`.
 */

import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import type { Deliverer } from './deliverer.ts';
import { ShuttingDownError } from './deliverer.ts';
import type { FaultInjector } from './fault-injector.ts';
import type { ScheduleSpec } from './model.ts';
import { deliveryOf, pickPayload, pickReview, reviewDeliveryOf } from './payload-plan.ts';
import {
  checkScheduleSpec,
  isWorkflowSchedule,
  jitterDelayMs,
  nextRunAt,
  runsStarted,
  sendSettingsOf,
} from './schedule-spec.ts';
import type { DeliveryStore, ScheduleRecord } from './store.ts';
import { deliverWorkflowRun, planWorkflowEmission, type WorkflowRunPlan } from './workflow-run.ts';

/** A schedule as the API shows it: the stored record, how many it has sent, and when it runs next. */
export interface ScheduleState extends ScheduleRecord {
  sent: number;
  nextRunAt: string | null;
}

export interface SchedulerOptions {
  store: DeliveryStore;
  deliverer: Deliverer;
  /** [0, 1), for payload picks and jitter. */
  random?: () => number;
  now?: () => Date;
  /** A run that could not start (it is skipped; the schedule keeps going). */
  onError?: (schedule: ScheduleRecord, error: Error) => void;
  /** A schedule sent its limit. */
  onDone?: (schedule: ScheduleRecord) => void;
  /** Sends the extra deliveries of a schedule's `faults` after each run's delivery. */
  faultInjector?: FaultInjector;
}

export interface Scheduler {
  /** Arms every active schedule in the store. */
  start(): void;
  create(spec: ScheduleSpec, name?: string): ScheduleState;
  /** Creates the named schedule, or replaces the spec of the one with that name (keeping its status). */
  upsertNamed(name: string, spec: ScheduleSpec): ScheduleState;
  get(id: number): ScheduleState | undefined;
  list(): ScheduleState[];
  pause(id: number): ScheduleState | undefined;
  resume(id: number): ScheduleState | undefined;
  remove(id: number): boolean;
  /** Clears every timer: no run starts after this. */
  stop(): void;
}

/** One run of a workflow schedule: its nodes in order; format, state and seed drawn as for single callbacks. */
function planScheduledWorkflow(spec: ScheduleSpec, random: () => number): WorkflowRunPlan {
  const { tags = [], formats, states, jsonShape, overrides } = spec.choice;
  const drawn = pickPayload({ tags, ...(formats ? { formats } : {}), ...(states ? { states } : {}) }, random);
  const [plan] = planWorkflowEmission({
    tags,
    run: spec.run === true,
    random,
    ...(drawn.format ? { format: drawn.format } : {}),
    ...(drawn.state ? { state: drawn.state } : {}),
    ...(drawn.seed !== undefined ? { seed: drawn.seed } : {}),
    ...(spec.faults?.reorder ? { reorder: spec.faults.reorder } : {}),
    ...(jsonShape ? { jsonShape } : {}),
    ...(overrides ? { overrides } : {}),
  });
  return plan as WorkflowRunPlan;
}

/** setTimeout's ceiling; a later run is reached in hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const SCHEDULER_DEFAULTS = { random: Math.random, now: () => new Date() };

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, deliverer, random, now, onError, onDone, faultInjector } = {
    ...SCHEDULER_DEFAULTS,
    ...options,
  };
  const timers = new Map<number, { timer: NodeJS.Timeout; dueAt: Date }>();
  let stopped = false;

  function disarm(id: number): void {
    const armed = timers.get(id);
    if (armed) clearTimeout(armed.timer);
    timers.delete(id);
  }

  function dueTime(schedule: ScheduleRecord): Date | undefined {
    const current = now();
    if (schedule.spec.cron !== undefined) return nextRunAt(schedule.spec, current);
    // an interval counts from the last run (or creation); a run missed while stopped happens at once
    const due = nextRunAt(schedule.spec, new Date(schedule.lastRunAt ?? schedule.createdAt)) as Date;
    return new Date(Math.max(due.getTime(), current.getTime()));
  }

  function arm(schedule: ScheduleRecord, dueAt = dueTime(schedule)): void {
    disarm(schedule.id);
    if (stopped || schedule.status !== 'active' || dueAt === undefined) return;
    const wait = Math.max(0, dueAt.getTime() - now().getTime()) + jitterDelayMs(schedule.spec, random);
    const timer = setTimeout(() => fire(schedule.id, dueAt), Math.min(wait, MAX_TIMER_MS));
    timers.set(schedule.id, { timer, dueAt });
  }

  function fire(id: number, dueAt: Date): void {
    timers.delete(id);
    const schedule = store.getSchedule(id);
    if (stopped || !schedule || schedule.status !== 'active') return;
    // a run further off than one timer can wait was reached in hops: wait again
    if (dueAt.getTime() - now().getTime() > 1_000) {
      arm(schedule, dueAt);
      return;
    }
    const { spec } = schedule;
    const sent = runsStarted(spec, store.countDeliveries(id));
    if (spec.limit !== undefined && sent >= spec.limit) {
      finish(schedule);
      return;
    }

    store.updateSchedule(id, { lastRunAt: dueAt.toISOString() });
    try {
      const send = sendSettingsOf(spec);
      const destination = {
        target: spec.target,
        headers: spec.headers,
        scheduleId: id,
        ...(send ? { send } : {}),
      };
      const delivering = isWorkflowSchedule(spec)
        ? // in the log before the next tick counts the schedule's runs from it
          deliverWorkflowRun(deliverer, planScheduledWorkflow(spec, random), destination, { recordNow: true })
        : deliverer
            .deliver(
              spec.choice.review
                ? reviewDeliveryOf(generateReview(pickReview(spec.choice.review, random)), destination)
                : deliveryOf(generate(pickPayload(spec.choice, random)), destination),
            )
            .then((d) => [d]);
      delivering
        .then((delivered) => {
          const faults = spec.faults;
          if (faults && faultInjector)
            for (const one of delivered) faultInjector.afterDelivery(one, { plan: faults, random });
        })
        .catch((error: Error) => {
          if (!(error instanceof ShuttingDownError)) onError?.(schedule, error);
        });
    } catch (error) {
      onError?.(schedule, error as Error);
    }
    if (spec.limit !== undefined && sent + 1 >= spec.limit) finish(schedule);
    else arm({ ...schedule, lastRunAt: dueAt.toISOString() });
  }

  function finish(schedule: ScheduleRecord): void {
    const done = store.updateSchedule(schedule.id, { status: 'done' });
    if (done) onDone?.(done);
  }

  function stateOf(schedule: ScheduleRecord | undefined): ScheduleState | undefined {
    if (!schedule) return undefined;
    const armed = timers.get(schedule.id);
    return {
      ...schedule,
      sent: store.countDeliveries(schedule.id),
      nextRunAt: armed ? armed.dueAt.toISOString() : null,
    };
  }

  function setStatus(id: number, status: 'active' | 'paused'): ScheduleState | undefined {
    const schedule = store.getSchedule(id);
    if (!schedule) return undefined;
    if (schedule.status === 'done') return stateOf(schedule);
    // a row stored by an older version may hold a spec that can no longer run: refuse (400), do not arm
    if (status === 'active') checkScheduleSpec(schedule.spec, now());
    const updated = store.updateSchedule(id, { status }) as ScheduleRecord;
    if (status === 'active') arm(updated);
    else disarm(id);
    return stateOf(updated);
  }

  function create(spec: ScheduleSpec, name?: string): ScheduleState {
    const schedule = store.insertSchedule({
      name: name ?? null,
      status: 'active',
      spec: checkScheduleSpec(spec, now()),
    });
    arm(schedule);
    return stateOf(schedule) as ScheduleState;
  }

  return {
    start() {
      stopped = false;
      for (const schedule of store.listSchedules()) {
        if (schedule.status !== 'active') continue;
        try {
          checkScheduleSpec(schedule.spec, now());
          arm(schedule);
        } catch (error) {
          // one bad row must not keep the server from starting: pause it and say why
          const paused = store.updateSchedule(schedule.id, { status: 'paused' }) ?? schedule;
          onError?.(paused, new Error(`${(error as Error).message}; the schedule is paused`));
        }
      }
    },
    create,
    upsertNamed(name, spec) {
      const existing = store.findScheduleByName(name);
      if (!existing) return create(spec, name);
      const updated = store.updateSchedule(existing.id, {
        spec: checkScheduleSpec(spec, now()),
      }) as ScheduleRecord;
      arm(updated);
      return stateOf(updated) as ScheduleState;
    },
    get: (id) => stateOf(store.getSchedule(id)),
    list: () => store.listSchedules().map((schedule) => stateOf(schedule) as ScheduleState),
    pause: (id) => setStatus(id, 'paused'),
    resume: (id) => setStatus(id, 'active'),
    remove(id) {
      disarm(id);
      return store.deleteSchedule(id);
    },
    stop() {
      stopped = true;
      for (const id of [...timers.keys()]) disarm(id);
    },
  };
}
