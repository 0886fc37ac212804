/**
 * @module cli/send
 * `ci-callback send --target URL --tag T [payload flags] [--count N | --every 2s --limit N]`: sends callbacks
 * without a server, one line per delivery and a summary. Exit 0 when all were delivered, 1 when any was not.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { MAX_SEED, randomSeed } from '../core/faker.ts';
import { numberFromText, wholeNumberIn } from '../core/number-fields.ts';
import type { GenerateOptions } from '../core/types.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { describeDelivery } from '../delivery/delivery-line.ts';
import { createFaultInjector } from '../delivery/fault-injector.ts';
import type { NewDelivery } from '../delivery/model.ts';
import {
  deliveryOf,
  emissionOptions,
  reviewDeliveryOf,
  reviewEmissionOptions,
} from '../delivery/payload-plan.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../delivery/retry.ts';
import { parseRetrySchedule } from '../delivery/retry-schedule.ts';
import { EVERY_RANGE, scheduleSpecFields } from '../delivery/schedule-spec.ts';
import { createDeliveryStore, type DeliveryDetail } from '../delivery/store.ts';
import { targetSchema } from '../delivery/target.ts';
import { deliverWorkflowRun, planWorkflowEmission, type WorkflowRunPlan } from '../delivery/workflow-run.ts';
import { seededRandom } from '../faults/choice.ts';
import { type FaultPlan, faultFlagsSchema, faultPlanOf } from '../faults/options.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { tagNames } from '../payloads/registry.ts';

import { headerFlagsSchema, parseFlagValues } from './flag-schema.ts';
import {
  ATTEMPT_HEADER_FLAG,
  type FlagTable,
  GENERATE_FLAGS,
  HEADER_FLAG,
  PAYLOAD_FLAGS,
  parseEvent,
  parseFlags,
  payloadOptions,
  RETRY_FLAG,
  REVIEW_FLAGS,
  requireFlag,
  workflowFinishOptions,
} from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { asksForReview, reviewOptions } from './review-flags.ts';

const MAX_SENDS = 10_000;

export const SEND_FLAGS = {
  ...PAYLOAD_FLAGS,
  target: { type: 'string', value: 'URL', description: 'the receiver (or env CI_CALLBACK_TARGET)' },
  count: {
    type: 'string',
    value: 'N',
    description: `send N now, one after another, 1..${MAX_SENDS} (with --seed S: seeds S, S+1, …)`,
    default: '1',
  },
  every: { type: 'string', value: 'D', description: 'send one every interval D (2s, 500ms); needs --limit' },
  limit: { type: 'string', value: 'N', description: 'with --every: how many to send' },
  header: HEADER_FLAG,
  retry: RETRY_FLAG,
  'attempt-header': ATTEMPT_HEADER_FLAG,
  fault: {
    type: 'string',
    value: 'NAME[=P%][,delay=D]',
    description:
      'a delivery fault: duplicate=5%,delay=2s  slow-body=1%  malformed (NAME alone: every delivery); reorder/burst shape the whole --count batch',
    multiple: true,
  },
  event: GENERATE_FLAGS.event,
  tags: GENERATE_FLAGS.tags,
  run: {
    type: 'boolean',
    description:
      "with --tags A,B: the whole workflow run, each node's TaskFinish then the WorkflowFinish (one RunId); --count/--limit count runs; reorder sends a run WorkflowFinish first",
  },
  ...REVIEW_FLAGS,
} as const satisfies FlagTable;

export const sendUsage: CommandUsage = {
  synopsis: [
    'send --target URL --tag TAG [payload flags] [--count N]',
    'send --target URL --tag TAG [payload flags] --every 2s --limit N',
    'send --target URL --event workflow-finish --tags A,B [--run] [--count N]',
    'send --target URL --review KIND [--callback-version simple|detail] [--result R] [--count N]',
  ],
  flags: SEND_FLAGS,
  notes: ['One line per delivery, then a summary. Exit 0 when all were delivered, 1 when any was not.'],
};

export interface SendCommandOptions {
  env?: Record<string, string | undefined>;
  retryPolicy?: RetryPolicy;
}

const sendCount = numberFromText(wholeNumberIn(1, MAX_SENDS));

/** send's own flags as the API's fields: /emit's target and headers, a schedule's `every`, and faults. */
const sendFlagsSchema = z.object({
  target: targetSchema,
  headers: headerFlagsSchema,
  every: scheduleSpecFields.every,
  count: sendCount.optional(),
  limit: sendCount.optional(),
  faults: faultFlagsSchema,
  retry: scheduleSpecFields.retry,
});

