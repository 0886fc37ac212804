/**
 * @module api/schedules
 * `/schedules`: create, list, inspect, pause, resume and delete schedules that send callbacks on an
 * interval or a cron pattern. They live in the store, so they survive a restart.
 */
import type { z } from '@hono/zod-openapi';
import { maskTarget } from '../delivery/mask-target.ts';
import type { PayloadChoice, ScheduleSpec } from '../delivery/model.ts';
import { isWorkflowSchedule } from '../delivery/schedule-spec.ts';
import type { ScheduleState } from '../delivery/scheduler.ts';
import { faultPlanOf } from '../faults/options.ts';
import {
  apiRoute,
  apiRouter,
  jsonBody,
  jsonResponse,
  PROBLEM_RESPONSES,
  problemResponse,
} from './api-route.ts';
import type { AppDeps } from './deps.ts';
import { PROBLEMS } from './problem.ts';
import { scheduleListSchema, scheduleSchema } from './responses.ts';
import { idParam, type ScheduleBody, scheduleBody } from './schemas.ts';

const NO_SCHEDULE = problemResponse('No such schedule');

const create = apiRoute({
  method: 'post',
  path: '/',
  summary: 'Create a schedule (every or cron); it survives a restart',
  request: { body: jsonBody(scheduleBody) },
  responses: {
    201: jsonResponse(scheduleSchema, 'Created'),
    403: PROBLEM_RESPONSES[403],
  },
});

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'Every schedule',
  responses: { 200: jsonResponse(scheduleListSchema, 'The schedules') },
});

/** A route on one schedule: `GET /schedules/{id}`, its pause and resume. */
const onOne = <const M extends 'get' | 'post', const P extends string>(
  method: M,
  path: P,
  summary: string,
  description: string,
) =>
  apiRoute({
    method,
    path,
    summary,
    request: { params: idParam },
    responses: { 200: jsonResponse(scheduleSchema, description), 404: NO_SCHEDULE },
  });

const one = onOne(
  'get',
  '/{id}',
  'One schedule, with how many it sent and when it runs next',
  'The schedule',
);
const pause = onOne('post', '/{id}/pause', 'Pause a schedule', 'Paused');
const resume = onOne('post', '/{id}/resume', 'Resume a paused schedule (a done one stays done)', 'Active');

const remove = apiRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a schedule (its deliveries stay in the log)',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, 404: NO_SCHEDULE },
});

/** The stored spec from a request: singular axes become one-element lists. */
function specOf(body: ScheduleBody): ScheduleSpec {
  const choice: PayloadChoice = {};
  if (body.review) {
    const results = body.results ?? (body.result && [body.result]);
    choice.review = {
      review: body.review,
      ...(body.callbackVersion ? { callbackVersion: body.callbackVersion } : {}),
      ...(results ? { results } : {}),
      ...(body.callbackType ? { callbackType: body.callbackType } : {}),
      ...(body.liveState ? { liveState: body.liveState } : {}),
    };
  }
  if (body.tags) choice.tags = body.tags;
  if (body.weights) choice.weights = body.weights;
  const formats = body.formats ?? (body.format && [body.format]);
  if (formats) choice.formats = formats;
  const triggers = body.triggers ?? (body.trigger && [body.trigger]);
  if (triggers) choice.triggers = triggers;
  const states = body.states ?? (body.state && [body.state]);
  if (states) choice.states = states;
  if (body.jsonShape) choice.jsonShape = body.jsonShape;
  if (body.overrides) choice.overrides = body.overrides;
  const spec: ScheduleSpec = { target: body.target, choice, headers: body.headers ?? {} };
  if (body.every !== undefined) spec.every = body.every;
  if (body.cron !== undefined) spec.cron = body.cron;
  if (body.limit !== undefined) spec.limit = body.limit;
  if (body.jitter !== undefined) spec.jitter = body.jitter;
  if (body.event !== undefined) spec.event = body.event;
  if (body.run) spec.run = true;
  if (body.retry !== undefined) spec.retry = body.retry;
  if (body.attemptHeader !== undefined) spec.attemptHeader = body.attemptHeader;
  // a whole run is a batch the reorder fault can shape (sent WorkflowFinish first); burst is refused by the schema
  if (body.faults !== undefined) spec.faults = faultPlanOf(body.faults, body.run ? 'batch' : 'single');
  return spec;
}

/** A schedule as the API shows it: flat, with every axis spelled out (null when left to chance). */
export function scheduleView(schedule: ScheduleState): z.output<typeof scheduleSchema> {
  const { spec } = schedule;
  return {
    id: schedule.id,
    name: schedule.name,
    status: schedule.status,
    target: maskTarget(spec.target),
    every: spec.every ?? null,
    cron: spec.cron ?? null,
    tags: spec.choice.tags ?? null,
    weights: spec.choice.weights ?? null,
    formats: spec.choice.formats ?? null,
    triggers: spec.choice.triggers ?? null,
    states: spec.choice.states ?? null,
    jsonShape: spec.choice.jsonShape ?? null,
    overrides: spec.choice.overrides ?? null,
    review: spec.choice.review ?? null,
    headers: spec.headers,
    limit: spec.limit ?? null,
    jitter: spec.jitter ?? null,
    faults: spec.faults ?? null,
    event: isWorkflowSchedule(spec) ? 'workflow-finish' : 'task-finish',
    run: spec.run ?? false,
    retry: spec.retry ?? null,
    attemptHeader: spec.attemptHeader ?? null,
    sent: schedule.sent,
    createdAt: schedule.createdAt,
    lastRunAt: schedule.lastRunAt,
    nextRunAt: schedule.nextRunAt,
  };
}

function found(schedule: ScheduleState | undefined, id: number): ScheduleState {
  if (!schedule) throw PROBLEMS.notFound(`no schedule ${id}; GET /schedules lists them`, ['id']);
  return schedule;
}

export function schedulesRouter(deps: Pick<AppDeps, 'scheduler' | 'targetPolicy'>) {
  const { scheduler } = deps;
  return apiRouter()
    .openapi(create, (c) => {
      const body = c.req.valid('json');
      deps.targetPolicy.check(body.target);
      return c.json(scheduleView(scheduler.create(specOf(body))), 201);
    })
    .openapi(list, (c) => c.json({ schedules: scheduler.list().map(scheduleView) }, 200))
    .openapi(one, (c) => {
      const { id } = c.req.valid('param');
      return c.json(scheduleView(found(scheduler.get(id), id)), 200);
    })
    .openapi(pause, (c) => {
      const { id } = c.req.valid('param');
      return c.json(scheduleView(found(scheduler.pause(id), id)), 200);
    })
    .openapi(resume, (c) => {
      const { id } = c.req.valid('param');
      return c.json(scheduleView(found(scheduler.resume(id), id)), 200);
    })
    .openapi(remove, (c) => {
      const { id } = c.req.valid('param');
      if (!scheduler.remove(id))
        throw PROBLEMS.notFound(`no schedule ${id}; GET /schedules lists them`, ['id']);
      return c.body(null, 204);
    });
}
