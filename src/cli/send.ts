/**
 * @module cli/send
 * `ci-callback send --target URL --tag T [payload flags] [--count N | --every 2s --limit N]`: sends callbacks
 * without a server, one line per delivery and a summary. Exit 0 when all were delivered, 1 when any was not.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../core/errors.ts';
import { MAX_SEED, randomSeed } from '../core/faker.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { describeDelivery } from '../delivery/delivery-line.ts';
import { parseDuration } from '../delivery/duration.ts';
import { headerProblem } from '../delivery/header-rules.ts';
import { deliveryOf, emissionOptions } from '../delivery/payload-plan.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../delivery/retry.ts';
import { EVERY_RANGE } from '../delivery/schedule-spec.ts';
import { createDeliveryStore, type DeliveryDetail } from '../delivery/store.ts';
import { parseTarget } from '../delivery/target.ts';
import { seededRandom } from '../faults/choice.ts';
import { createFaultInjector } from '../faults/injector.ts';
import { parseFaultFlags } from '../faults/options.ts';
import { generate } from '../generate.ts';
import { tagNames } from '../registry.ts';
import { PAYLOAD_FLAGS, parseFlags, payloadOptions, requireFlag } from './flags.ts';
import type { Command } from './io.ts';

export const SEND_FLAGS = {
  ...PAYLOAD_FLAGS,
  target: { type: 'string' },
  count: { type: 'string' },
  every: { type: 'string' },
  limit: { type: 'string' },
  header: { type: 'string', multiple: true },
  fault: { type: 'string', multiple: true },
} as const;

export const SEND_HELP = `  --target URL                the receiver (or env CI_CALLBACK_TARGET)
  --count N                   send N now, one after another (default 1; with --seed S: seeds S, S+1, …)
  --every 2s --limit N        send N, one every interval
  --header 'Name: value'      an extra request header, repeatable (e.g. a shared secret)
  --fault NAME[=P%][,delay=D] a delivery fault, repeatable: duplicate=5%,delay=2s  slow-body=1%  malformed
                              (NAME alone: every delivery); reorder/burst shape the whole --count batch`;

const MAX_SENDS = 10_000;

export interface SendCommandOptions {
  env?: Record<string, string | undefined>;
  retryPolicy?: RetryPolicy;
}

function parseCount(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_SENDS) {
    throw new InputError(flag, `--${flag} must be a whole number from 1 to ${MAX_SENDS}, got '${text}'`);
  }
  return Number(text);
}

export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!match)
      throw new InputError('header', `--header '${line}' is not 'Name: value'; e.g. --header 'X-Token: s3'`);
    const problem = headerProblem(match[1] as string, match[2] as string);
    if (problem) throw new InputError('header', `--header '${line}': ${problem}`);
    headers[match[1] as string] = match[2] as string;
  }
  return headers;
}

export function createSendCommand(options: SendCommandOptions = {}): Command {
  const env = options.env ?? process.env;
  return async function send(argv, io) {
    const { values } = parseFlags(argv, SEND_FLAGS);
    const target = parseTarget(
      '--target',
      requireFlag(values.target ?? env['CI_CALLBACK_TARGET'], 'target'),
    ).href;
    const payload = payloadOptions(values, requireFlag(values.tag, 'tag', tagNames()));
    if (values.every !== undefined && values.count !== undefined) {
      throw new InputError(
        'count',
        'give --count N (send now) or --every T --limit N (send over time), not both',
      );
    }
    if (values.every !== undefined && values.limit === undefined) {
      throw new InputError(
        'limit',
        '--every needs --limit N; for a schedule without end, use serve and POST /schedules',
      );
    }
    const everyMs =
      values.every === undefined ? undefined : parseDuration('--every', values.every, EVERY_RANGE);
    const total = parseCount(
      values.limit !== undefined ? 'limit' : 'count',
      values.limit ?? values.count ?? '1',
    );
    const headers = parseHeaders(values.header ?? []);
    const faults = parseFaultFlags(values.fault ?? [], 'batch');
    if (everyMs !== undefined && (faults.reorder || faults.burst)) {
      throw new InputError(
        'fault',
        'reorder and burst shape a --count batch; with --every each send is one callback',
      );
    }
    const random = seededRandom(((payload.seed ?? randomSeed()) ^ 0x5eed) % (MAX_SEED + 1));
    const plan = emissionOptions({ ...payload, tags: [payload.tag], count: total });
    const reorder = faults.reorder !== undefined && random() < faults.reorder.probability;
    const burst = faults.burst !== undefined && random() < faults.burst.probability;
    if (reorder) plan.reverse();
    generate(plan[0] as (typeof plan)[number]); // a bad flag fails here, before anything is sent

    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient();
    const deliverer = createDeliverer({
      store,
      client,
      retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
      onFinished: (delivery) => io.stdout(`${describeDelivery(delivery)}\n`),
    });
    const injector = createFaultInjector({
      store,
      onFinished: (delivery) => io.stdout(`${describeDelivery(delivery)}\n`),
    });
    const batchFault = reorder ? 'reorder/reverse' : burst ? 'burst' : null;
    const results: Promise<DeliveryDetail>[] = [];
    const extras: Promise<DeliveryDetail[]>[] = [];
    try {
      for (const [index, generateOptions] of plan.entries()) {
        if (everyMs !== undefined && index > 0) await sleep(everyMs);
        const delivery = deliverer.deliver({
          ...deliveryOf(generate(generateOptions), { target, headers }),
          ...(batchFault ? { fault: batchFault } : {}),
        });
        results.push(delivery);
        extras.push(
          delivery.then((original) => injector.afterDelivery(original, { plan: faults, random }).done),
        );
        // --count sends one after another (a burst all at once); --every keeps its pace while earlier ones retry
        if (everyMs === undefined && !burst) await delivery;
      }
      const finished = await Promise.all(results);
      const faulted = (await Promise.all(extras)).flat();
      const delivered = finished.filter((d) => d.status === 'delivered').length;
      io.stdout(
        `sent ${finished.length} to ${target}: ${delivered} delivered, ${finished.length - delivered} failed\n`,
      );
      if (batchFault)
        io.stdout(
          `fault ${batchFault}: the ${finished.length} callbacks were sent ${burst ? 'at once' : 'in reverse order'}\n`,
        );
      if (faulted.length > 0) io.stdout(`${describeFaultCounts(faulted)}\n`);
      // the extras' answers are the receiver's business (a 400 is the right answer to malformed): not the exit code
      return delivered === finished.length ? 0 : 1;
    } finally {
      await injector.drain();
      await deliverer.drain();
      await client.close();
      store.close();
    }
  };
}

/** `faults: duplicate 2 (2 accepted), malformed/empty 1 (0 accepted)` */
function describeFaultCounts(faulted: readonly DeliveryDetail[]): string {
  const byFault = new Map<string, { sent: number; accepted: number }>();
  for (const delivery of faulted) {
    const entry = byFault.get(delivery.fault ?? '') ?? { sent: 0, accepted: 0 };
    entry.sent += 1;
    if (delivery.status === 'delivered') entry.accepted += 1;
    byFault.set(delivery.fault ?? '', entry);
  }
  const parts = [...byFault].map(([fault, { sent, accepted }]) => `${fault} ${sent} (${accepted} accepted)`);
  return `faults: ${parts.join(', ')}`;
}

export const sendCommand: Command = createSendCommand();
