/**
 * @module server/emit
 * `POST /emit`: render the payloads asked for and send them now, one after another; answer with each
 * delivery's outcome. A target's failure is data in the answer (200), not an error of this request.
 */
import { Hono } from 'hono';
import { withMaskedTarget } from '../delivery/mask-target.ts';
import { deliveryOf, emissionOptions } from '../delivery/payload-plan.ts';
import type { DeliveryDetail } from '../delivery/store.ts';
import { generate } from '../generate.ts';
import type { AppDeps } from './deps.ts';
import { emitBody } from './schemas.ts';
import { validate } from './validation.ts';

/** A delivery as an emit answers it: everything but the request body it already knows. */
export type DeliveryOutcome = Omit<DeliveryDetail, 'request'>;

export function outcomeOf({ request: _request, ...outcome }: DeliveryDetail): DeliveryOutcome {
  return withMaskedTarget(outcome);
}

export function emitRouter(deps: Pick<AppDeps, 'deliverer' | 'targetPolicy'>) {
  return new Hono().post('/', validate('json', emitBody), async (c) => {
    const body = c.req.valid('json');
    deps.targetPolicy.check(body.target);
    // render everything first, so a bad override fails the request before anything is sent
    const payloads = emissionOptions({
      ...body,
      tags: body.tags ?? [body.tag as string],
      count: body.count ?? 1,
    }).map((options) => generate(options));
    const deliveries: DeliveryOutcome[] = [];
    for (const payload of payloads) {
      const delivery = deliveryOf(payload, { target: body.target, headers: body.headers ?? {} });
      deliveries.push(outcomeOf(await deps.deliverer.deliver(delivery)));
    }
    const delivered = deliveries.filter((d) => d.status === 'delivered').length;
    return c.json({ delivered, failed: deliveries.length - delivered, deliveries }, 200);
  });
}
