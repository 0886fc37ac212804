/**
 * @module load/fault-lane
 * Delivery faults during a load run. The run's own requests stay what they were (their latencies are the
 * report's); for each one, the faults drawn add an extra request over the raw transport — a duplicate, a
 * malformed body, a stalled slow body… — whose answers are counted per fault in the report. One `if` per
 * request when no fault is planned.
 */

import { faultedSend } from '../delivery/fault-injector.ts';
import { sendRaw } from '../delivery/fault-transport.ts';
import type { FaultName } from '../faults/catalog.ts';
import { faultDefinition } from '../faults/catalog.ts';
import { chooseFaults, seededRandom } from '../faults/choice.ts';
import type { FaultPlan } from '../faults/options.ts';

/** What the receiver did with one fault's extra requests. */
export interface FaultTally {
  sent: number;
  answered2xx: number;
  answered4xx: number;
  answered5xx: number;
  /** Closed, reset or timed out without an answer (for truncated, that is the expected end). */
  noAnswer: number;
  /** Still waiting for their delay when the run ended: not sent. */
  cancelled: number;
}

export interface FaultLaneOptions {
  plan: FaultPlan;
  seed: number;
  target: URL;
  timeoutMs: number;
  send?: typeof sendRaw;
}

export interface FaultLane {
  /**
   * Called with each request as it is sent (the body is copied: the pool reuses its buffer); `headers` are the
   * ones it carries beside Content-Type (a moderation callback's X-Ci-Content-Version), and its extras carry
   * them too.
   */
  afterRequest(body: Buffer, contentType: string, headers?: Readonly<Record<string, string>>): void;
  /** Cancels delays still running, waits for extra requests in flight; the tally by `fault/case`. */
  finish(): Promise<Record<string, FaultTally>>;
}

const perDelivery = (name: FaultName) => faultDefinition(name).perDelivery;

export function createFaultLane(options: FaultLaneOptions): FaultLane {
  const { plan, target, timeoutMs } = options;
  const send = options.send ?? sendRaw;
  const random = seededRandom(options.seed ^ 0xfa17);
  const tallies: Record<string, FaultTally> = {};
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const tally = (fault: string) =>
    (tallies[fault] ??= {
      sent: 0,
      answered2xx: 0,
      answered4xx: 0,
      answered5xx: 0,
      noAnswer: 0,
      cancelled: 0,
    });

  return {
    afterRequest(body, contentType, headers = {}) {
      const chosen = chooseFaults(plan, random, perDelivery);
      if (chosen.length === 0) return;
      const callback = { body: body.toString('utf8'), contentType, seed: null };
      for (const name of chosen) {
        const extra = faultedSend(name, callback, random, Math.min(2_000, Math.round(timeoutMs / 5)));
        const go = () => {
          const entry = tally(extra.fault);
          entry.sent++;
          const request = send({ url: target.href, ...extra, headers, timeoutMs }).then((outcome) => {
            const status = outcome.status ?? 0;
            if (status >= 200 && status < 300) entry.answered2xx++;
            else if (status >= 400 && status < 500) entry.answered4xx++;
            else if (status >= 500) entry.answered5xx++;
            else entry.noAnswer++;
          });
          running.add(request);
          request.finally(() => running.delete(request));
        };
        const delayMs = plan[name]?.delayMs ?? 0;
        if (delayMs === 0) go();
        else {
          // counted as cancelled until its delay is over, so a run that ends first reports it
          tally(extra.fault).cancelled++;
          const timer = setTimeout(() => {
            timers.delete(timer);
            tally(extra.fault).cancelled--;
            go();
          }, delayMs);
          timers.add(timer);
        }
      }
    },
    async finish() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
      return tallies;
    },
  };
}
