/**
 * @module delivery/client
 * One HTTP attempt: POST a rendered callback body to a target over keep-alive connections (undici) and
 * describe what happened. HTTP statuses and network failures are data (an AttemptOutcome), never exceptions.
 */
import { Agent, type Dispatcher } from 'undici';

export interface DeliveryRequest {
  url: string;
  body: string;
  contentType: string;
  /** Extra request headers (e.g. a receiver's shared-secret header); a `content-type` here wins. */
  headers?: Record<string, string>;
}

/** `local`: the request could not even be written as given (e.g. an invalid header); retrying cannot help. */
export type AttemptErrorKind = 'connect' | 'timeout' | 'reset' | 'local' | 'other';

export interface AttemptOutcome {
  /** The target answered 2xx. */
  ok: boolean;
  /** Absent when no response came back. */
  status?: number;
  /** From the start of the request to the end of the response body (or the failure). */
  latencyMs: number;
  /** The first RESPONSE_SNIPPET_CHARS characters of the response body. */
  responseSnippet?: string;
  error?: { kind: AttemptErrorKind; message: string };
}

export interface DeliveryClientOptions {
  /** Per-attempt limit, connect to last response byte. */
  timeoutMs?: number;
  /** Where connections come from; defaults to a keep-alive Agent owned (and closed) by this client. */
  dispatcher?: Dispatcher;
  /** Monotonic milliseconds, for latency. */
  now?: () => number;
}

export interface DeliveryClient {
  send(request: DeliveryRequest, extraHeaders?: Record<string, string>): Promise<AttemptOutcome>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const RESPONSE_SNIPPET_CHARS = 512;
/** A receiver's answer is drained (so the connection can be reused) up to this size, then cut off. */
const MAX_DRAINED_BYTES = 1024 * 1024;
const SNIPPET_BYTES = RESPONSE_SNIPPET_CHARS * 4;
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

  return {
    send(delivery, extraHeaders = {}) {
      return new Promise((resolve) => {
        const started = now();
        const attempt = new Attempt(timeoutMs, () => now() - started, resolve);
        try {
          const { origin, path, authorization } = destinationOf(delivery.url);
          const headers = mergeHeaders(
            { 'content-type': delivery.contentType, ...authorization },
            delivery.headers,
            extraHeaders,
          );
          dispatcher.dispatch({ origin, path, method: 'POST', body: delivery.body, headers }, attempt);
        } catch (error) {
          // a request that cannot be written as given (a bad URL or header): no round trip
          attempt.fail(error);
        }
      });
    },
    async close() {
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
  #kept: Buffer[] = [];
  #keptBytes = 0;
  #total = 0;
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
    if (this.#keptBytes < SNIPPET_BYTES) {
      this.#kept.push(chunk);
      this.#keptBytes += chunk.length;
    }
    this.#total += chunk.length;
    // an endless answer: keep what was read, and let the connection go
    if (this.#total > MAX_DRAINED_BYTES) {
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
    this.#settle({
      ok: false,
      latencyMs: this.#elapsed(),
      error: { kind: classifyNetworkError(error), message: describeError(error) },
    });
  }

  #answered(): void {
    const status = this.#status;
    this.#settle({
      ok: status >= 200 && status < 300,
      status,
      latencyMs: this.#elapsed(),
      responseSnippet: Buffer.concat(this.#kept).toString('utf8').slice(0, RESPONSE_SNIPPET_CHARS),
    });
  }

  #timeOut(): void {
    this.#settle({
      ok: false,
      latencyMs: this.#elapsed(),
      error: { kind: 'timeout', message: `no complete response within ${this.#timeoutMs} ms` },
    });
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
}

function destinationOf(target: string): Destination {
  let destination = destinations.get(target);
  if (!destination) {
    const { url, authorization } = splitCredentials(target);
    const parsed = new URL(url);
    destination = {
      origin: parsed.origin,
      path: `${parsed.pathname}${parsed.search}`,
      ...(authorization ? { authorization } : {}),
    };
    if (destinations.size >= MAX_DESTINATIONS) destinations.clear();
    destinations.set(target, destination);
  }
  return destination;
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

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const LOCAL_CODES = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_VALUE']);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}

export function classifyNetworkError(error: unknown): AttemptErrorKind {
  const codes = errorCodes(error);
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return 'timeout';
  if (codes.some((code) => CONNECT_CODES.has(code))) return 'connect';
  if (codes.some((code) => RESET_CODES.has(code))) return 'reset';
  if (codes.some((code) => LOCAL_CODES.has(code))) return 'local';
  return 'other';
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCodes(error)[0];
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${code ? `${code} ` : ''}${error.message}${cause}`.trim();
}
