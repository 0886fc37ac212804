/**
 * @module api/sink-log
 * What the embedded `/sink` receiver got, bounded: the latest `capacity` callbacks, each body cut at
 * `maxBodyChars`, so a demo left running for days holds a fixed amount of memory.
 */
import { createListeners } from '../core/listeners.ts';
import {
  createSinkAnswers,
  type SinkAnswerSource,
  type SinkAnswers,
  type SinkAnswersOptions,
} from './sink-answers.ts';

/** What the sink answered a callback (see sink-answers). */
export interface SinkAnswered {
  status: number;
  delayMs: number;
  /** default: nothing asked; query: the request's query; setting: PUT /sink/response. */
  by: SinkAnswerSource;
}

export interface SinkEntry {
  /** Counts every callback received since start, including those no longer kept. */
  id: number;
  receivedAt: string;
  contentType: string | null;
  /** The X-CI-Callback-Attempt header: 1 for a first attempt, more for a retry. */
  attempt: string | null;
  /** Body length in bytes. */
  size: number;
  body: string;
  truncated: boolean;
  answered: SinkAnswered;
}

export interface SinkLog {
  readonly capacity: number;
  /** Callbacks received since start. */
  readonly total: number;
  /** What the sink answers (its setting, and the sequences asked in queries). */
  readonly answers: SinkAnswers;
  record(callback: {
    contentType: string | null;
    attempt: string | null;
    body: string;
    answered?: SinkAnswered;
  }): SinkEntry;
  /** Newest first. */
  list(limit?: number): SinkEntry[];
  /** Calls `listener` with every callback recorded from now on. */
  subscribe(listener: (entry: SinkEntry) => void): () => void;
}

export interface SinkLogOptions {
  capacity?: number;
  maxBodyChars?: number;
  now?: () => Date;
  answers?: SinkAnswersOptions;
}

const SINK_DEFAULTS = { capacity: 100, maxBodyChars: 64 * 1024, now: () => new Date() };
const ANSWERED_200: SinkAnswered = { status: 200, delayMs: 0, by: 'default' };

export function createSinkLog(options: SinkLogOptions = {}): SinkLog {
  const { capacity, maxBodyChars, now } = { ...SINK_DEFAULTS, ...options };
  const entries: SinkEntry[] = [];
  let total = 0;
  const arrivals = createListeners<SinkEntry>();
  return {
    capacity,
    answers: createSinkAnswers(options.answers),
    get total() {
      return total;
    },
    record({ contentType, attempt, body, answered = ANSWERED_200 }) {
      total++;
      const entry = {
        id: total,
        receivedAt: now().toISOString(),
        contentType,
        attempt,
        size: Buffer.byteLength(body),
        body: body.length > maxBodyChars ? body.slice(0, maxBodyChars) : body,
        truncated: body.length > maxBodyChars,
        answered,
      };
      entries.push(entry);
      if (entries.length > capacity) entries.shift();
      arrivals.notify(entry);
      return entry;
    },
    list(limit = capacity) {
      return entries.slice(-limit).reverse();
    },
    subscribe: (listener) => arrivals.subscribe(listener),
  };
}
