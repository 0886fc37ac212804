/**
 * @module dashboard/live
 * Server-sent events for the pages that follow something as it happens. A stream sends the fragments its
 * page swaps in, keeps the connection alive with a comment every 15 s, and ends when the page goes away or
 * the server shuts down.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

const KEEP_ALIVE_MS = 15_000;

export interface LiveEvent {
  event: string;
  data: unknown;
}

/**
 * Streams events: `follow` is called with a `send` function and returns the unsubscribe. `send` with
 * `end: true` sends one last event and closes the stream.
 */
export function liveStream(
  c: Context,
  follow: (send: (event: LiveEvent, end?: boolean) => void) => () => void,
  signal?: AbortSignal,
) {
  return streamSSE(c, async (stream) => {
    let finish = () => {};
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // events are written in order; a write to a closed stream is dropped
    let queue = Promise.resolve();
    const send = (event: LiveEvent, end = false) => {
      queue = queue
        .then(() => stream.writeSSE({ event: event.event, data: JSON.stringify(event.data) }))
        .catch(() => finish());
      if (end) void queue.then(finish);
    };
    const unsubscribe = follow(send);
    const keepAlive = setInterval(() => {
      queue = queue
        .then(async () => {
          await stream.write(': keep-alive\n\n');
        })
        .catch(() => finish());
    }, KEEP_ALIVE_MS);
    stream.onAbort(finish);
    signal?.addEventListener('abort', finish, { once: true });
    if (signal?.aborted) finish();
    await ended;
    clearInterval(keepAlive);
    unsubscribe();
    signal?.removeEventListener('abort', finish);
    await queue;
  });
}
