/**
 * @module api/sink-answers
 * What the built-in `/sink` answers, so a test can watch retries and failures, not only successes: a status, a
 * delay, a body, or a sequence of statuses answered in turn — asked per request in the query
 * (`/sink?status=503,503,200&delay=2s`) or set for every request (`PUT /sink/response`, `serve --sink-response`).
 * The query wins over the setting, field by field. Without either the sink answers 200 at once, as it always did.
 *
 * A sequence is answered in turn and then again from its start, so `503,503,200` makes every callback of a
 * sequential sender take two retries; a sequence asked in the query keeps its place per query value.
 * Delays are bounded (MAX_SINK_DELAY_MS) and cut short by a shutdown, so no request can hang the server.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { durationSchema, parseDuration } from '../core/duration.ts';
import { checkedInput } from '../core/issues.ts';

export const MAX_SINK_DELAY_MS = 30_000;
export const MAX_SINK_BODY_CHARS = 4_096;
export const MAX_SINK_SEQUENCE = 20;
/** Sequences asked in queries whose place is remembered; the oldest is forgotten beyond this. */
const MAX_QUERY_SEQUENCES = 100;

const STATUS_RULE = `a status from 200 to 599, or up to ${MAX_SINK_SEQUENCE} of them comma-separated (503,503,200), answered in turn`;

/** The statuses a `status` value stands for, or what is wrong with it. */
function readStatuses(value: string | number): number[] | string {
  const parts = String(value).split(',');
  if (parts.length > MAX_SINK_SEQUENCE) return `at most ${MAX_SINK_SEQUENCE} statuses, got ${parts.length}`;
  const statuses = parts.map((part) => part.trim());
  const wrong = statuses.find((part) => !/^\d{3}$/.test(part) || Number(part) < 200 || Number(part) > 599);
  return wrong === undefined ? statuses.map(Number) : `'${wrong}' is not a status from 200 to 599`;
}

const statusSchema = z
  .union([z.string().max(200), z.int()])
  .superRefine((value, ctx) => {
    const read = readStatuses(value);
    if (typeof read === 'string')
      ctx.addIssue({ code: 'custom', message: `must be ${STATUS_RULE}: ${read}` });
  })
  .meta({
    description: `The status to answer: ${STATUS_RULE} and again from the start`,
    examples: ['503', '503,503,200'],
  });

/** The fields that ask for an answer, in the query of `POST /sink` and the body of `PUT /sink/response`. */
export const sinkAnswerFields = {
  status: statusSchema.optional(),
  delay: durationSchema(`Wait this long before answering, at most ${MAX_SINK_DELAY_MS / 1_000}s`, {
    maxMs: MAX_SINK_DELAY_MS,
  }).optional(),
  body: z
    .string()
    .max(MAX_SINK_BODY_CHARS)
    .optional()
    .meta({
      description: `Answer this text (text/plain, up to ${MAX_SINK_BODY_CHARS} characters) instead of the JSON receipt`,
    }),
};

export type SinkAnswerRequest = {
  status?: string | number | undefined;
  delay?: string | number | undefined;
  body?: string | undefined;
};

/** Where an answer came from: nothing asked (200), the request's query, or the sink's setting. */
export type SinkAnswerSource = 'default' | 'query' | 'setting';

export interface SinkAnswer {
  status: number;
  delayMs: number;
  /** Text to answer instead of the JSON receipt. */
  body: string | null;
  by: SinkAnswerSource;
}

/** The sink's setting as `GET /sink/response` shows it. */
export interface SinkSettingView {
  status: number[];
  delay: string | number | null;
  body: string | null;
  /** The place in `status` the next request takes, from 0. */
  next: number;
}

export interface SinkAnswers {
  /** Picks the answer to one request (moving any sequence on). */
  pick(query: SinkAnswerRequest): SinkAnswer;
  /** Waits an answer's delay; resolves early when `signal` aborts. */
  wait(answer: SinkAnswer, signal?: AbortSignal): Promise<void>;
  /** The setting, or null when the sink answers 200 at once. */
  setting(): SinkSettingView | null;
  /** Sets what every request is answered that asks nothing itself; checked first (InputError when wrong). */
  set(request: SinkAnswerRequest): SinkSettingView;
  clear(): void;
}

export interface SinkAnswersOptions {
  /** Waits `ms`; rejects when `signal` aborts. Tests pass one that returns at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

interface Sequence {
  statuses: number[];
  next: number;
}

function advance(sequence: Sequence): number {
  const status = sequence.statuses[sequence.next % sequence.statuses.length] as number;
  sequence.next = (sequence.next + 1) % sequence.statuses.length;
  return status;
}

export function createSinkAnswers(options: SinkAnswersOptions = {}): SinkAnswers {
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  let setting: { request: SinkAnswerRequest; sequence: Sequence | undefined } | undefined;
  const querySequences = new Map<string, Sequence>();

  function querySequence(value: string | number): Sequence {
    const key = String(value);
    let sequence = querySequences.get(key);
    if (!sequence) {
      sequence = { statuses: readStatuses(value) as number[], next: 0 };
      querySequences.set(key, sequence);
      if (querySequences.size > MAX_QUERY_SEQUENCES) {
        querySequences.delete(querySequences.keys().next().value as string);
      }
    }
    return sequence;
  }

  function view(): SinkSettingView | null {
    if (!setting) return null;
    const { request, sequence } = setting;
    return {
      status: sequence?.statuses ?? [200],
      delay: request.delay ?? null,
      body: request.body ?? null,
      next: sequence?.next ?? 0,
    };
  }

  return {
    pick(query) {
      const asked = query.status !== undefined || query.delay !== undefined || query.body !== undefined;
      const stored = setting?.request ?? {};
      const status =
        query.status !== undefined
          ? advance(querySequence(query.status))
          : setting?.sequence
            ? advance(setting.sequence)
            : 200;
      const wait = query.delay ?? stored.delay;
      return {
        status,
        delayMs: wait === undefined ? 0 : parseDuration('delay', wait, { maxMs: MAX_SINK_DELAY_MS }),
        body: query.body ?? stored.body ?? null,
        by: asked ? 'query' : setting ? 'setting' : 'default',
      };
    },
    async wait(answer, signal) {
      if (answer.delayMs === 0 || signal?.aborted) return;
      await sleep(answer.delayMs, signal).catch(() => {});
    },
    setting: view,
    set(request) {
      const checked = checkedInput(z.strictObject(sinkAnswerFields), request);
      setting = {
        request: checked,
        sequence:
          checked.status === undefined
            ? undefined
            : { statuses: readStatuses(checked.status) as number[], next: 0 },
      };
      return view() as SinkSettingView;
    },
    clear() {
      setting = undefined;
    },
  };
}
