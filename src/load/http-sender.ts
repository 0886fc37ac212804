/**
 * @module load/http-sender
 * POSTs bodies and reports each outcome through callbacks: no promise, stream or response object per request,
 * since the sender must not be what limits the rate (fetch is about ten times slower on loopback). The open
 * model goes through undici's Pool; the closed model through one raw connection per worker
 * (src/load/raw-lanes.ts). A non-2xx status is an outcome like any other; only transport failures are errors,
 * by kind.
 */
import { type Dispatcher, Pool } from 'undici';

import { type ErrorKind, errorKind } from './error-kinds.ts';
import { createRawLanes } from './raw-lanes.ts';

export { ERROR_KINDS, type ErrorKind, errorKind } from './error-kinds.ts';

export interface HttpSenderOptions {
  target: URL;
  connections: number;
  /** No response headers, or a body stalled, for this long: a `timeout` error. */
  timeoutMs: number;
  /**
   * One connection per closed-model worker, chosen by the caller with `lane`, each request written as one
   * buffer on its own raw connection (src/load/raw-lanes.ts) instead of through a Pool that looks for a free
   * one. The open model needs the Pool: it queues requests when every connection is busy.
   */
  lanes?: boolean;
}

export interface SendCallbacks {
  /** The request is being written to a socket (not when it waits in the pool's queue). */
  onSent(): void;
  /** `status` is 0 when `error` is set. */
  onDone(status: number, error: ErrorKind | undefined): void;
}

export interface HttpSender {
  /** `lane` (0 … connections-1) picks the connection when the sender was made with `lanes`. */
  /** `headers`: sent beside Content-Type (a moderation callback's X-Ci-Content-Version). */
  send(
    body: Buffer,
    contentType: string,
    callbacks: SendCallbacks,
    lane?: number,
    headers?: Readonly<Record<string, string>>,
  ): void;
  /** Waits for requests in flight, then closes the connections. */
  close(): Promise<void>;
  /** Drops requests in flight and closes the connections at once. */
  destroy(): Promise<void>;
}

export function createHttpSender(options: HttpSenderOptions): HttpSender {
  if (options.lanes) {
    const lanes = createRawLanes(options);
    return {
      send: (body, contentType, callbacks, lane = 0, headers) =>
        lanes.send(lane, body, contentType, callbacks, headers),
      close: () => lanes.close(),
      destroy: () => lanes.destroy(),
    };
  }
  const pool = new Pool(options.target.origin, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  });
  const path = options.target.pathname + options.target.search;
  return {
    send(body, contentType, callbacks, _lane, headers) {
      pool.dispatch(
        { path, method: 'POST', headers: { ...headers, 'content-type': contentType }, body },
        new OutcomeHandler(callbacks) as Dispatcher.DispatchHandler,
      );
    },
    close: () => pool.close(),
    destroy: () => pool.destroy(),
  };
}

/**
 * Receives one response, discarding its body; exactly one `onDone` per request. Written against undici's
 * original handler callbacks (onConnect, onHeaders, …), which its clients call directly: the newer
 * controller-based ones go through an adapter object per request, measurably slower at tens of thousands of
 * requests a second.
 */
class OutcomeHandler {
  #callbacks: SendCallbacks;
  #status = 0;
  #sent = false;
  #done = false;

  constructor(callbacks: SendCallbacks) {
    this.#callbacks = callbacks;
  }

  // Called again if undici retries the request on a fresh socket; the first write is when it was sent.
  onConnect(): void {
    if (this.#sent) return;
    this.#sent = true;
    this.#callbacks.onSent();
  }

  onHeaders(statusCode: number): boolean {
    this.#status = statusCode;
    return true;
  }

  onData(): boolean {
    return true;
  }

  onComplete(): void {
    this.#finish(this.#status, undefined);
  }

  onError(error: Error): void {
    this.#finish(0, errorKind(error));
  }

  #finish(status: number, error: ErrorKind | undefined): void {
    if (this.#done) return;
    this.#done = true;
    this.#callbacks.onDone(status, error);
  }
}
