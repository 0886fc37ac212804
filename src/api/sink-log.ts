/**
 * @module api/sink-log
 * What the embedded `/sink` receiver got, bounded: the latest `capacity` callbacks, each body cut at
 * `maxBodyChars`, so a demo left running for days holds a fixed amount of memory.
 */
import { createListeners } from '../core/listeners.ts';

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
}

export interface SinkLog {
  readonly capacity: number;
  /** Callbacks received since start. */
  readonly total: number;
  record(callback: { contentType: string | null; attempt: string | null; body: string }): SinkEntry;
  /** Newest first. */
  list(limit?: number): SinkEntry[];
  /** Calls `listener` with every callback recorded from now on. */
  subscribe(listener: (entry: SinkEntry) => void): () => void;
}

export interface SinkLogOptions {
  capacity?: number;
  maxBodyChars?: number;
  now?: () => Date;
}

const SINK_DEFAULTS = { capacity: 100, maxBodyChars: 64 * 1024, now: () => new Date() };

export function createSinkLog(options: SinkLogOptions = {}): SinkLog {
  const { capacity, maxBodyChars, now } = { ...SINK_DEFAULTS, ...options };
  const entries: SinkEntry[] = [];
  let total = 0;
  const arrivals = createListeners<SinkEntry>();
  return {
    capacity,
    get total() {
      return total;
    },
    record({ contentType, attempt, body }) {
      total++;
      const entry = {
        id: total,
        receivedAt: now().toISOString(),
        contentType,
        attempt,
        size: Buffer.byteLength(body),
        body: body.length > maxBodyChars ? body.slice(0, maxBodyChars) : body,
        truncated: body.length > maxBodyChars,
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
