/**
 * @module artillery/duplicate
 * The one delivery fault the Artillery processor offers: CI sometimes delivers the same callback twice, and a
 * receiver must treat the second as a repeat (same JobId, same bytes), not as a new job. Kept apart from the
 * processor on purpose: it is a stand-in until the project's general delivery-faults module exists, and is meant
 * to be replaced by that module's duplicate fault without touching the processor.
 */

export interface DuplicateOptions {
  /** 0–1: the share of fresh callbacks that are delivered once more. */
  probability: number;
  random?: () => number;
}

export interface DuplicateBody {
  tag: string;
  contentType: string;
  body: Buffer;
}

export interface Duplicator {
  /** A callback already sent, due to be sent again, or undefined. */
  take(): DuplicateBody | undefined;
  /** Called with each fresh callback as it is sent: it may be kept (copied) for a later request. */
  offer(sent: DuplicateBody): void;
}

/**
 * The copy goes out as the worker's next request, so a duplicate arrives shortly after the original, as CI's
 * do; a duplicate is never duplicated again. The body is copied because the pool re-stamps its buffers.
 */
export function createDuplicator(options: DuplicateOptions): Duplicator {
  const random = options.random ?? Math.random;
  const due: DuplicateBody[] = [];
  return {
    take: () => due.shift(),
    offer(sent) {
      if (options.probability > 0 && random() < options.probability) {
        due.push({ tag: sent.tag, contentType: sent.contentType, body: Buffer.from(sent.body) });
      }
    },
  };
}
