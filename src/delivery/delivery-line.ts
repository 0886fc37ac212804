/**
 * @module delivery/delivery-line
 * One line per finished delivery, for `serve` and `send`: what was sent, where, and how it ended. Never the
 * request headers nor the target's credentials (they may carry a receiver's secret).
 */
import { maskTarget } from './mask-target.ts';
import type { DeliverySummary } from './store.ts';

function what(delivery: DeliverySummary): string {
  if (delivery.tag === null) return 'payload';
  const variant = [delivery.format, `${delivery.trigger}/${delivery.state}`].join(' ');
  return `${delivery.tag} ${variant}${delivery.seed === null ? '' : ` seed ${delivery.seed}`}`;
}

function ending(delivery: DeliverySummary): string {
  const attempts = `${delivery.attemptCount} attempt${delivery.attemptCount === 1 ? '' : 's'}`;
  const latency = delivery.latencyMs === null ? '' : ` in ${Math.round(delivery.latencyMs)} ms`;
  const answer =
    delivery.httpStatus !== null ? `HTTP ${delivery.httpStatus}` : (delivery.error?.message ?? '');
  switch (delivery.status) {
    case 'delivered':
      return `${answer}${latency} (${attempts})`;
    case 'failed':
      return `FAILED ${answer}${latency} (${attempts})`;
    case 'pending':
    case 'interrupted':
      return `interrupted by shutdown (${attempts})`;
  }
}

/** `[fault duplicate of #7]`: which fault shaped the delivery, and the delivery it derives from. */
function faultNote(delivery: DeliverySummary): string {
  if (!delivery.fault) return '';
  return ` [fault ${delivery.fault}${delivery.faultOf === null ? '' : ` of #${delivery.faultOf}`}]`;
}

export function describeDelivery(delivery: DeliverySummary): string {
  return `#${delivery.id} ${what(delivery)}${faultNote(delivery)} → ${maskTarget(delivery.target)}: ${ending(delivery)}`;
}
