/**
 * @module api/emit
 * `POST /emit`: render the payloads asked for and send them now, one after another, each recorded before it is
 * sent (delivery/deliverer's deliverInOrder); answer with each delivery's outcome. A target's failure is data in the answer (200), not an error of this request. With
 * `faults`, each delivery may add extra faulted deliveries (sent after their delay; listed by id), and
 * `reorder` / `burst` shape the whole batch. With `event: "workflow-finish"` it sends the WorkflowFinish of a run
 * over `tags` (the nodes), and with `run: true` the whole run, each callback its own delivery (see
 * delivery/workflow-run); `reorder` then sends a run WorkflowFinish first. With `review` it sends content-moderation
 * callbacks instead (`count` of one kind, form and result), each with its X-Ci-Content-Version header.
 */
import { MAX_SEED, randomSeed } from '../core/faker.ts';
import type { ComingDelivery } from '../delivery/deliverer.ts';
import { createFaultInjector, type ExtraDeliveries, type FaultInjector } from '../delivery/fault-injector.ts';
import { withMaskedTarget } from '../delivery/mask-target.ts';
import type { NewDelivery } from '../delivery/model.ts';
import {
  type Destination,
  deliveryOf,
  emissionOptions,
  reviewDeliveryOf,
  reviewEmissionOptions,
} from '../delivery/payload-plan.ts';
import { type Rendered, renderPayloads } from '../delivery/payload-thread.ts';
import { sendSettingsOf } from '../delivery/schedule-spec.ts';
import type { DeliveryDetail } from '../delivery/store.ts';
import { deliverWorkflowRun, planWorkflowEmission } from '../delivery/workflow-run.ts';
import { seededRandom } from '../faults/choice.ts';
import { type FaultPlan, faultPlanOf } from '../faults/options.ts';
import type { ReviewKind } from '../moderation/types.ts';
import { generateReview, type ReviewOptions } from '../payloads/generate-review.ts';
import { apiRoute, apiRouter, jsonBody, jsonResponse, PROBLEM_RESPONSES } from './api-route.ts';
import type { AppDeps } from './deps.ts';
import { emitResultSchema } from './responses.ts';
import { type EmitBody, emitBody } from './schemas.ts';

const emit = apiRoute({
  method: 'post',
  path: '/',
  summary: 'Render and send callbacks now; answers with each delivery outcome',
  request: { body: jsonBody(emitBody) },
  responses: {
    200: jsonResponse(emitResultSchema, 'Every delivery ran; a failed target is reported per delivery'),
    403: PROBLEM_RESPONSES[403],
    503: PROBLEM_RESPONSES[503],
  },
});

/** A delivery as an emit answers it: everything but the request body it already knows. */
export type DeliveryOutcome = Omit<DeliveryDetail, 'request'>;

export function outcomeOf({ request: _request, ...outcome }: DeliveryDetail): DeliveryOutcome {
  return withMaskedTarget(outcome);
}