export function createSendCommand(options: SendCommandOptions = {}): Command {
  const env = options.env ?? process.env;
  return async function send(argv, io) {
    const { values } = parseFlags(argv, SEND_FLAGS);
    const targetText = requireFlag(values.target ?? env['CI_CALLBACK_TARGET'], 'target');
    const flags = parseFlagValues(
      sendFlagsSchema,
      {
        target: targetText,
        headers: values.header ?? [],
        every: values.every,
        count: values.count,
        limit: values.limit,
        faults: values.fault ?? [],
        retry: values.retry,
      },
      SEND_FLAGS,
    );
    const target = new URL(flags.target).href;
    const review = asksForReview(values) ? reviewOptions(values, SEND_FLAGS) : undefined;
    const event = parseEvent(values.event);
    if (values.run && event === 'task-finish' && values.event !== undefined)
      throw new InputError(
        'run',
        '--run sends a workflow run, which ends with its WorkflowFinish: give --event workflow-finish or leave --event out',
      );
    const workflow = !review && (event === 'workflow-finish' || values.run === true);
    if (!workflow && values.tags !== undefined)
      throw new InputError(
        'tags',
        '--tags needs --event workflow-finish (or --run); for one TaskFinish use --tag TAG',
      );
    const workflowOptions = workflow ? workflowFinishOptions(values, tagNames()) : undefined;
    const payload =
      review ?? workflowOptions ?? payloadOptions(values, requireFlag(values.tag, 'tag', tagNames()));
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
    const everyMs = flags.every === undefined ? undefined : parseDuration('every', flags.every, EVERY_RANGE);
    const total = flags.limit ?? flags.count ?? 1;
    const headers = flags.headers;
    const faults = faultPlanOf(flags.faults, 'batch');
    if (workflow) checkWorkflowFaults(faults, values.run === true);
    else if (everyMs !== undefined && (faults.reorder || faults.burst)) {
      throw new InputError(
        'fault',
        'reorder and burst shape a --count batch; with --every each send is one callback',
      );
    }
    const random = seededRandom(((payload.seed ?? randomSeed()) ^ 0x5eed) % (MAX_SEED + 1));
    // everything is rendered before anything is sent, so a bad flag fails first
    let runs: WorkflowRunPlan[] = [];
    let units: (() => Promise<DeliveryDetail[]>)[];
    let batchFault: string | null = null;
    let burst = false;
    if (workflowOptions) {
      runs = planWorkflowEmission({
        ...workflowOptions,
        run: values.run === true,
        count: total,
        random,
        ...(faults.reorder ? { reorder: faults.reorder } : {}),
      });
      units = runs.map((run) => () => deliverWorkflowRun(deliverer, run, { target, headers }));
    } else {
      // each delivery is rendered when it is sent (a long --every run holds no bodies), the first one now
      const plan: (() => NewDelivery)[] = review
        ? reviewEmissionOptions({ ...review, count: total }).map(
            (options) => () => reviewDeliveryOf(generateReview(options), { target, headers }),
          )
        : emissionOptions({
            ...(payload as GenerateOptions),
            tags: [(payload as GenerateOptions).tag],
            count: total,
          }).map((options) => () => deliveryOf(generate(options), { target, headers }));
      const reorder = faults.reorder !== undefined && random() < faults.reorder.probability;
      burst = faults.burst !== undefined && random() < faults.burst.probability;
      if (reorder) plan.reverse();
      (plan[0] as (typeof plan)[number])();
      batchFault = reorder ? 'reorder/reverse' : burst ? 'burst' : null;
      units = plan.map(
        (render) => () =>
          deliverer
            .deliver({ ...render(), ...(batchFault ? { fault: batchFault } : {}) })
            .then((delivery) => [delivery]),
      );
    }

    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient();
    const deliverer = createDeliverer({
      store,
      client,
      retryPolicy:
        flags.retry !== undefined
          ? parseRetrySchedule('retry', flags.retry)
          : (options.retryPolicy ?? DEFAULT_RETRY_POLICY),
      attemptHeader: values['attempt-header'] === true,
      onFinished: (delivery) => io.stdout(`${describeDelivery(delivery)}\n`),
    });
    const injector = createFaultInjector({
      store,
      onFinished: (delivery) => io.stdout(`${describeDelivery(delivery)}\n`),
    });
    const results: Promise<DeliveryDetail[]>[] = [];
    const extras: Promise<DeliveryDetail[][]>[] = [];
    try {
      for (const [index, unit] of units.entries()) {
        if (everyMs !== undefined && index > 0) await sleep(everyMs);
        const delivering = unit();
        results.push(delivering);
        extras.push(
          delivering.then((sent) =>
            Promise.all(sent.map((one) => injector.afterDelivery(one, { plan: faults, random }).done)),
          ),
        );
        // --count sends one after another (a burst all at once); --every keeps its pace while earlier ones retry
        if (everyMs === undefined && !burst) await delivering;
      }
      const finished = (await Promise.all(results)).flat();
      const faulted = (await Promise.all(extras)).flat(2);
      for (const run of runs) io.stdout(`${describeRun(run)}\n`);
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

/** A run's batch faults: reorder shapes a whole run (WorkflowFinish first); burst never does. */
function checkWorkflowFaults(faults: FaultPlan, run: boolean): void {
  const asked = run ? '--run' : '--event workflow-finish';
  if (faults.burst)
    throw new InputError(
      'fault',
      `--fault burst does not go with ${asked}: a run's callbacks are sent one after another; reorder changes their order`,
    );
  if (faults.reorder && !run)
    throw new InputError(
      'fault',
      "--fault reorder needs --run: it sends a run's WorkflowFinish before its TaskFinish callbacks",
    );
}

/** `run 3f1c… seed 7: 3 callbacks, in order` */
function describeRun(run: WorkflowRunPlan): string {
  const order = run.order === 'natural' ? 'in order' : `${run.order} (fault reorder)`;
  return `workflow run ${run.runId} seed ${run.seed}: ${run.callbacks.length} callback${run.callbacks.length === 1 ? '' : 's'}, ${order}`;
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
