/**
 * @module delivery/client
 * One HTTP attempt: POST a rendered callback body to a target over keep-alive connections (undici) and
 * describe what happened. HTTP statuses and network failures are data (an AttemptOutcome), never exceptions.
 */
import { Agent, type Dispatcher, request } from 'undici';

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
    async send(delivery, extraHeaders = {}) {
      const { url, authorization } = splitCredentials(delivery.url);
      const headers = mergeHeaders(
        { 'content-type': delivery.contentType, ...authorization },
        delivery.headers,
        extraHeaders,
      );
      const started = now();
      const timedOut = new AbortController();
      const timer = setTimeout(() => timedOut.abort(), timeoutMs);
      try {
        const response = await request(url, {
          method: 'POST',
          body: delivery.body,
          headers,
          dispatcher,
          signal: timedOut.signal,
        });
        const responseSnippet = await readSnippet(response.body);
        const status = response.statusCode;
        return { ok: status >= 200 && status < 300, status, latencyMs: now() - started, responseSnippet };
      } catch (error) {
        const kind = timedOut.signal.aborted ? 'timeout' : classifyNetworkError(error);
        const message =
          kind === 'timeout' && timedOut.signal.aborted
            ? `no complete response within ${timeoutMs} ms`
            : describeError(error);
        return { ok: false, latencyMs: now() - started, error: { kind, message } };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
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

/** Keeps the start of the body and drains the rest so the keep-alive connection stays usable. */
async function readSnippet(body: AsyncIterable<Buffer>): Promise<string> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let total = 0;
  for await (const chunk of body) {
    if (keptBytes < SNIPPET_BYTES) {
      kept.push(chunk);
      keptBytes += chunk.length;
    }
    total += chunk.length;
    if (total > MAX_DRAINED_BYTES) break; // leaving the loop destroys the stream and its socket
  }
  return Buffer.concat(kept).toString('utf8').slice(0, RESPONSE_SNIPPET_CHARS);
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
