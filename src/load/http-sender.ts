/**
 * @module load/http-sender
 * POSTs bodies with undici (a Pool, or a Client per connection) and reports each outcome through callbacks: no promise, stream or response
 * object per request, since the sender must not be what limits the rate (fetch is about ten times slower on
 * loopback). A non-2xx status is an outcome like any other; only transport failures are errors, by kind.
 */
import { Client, type Dispatcher, Pool } from 'undici';

export const ERROR_KINDS = ['connect', 'timeout', 'reset', 'other'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface HttpSenderOptions {
  target: URL;
  connections: number;
  /** No response headers, or a body stalled, for this long: a `timeout` error. */
  timeoutMs: number;
  /**
   * One undici Client per connection, chosen by the caller with `lane`, instead of a Pool that looks for a free
   * one: each closed-model worker owns a connection, and skipping the Pool's search saves about a microsecond a
   * request. The open model needs the Pool: it queues requests when every connection is busy.
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
  const { origin } = options.target;
  const timeouts = {
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
  };
  const dispatchers: Dispatcher[] = options.lanes
    ? Array.from({ length: options.connections }, () => new Client(origin, { pipelining: 1, ...timeouts }))
    : [new Pool(origin, { connections: options.connections, pipelining: 1, ...timeouts })];
  const path = options.target.pathname + options.target.search;

  function send(
    body: Buffer,
    contentType: string,
    callbacks: SendCallbacks,
    lane = 0,
    headers?: Readonly<Record<string, string>>,
  ): void {
    (dispatchers[lane % dispatchers.length] as Dispatcher).dispatch(
      { path, method: 'POST', headers: { ...headers, 'content-type': contentType }, body },
      new OutcomeHandler(callbacks) as Dispatcher.DispatchHandler,
    );
  }

  return {
    send,
    close: async () => {
      await Promise.all(dispatchers.map((d) => d.close()));
    },
    destroy: async () => {
      await Promise.all(dispatchers.map((d) => d.destroy()));
    },
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

const KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNREFUSED: 'connect',
  ENOTFOUND: 'connect',
  EAI_AGAIN: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
};

/** Sorts a transport failure into the kinds the report counts. */
export function errorKind(error: Error): ErrorKind {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && KIND_BY_CODE[code]) || 'other';
}
