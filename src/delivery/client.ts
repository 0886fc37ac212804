/**
 * @module delivery/client
 * One HTTP attempt: POST a rendered callback body to a target over keep-alive connections and describe what
 * happened. HTTP statuses and network failures are data (an AttemptOutcome), never exceptions. `http:` targets
 * go through plain-http, `https:` ones (and every target when a caller gives its own dispatcher) through undici.
 */
import { Agent, type Dispatcher } from 'undici';
import {
  AnswerSnippet,
  type AttemptOutcome,
  answered,
  classifyNetworkError,
  describeError,
  failed,
  timeoutMessage,
} from './attempt-outcome.ts';
import { createPlainHttp, type PlainDestination } from './plain-http.ts';

export interface DeliveryRequest {
  url: string;
  body: string;
  contentType: string;
  /** Extra request headers (e.g. a receiver's shared-secret header); a `content-type` here wins. */
  headers?: Record<string, string>;
}

export interface DeliveryClientOptions {
  /** Per-attempt limit, connect to last response byte. */
  timeoutMs?: number;
  /**
   * Where every target's connections come from, `http:` ones too; by default `http:` targets get plain-http's
   * and `https:` ones a keep-alive Agent owned (and closed) by this client.
   */
  dispatcher?: Dispatcher;
  /** Monotonic milliseconds, for latency. */
  now?: () => number;
}

export interface DeliveryClient {
  send(request: DeliveryRequest, extraHeaders?: Record<string, string>): Promise<AttemptOutcome>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * How long an idle connection is kept when the receiver does not announce its own limit (Keep-Alive: timeout).
 * Below what common servers close idle sockets after unannounced (gunicorn 2 s, uvicorn 5 s): reusing a socket
 * the receiver has just closed loses the request. Busy traffic keeps its connections; a quiet schedule pays one
 * new connection per run.
 */
const IDLE_SOCKET_MS = 1_000;

const CLIENT_DEFAULTS = { timeoutMs: DEFAULT_TIMEOUT_MS, now: () => performance.now() };

export function createDeliveryClient(options: DeliveryClientOptions = {}): DeliveryClient {
  const { timeoutMs, now } = { ...CLIENT_DEFAULTS, ...options };
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ?? new Agent({ keepAliveTimeout: IDLE_SOCKET_MS, connect: { timeout: timeoutMs } });
  const plain = ownsDispatcher ? createPlainHttp({ timeoutMs, idleMs: IDLE_SOCKET_MS, now }) : undefined;

  return {
    send(delivery, extraHeaders = {}) {
      const started = now();
      let destination: Destination;
      try {
        destination = destinationOf(delivery.url);
      } catch (error) {
        // a target that is not a URL: no round trip
        return Promise.resolve(failed(now() - started, classifyNetworkError(error), describeError(error)));
      }
      const headers = mergeHeaders(
        { 'content-type': delivery.contentType, ...destination.authorization },
        delivery.headers,
        extraHeaders,
      );
      if (plain && destination.plain) return plain.send(destination.plain, headers, delivery.body);
      const { origin, path } = destination;
      return new Promise((resolve) => {
        const attempt = new Attempt(timeoutMs, () => now() - started, resolve);
        try {
          dispatcher.dispatch({ origin, path, method: 'POST', body: delivery.body, headers }, attempt);
        } catch (error) {
          // a request that cannot be written as given (e.g. a bad header): no round trip
          attempt.fail(error);
        }
      });
    },
    async close() {
      await plain?.close();
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/**
 * One attempt as an undici dispatch handler: the status, the first bytes of the answer (the rest drained, up to
 * MAX_DRAINED_BYTES, so the connection stays usable), and one deadline over the whole exchange. The dispatch API
 * costs a third of `request()` per call (no request object, body stream or abort signal): a fast receiver takes
 * three times as many recorded deliveries a second.
 */
class Attempt implements Dispatcher.DispatchHandler {
  #status = 0;
  readonly #snippet = new AnswerSnippet();
  #settled = false;
  #controller: Dispatcher.DispatchController | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #elapsed: () => number;
  readonly #resolve: (outcome: AttemptOutcome) => void;
  readonly #timeoutMs: number;

  constructor(timeoutMs: number, elapsed: () => number, resolve: (outcome: AttemptOutcome) => void) {
    this.#timeoutMs = timeoutMs;
    this.#elapsed = elapsed;
    this.#resolve = resolve;
    this.#timer = setTimeout(() => this.#timeOut(), timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // the deadline passed while the connection was being made
    if (this.#settled) controller.abort(new Error('timed out'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    // a 1xx comes before the real answer
    this.#status = statusCode;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // an endless answer: keep what was read, and let the connection go
    if (!this.#snippet.add(chunk)) {
      this.#answered();
      controller.abort(new Error('answer too long'));
    }
  }

  onResponseEnd(): void {
    this.#answered();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  fail(error: unknown): void {
    this.#settle(failed(this.#elapsed(), classifyNetworkError(error), describeError(error)));
  }

  #answered(): void {
    this.#settle(answered(this.#status, this.#elapsed(), this.#snippet));
  }

  #timeOut(): void {
    this.#settle(failed(this.#elapsed(), 'timeout', timeoutMessage(this.#timeoutMs)));
    this.#controller?.abort(new Error('timed out'));
  }

  #settle(outcome: AttemptOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#resolve(outcome);
  }
}

/** A target's origin and path, and the Authorization its credentials make; the same few targets recur. */
const destinations = new Map<string, Destination>();
const MAX_DESTINATIONS = 1_000;

interface Destination {
  origin: string;
  path: string;
  authorization?: Record<string, string>;
  /** Where plain-http connects, for an `http:` target. */
  plain?: PlainDestination;
}

function destinationOf(target: string): Destination {
  let destination = destinations.get(target);
  if (!destination) {
    const { url, authorization } = splitCredentials(target);
    const parsed = new URL(url);
    const path = `${parsed.pathname}${parsed.search}`;
    destination = {
      origin: parsed.origin,
      path,
      ...(authorization ? { authorization } : {}),
      ...(parsed.protocol === 'http:' ? { plain: plainDestination(parsed, path) } : {}),
    };
    if (destinations.size >= MAX_DESTINATIONS) destinations.clear();
    destinations.set(target, destination);
  }
  return destination;
}

function plainDestination(url: URL, path: string): PlainDestination {
  return {
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    host: url.host,
    path,
  };
}

/**
 * `http://user:pass@host/` as a browser or curl sends it: Basic credentials in Authorization (a header the
 * caller gives wins), the URL without them.
 */
function splitCredentials(target: string): { url: string; authorization?: Record<string, string> } {
  const url = URL.canParse(target) ? new URL(target) : undefined;
  if (!url || (!url.username && !url.password)) return { url: target };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return {
    url: url.href,
    authorization: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  };
}

/** Lower-cases names so a later `Content-Type` replaces an earlier `content-type` instead of doubling it. */
function mergeHeaders(...sources: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) merged[name.toLowerCase()] = value;
  }
  return merged;
}
