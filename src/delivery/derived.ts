/**
 * @module delivery/derived
 * A delivery made from one already in the log — a replay, or a faulted extra — goes to the same target with the
 * same request and description; what differs is stated by the caller. It is never one of a schedule's runs
 * (a schedule's `limit` counts runs), so it carries no schedule id.
 */
import type { NewDelivery } from './model.ts';
import type { DeliveryDetail } from './store.ts';

export function derivedDelivery(
  original: DeliveryDetail,
  changes: Pick<NewDelivery, 'replayOf'> & Partial<Omit<NewDelivery, 'scheduleId' | 'replayOf'>>,
): NewDelivery {
  return {
    target: original.target,
    body: original.request.body,
    contentType: original.request.contentType,
    headers: original.request.headers,
    tag: original.tag,
    format: original.format,
    trigger: original.trigger,
    state: original.state,
    seed: original.seed,
    scheduleId: null,
    ...changes,
  };
}