export function emitRouter(deps: Pick<AppDeps, 'deliverer' | 'targetPolicy' | 'store' | 'faultInjector'>) {
  const injector: FaultInjector = deps.faultInjector ?? createFaultInjector({ store: deps.store });
  /** `event: workflow-finish`: `count` runs, one after another; their extras as for single callbacks. */
  async function emitWorkflow(body: EmitBody, plan: FaultPlan | undefined) {
    const seed = body.seed ?? randomSeed();
    const random = seededRandom((seed ^ 0x5eed) % (MAX_SEED + 1));
    const runs = planWorkflowEmission({
      tags: body.tags ?? [],
      run: body.run ?? false,
      seed,
      count: body.count ?? 1,
      random,
      ...(plan?.reorder ? { reorder: plan.reorder } : {}),
      ...(body.format ? { format: body.format } : {}),
      ...(body.state ? { state: body.state } : {}),
      ...(body.jsonShape ? { jsonShape: body.jsonShape } : {}),
      ...(body.compact ? { compact: true } : {}),
      ...(body.overrides ? { overrides: body.overrides } : {}),
    });
    const details: DeliveryDetail[] = [];
    const runAnswers = [];
    for (const run of runs) {
      const sent = await deliverWorkflowRun(deps.deliverer, run, destinationOf(body));
      details.push(...sent);
      runAnswers.push({
        runId: run.runId,
        seed: run.seed,
        order: run.order,
        deliveries: sent.map((d) => d.id),
      });
    }
    const extras: ExtraDeliveries['extras'] = [];
    if (plan) {
      for (const detail of details) extras.push(...injector.afterDelivery(detail, { plan, random }).extras);
    }
    return { ...emitAnswer(details, plan ? extras : undefined), runs: runAnswers };
  }

  return apiRouter().openapi(emit, async (c) => {
    const body = c.req.valid('json');
    deps.targetPolicy.check(body.target);
    const plan = body.faults ? faultPlanOf(body.faults, 'batch') : undefined;
    if (body.event === 'workflow-finish' || body.run) return c.json(await emitWorkflow(body, plan), 200);
    const destination = destinationOf(body);
    // the faults drawn follow the seed, so a seeded emit is reproduced with its faults
    const random = seededRandom(((body.seed ?? randomSeed()) ^ 0x5eed) % (MAX_SEED + 1));
    const reorder = plan?.reorder !== undefined && random() < plan.reorder.probability;
    const burst = plan?.burst !== undefined && random() < plan.burst.probability;
    const batchFault = reorder ? 'reorder/reverse' : burst ? 'burst' : null;
    // TaskFinish payloads render on the payload thread, which deflates their bodies for the log too; with
    // overrides every one is generated first, so a bad override fails the request before anything is sent
    const rendered = body.review
      ? undefined
      : renderPayloads(emissionOptions(body), { allFirst: body.overrides !== undefined });
    let details: DeliveryDetail[];
    if (rendered && !reorder && !burst) {
      // each sent as soon as it and the ones before it are done: the first goes out while the rest render
      details = await deps.deliverer.deliverInOrder(
        rendered.map((item) => item.then((one) => madeDelivery(one, destination))),
      );
    } else {
      // the bodies deflated on the payload thread are kept: the log does not deflate them again
      const made: MadeDelivery[] = rendered
        ? (await Promise.all(rendered)).map((one) => madeDelivery(one, destination, batchFault))
        : reviewEmissionOptions({ ...reviewOptionsOf(body), count: body.count }).map((options) => ({
            delivery: faulted(reviewDeliveryOf(generateReview(options), destination), batchFault),
          }));
      if (reorder) made.reverse();
      details = burst
        ? await Promise.all(
            made.map(({ delivery, body }) => deps.deliverer.deliver(delivery, body ? { body } : {})),
          )
        : await deps.deliverer.deliverInOrder(made.map((one) => Promise.resolve(one)));
    }
    const extras: ExtraDeliveries['extras'] = [];
    if (plan) {
      for (const detail of details) extras.push(...injector.afterDelivery(detail, { plan, random }).extras);
    }
    return c.json(emitAnswer(details, plan ? extras : undefined), 200);
  });
}

/** A delivery with the batch fault that shaped it, if any. */
function faulted(delivery: NewDelivery, batchFault: string | null): NewDelivery {
  return batchFault ? { ...delivery, fault: batchFault } : delivery;
}

type MadeDelivery = Awaited<ComingDelivery>;

/** A rendered payload as the delivery it makes, with its body as the log stores it when that came along. */
function madeDelivery(
  { payload, stored }: Rendered,
  destination: Destination,
  batchFault: string | null = null,
): MadeDelivery {
  return {
    delivery: faulted(deliveryOf(payload, destination), batchFault),
    ...(stored ? { body: stored } : {}),
  };
}

/** Where and how an emit's callbacks go: its target, headers, and any retry or attempt-header setting. */
function destinationOf(body: EmitBody): Destination {
  const send = sendSettingsOf(body);
  return { target: body.target, headers: body.headers ?? {}, ...(send ? { send } : {}) };
}

/** The moderation options of an emit body that has `review`. */
function reviewOptionsOf(body: EmitBody): ReviewOptions & { review: ReviewKind } {
  const { review, callbackVersion, result, callbackType, liveState, consoleTest, seed, compact } = body;
  return {
    review: review as ReviewKind,
    ...(callbackVersion ? { callbackVersion } : {}),
    ...(result ? { result } : {}),
    ...(callbackType ? { callbackType } : {}),
    ...(liveState ? { liveState } : {}),
    ...(consoleTest ? { consoleTest } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(compact ? { compact } : {}),
  };
}

function emitAnswer(details: readonly DeliveryDetail[], extras: ExtraDeliveries['extras'] | undefined) {
  const deliveries = details.map(outcomeOf);
  const delivered = deliveries.filter((d) => d.status === 'delivered').length;
  return {
    delivered,
    failed: deliveries.length - delivered,
    deliveries,
    ...(extras ? { faultDeliveries: extras } : {}),
  };
}
