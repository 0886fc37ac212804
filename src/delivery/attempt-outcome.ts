/**
 * @module delivery/attempt-outcome
 * What one HTTP attempt came to, as the delivery client's two paths (undici for https, plain-http for http)
 * report it: the status, the first characters of the answer, or the kind of network failure.
 */

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

export const RESPONSE_SNIPPET_CHARS = 512;
/** A receiver's answer is drained (so the connection can be reused) up to this size, then cut off. */
const MAX_DRAINED_BYTES = 1024 * 1024;
const SNIPPET_BYTES = RESPONSE_SNIPPET_CHARS * 4;

/** The first bytes of an answer's body, and whether the body has grown past what is drained. */
export class AnswerSnippet {
  #kept: Buffer[] = [];
  #keptBytes = 0;
  #total = 0;

  /** Takes data[start, end) (copied: it may be a read buffer used again); false once the body is too long. */
  add(data: Buffer, start = 0, end = data.length): boolean {
    if (this.#keptBytes < SNIPPET_BYTES) {
      const piece = Buffer.from(data.subarray(start, Math.min(end, start + SNIPPET_BYTES - this.#keptBytes)));
      this.#kept.push(piece);
      this.#keptBytes += piece.length;
    }
    this.#total += end - start;
    return this.#total <= MAX_DRAINED_BYTES;
  }

  text(): string {
    return Buffer.concat(this.#kept).toString('utf8').slice(0, RESPONSE_SNIPPET_CHARS);
  }
}

/** The outcome of an answer with `status`. */
export function answered(status: number, latencyMs: number, snippet: AnswerSnippet): AttemptOutcome {
  return { ok: status >= 200 && status < 300, status, latencyMs, responseSnippet: snippet.text() };
}

/** The outcome of an attempt that got no answer. */
export function failed(latencyMs: number, kind: AttemptErrorKind, message: string): AttemptOutcome {
  return { ok: false, latencyMs, error: { kind, message } };
}

export function timeoutMessage(timeoutMs: number): string {
  return `no complete response within ${timeoutMs} ms`;
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

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCodes(error)[0];
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${code ? `${code} ` : ''}${error.message}${cause}`.trim();
}
