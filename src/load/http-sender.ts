/**
 * @module load/http-sender
 * POSTs bodies and reports each outcome through callbacks: no promise, stream or response object per request,
 * since the sender must not be what limits the rate (fetch is about ten times slower on loopback). Requests go
 * over raw keep-alive connections (src/load/raw-lanes.ts): each closed-model worker owns one; the open model
 * takes a free one or waits in order for one. A non-2xx status is an outcome like any other; only transport
 * failures are errors, by kind.
 */

import type { ErrorKind } from './error-kinds.ts';
import { createRawLanes } from './raw-lanes.ts';

export { ERROR_KINDS, type ErrorKind } from './error-kinds.ts';

export interface HttpSenderOptions {
  target: URL;
  connections: number;
  /** No response headers, or a body stalled, for this long: a `timeout` error. */
  timeoutMs: number;
  /**
   * One connection per closed-model worker, chosen by the caller with `lane`. Without it (the open model) a
   * request takes a free connection or waits in order for one.
   */
  lanes?: boolean;
}

export interface SendCallbacks {
  /** The request is being written to a socket (not when it waits for a free connection). */
  onSent(): void;
  /** `status` is 0 when `error` is set. */
  onDone(status: number, error: ErrorKind | undefined): void;
}

export interface HttpSender {
  /**
   * `lane` (0 … connections-1) picks the connection when the sender was made with `lanes`. `headers`: sent beside
   * Content-Type (a moderation callback's X-Ci-Content-Version). `request`: the same request whole, its head
   * from `RequestHeads` for this sender's target and then `body` (a body pool's `request`), written as it is.
   */
  send(
    body: Buffer,
    contentType: string,
    callbacks: SendCallbacks,
    lane?: number,
    headers?: Readonly<Record<string, string>>,
    request?: Buffer,
  ): void;
  /** Waits for requests in flight, then closes the connections. */
  close(): Promise<void>;
  /** Drops requests in flight and closes the connections at once. */
  destroy(): Promise<void>;
}

export function createHttpSender(options: HttpSenderOptions): HttpSender {
  const lanes = options.lanes ? createRawLanes(options) : undefined;
  if (lanes) {
    return {
      send: (body, contentType, callbacks, lane = 0, headers, request) => {
        if (request) lanes.sendRequest(lane, request, callbacks);
        else lanes.send(lane, body, contentType, callbacks, headers);
      },
      close: () => lanes.close(),
      destroy: () => lanes.destroy(),
    };
  }
  return queuedLanes(options);
}

interface Queued {
  body: Buffer;
  contentType: string;
  callbacks: SendCallbacks;
  headers: Readonly<Record<string, string>> | undefined;
  request: Buffer | undefined;
}

/**
 * The open model's sender: a request goes out on a free connection, or waits in order for one (what undici's
 * Pool did, without its cost per request). Its `onSent` fires when it is written, not while it waits.
 */
function queuedLanes(options: HttpSenderOptions): HttpSender {
  const idle = Array.from({ length: options.connections }, (_, i) => options.connections - 1 - i);
  let queue: Queued[] = [];
  let head = 0;
  const lanes = createRawLanes({
    ...options,
    onFree: (lane) => {
      const next = queue[head];
      if (!next) {
        idle.push(lane);
        return;
      }
      queue[head++] = undefined as unknown as Queued;
      // drop the sent part of the queue now and then, not on every request
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      if (next.request) lanes.sendRequest(lane, next.request, next.callbacks);
      else lanes.send(lane, next.body, next.contentType, next.callbacks, next.headers);
    },
  });
  return {
    send(body, contentType, callbacks, _lane, headers, request) {
      const lane = idle.pop();
      if (lane === undefined) queue.push({ body, contentType, callbacks, headers, request });
      else if (request) lanes.sendRequest(lane, request, callbacks);
      else lanes.send(lane, body, contentType, callbacks, headers);
    },
    close: () => lanes.close(),
    destroy: async () => {
      const waiting = queue.slice(head);
      queue = [];
      head = 0;
      await lanes.destroy();
      for (const q of waiting) q.callbacks.onDone(0, 'other');
    },
  };
}
