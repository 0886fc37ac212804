/**
 * @module delivery/answer-reader
 * Reads an HTTP/1.1 answer off a socket's bytes, only as far as a client needs: its status, its body's bytes,
 * and where it ends (Content-Length, chunked, or the connection's close), and whether the connection closes
 * after it. Shared by the delivery client's plain-http path and the load mode's lanes: both write a request and
 * read its answer without an HTTP library's request objects, header checks and parser.
 */

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CRLF = Buffer.from('\r\n', 'latin1');

type Phase = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close';

/** What an answer's head says: its status, and how its body ends. */
interface AnswerHead {
  status: number;
  /** 'head' for an interim answer (1xx): the real one follows. */
  phase: Phase;
  /** The body's length when `phase` is 'length'. */
  remaining: number;
  closeAfter: boolean;
  /** Seconds from `Keep-Alive: timeout=N`, when the receiver says how long it keeps an idle connection. */
  keepAliveSeconds?: number;
}

/** `done`: the answer is complete; `more`: it goes on in a later read; `bad`: it is not HTTP/1.1 as read. */
export type ReadResult = 'done' | 'more' | 'bad';

/** Called with each piece of an answer's body as it is read: data[start, end), valid only during the call. */
export type BodyListener = (data: Buffer, start: number, end: number) => void;

/**
 * The last answer head read, raw and parsed: a receiver answers every request with the same head but for its
 * Date, which changes once a second, so comparing the bytes (one native call) spares turning the head into a
 * string, lowercasing it and searching it for its headers on almost every answer.
 */
export class AnswerHeads {
  #raw: Buffer = Buffer.alloc(0);
  #parsed: AnswerHead | undefined;

  /** The head in data[start, end) (without its blank line). */
  read(data: Buffer, start: number, end: number): AnswerHead {
    if (this.#parsed && this.#raw.length === end - start && this.#raw.compare(data, start, end) === 0) {
      return this.#parsed;
    }
    const parsed = parseAnswerHead(data.toString('latin1', start, end));
    // a copy: `data` may be a read buffer used again for the next read
    this.#raw = Buffer.from(data.subarray(start, end));
    this.#parsed = parsed;
    return parsed;
  }
}

/** One connection's answers, one after another: `start` before each request, then `read` each chunk. */
export class AnswerReader {
  status = 0;
  closeAfter = false;
  keepAliveSeconds: number | undefined;
  #phase: Phase = 'head';
  #remaining = 0;
  #pending: Buffer | undefined;
  #onBody: BodyListener | undefined;
  readonly #heads: AnswerHeads;

  constructor(heads: AnswerHeads = new AnswerHeads()) {
    this.#heads = heads;
  }

  /** Expects a new answer; `onBody` (if given) sees its body. */
  start(onBody?: BodyListener): void {
    this.#phase = 'head';
    this.#pending = undefined;
    this.#onBody = onBody;
  }

  /** An answer without a length or chunks ends when the connection closes. */
  get endsAtClose(): boolean {
    return this.#phase === 'until-close';
  }

  /**
   * Reads the answer from chunk[0, length); once it is complete the rest of the chunk is dropped (one request at
   * a time). The chunk may be a shared read buffer: what is kept for the next read is copied.
   */
  read(chunk: Buffer, length: number): ReadResult {
    let data = chunk;
    if (this.#pending) {
      data = Buffer.concat([this.#pending, chunk.subarray(0, length)]);
      length = data.length;
      this.#pending = undefined;
    }
    let at = 0;
    while (at < length) {
      switch (this.#phase) {
        case 'head': {
          // a match past `length` is stale bytes of a shared read buffer
          const end = data.indexOf(HEAD_END, at);
          if (end < 0 || end + 4 > length) return this.#wait(data, at, length);
          const head = this.#heads.read(data, at, end);
          this.status = head.status;
          this.#phase = head.phase;
          this.#remaining = head.remaining;
          this.closeAfter = head.closeAfter;
          this.keepAliveSeconds = head.keepAliveSeconds;
          at = end + 4;
          // not an HTTP/1.x status line, or a Content-Length that is not a number
          if (Number.isNaN(this.status) || Number.isNaN(this.#remaining)) return 'bad';
          // an interim answer (100 Continue, 103) leaves the phase at 'head': the real one follows
          if ((this.#phase as Phase) === 'length' && this.#remaining === 0) return 'done';
          break;
        }
        case 'length': {
          at = this.#body(data, at, length);
          if (this.#remaining === 0) return 'done';
          break;
        }
        case 'chunk-size':
        case 'trailers': {
          const lineEnd = data.indexOf(CRLF, at);
          if (lineEnd < 0 || lineEnd + 2 > length) return this.#wait(data, at, length);
          const line = data.toString('latin1', at, lineEnd);
          at = lineEnd + 2;
          if (this.#phase === 'trailers') {
            if (line === '') return 'done';
          } else {
            this.#remaining = Number.parseInt(line, 16);
            if (Number.isNaN(this.#remaining)) return 'bad';
            this.#phase = this.#remaining === 0 ? 'trailers' : 'chunk-data';
          }
          break;
        }
        case 'chunk-data': {
          at = this.#body(data, at, length);
          if (this.#remaining === 0) {
            this.#phase = 'chunk-end';
            this.#remaining = 2;
          }
          break;
        }
        case 'chunk-end': {
          const take = Math.min(this.#remaining, length - at);
          this.#remaining -= take;
          at += take;
          if (this.#remaining === 0) this.#phase = 'chunk-size';
          break;
        }
        case 'until-close':
          this.#onBody?.(data, at, length);
          at = length;
          break;
      }
    }
    return 'more';
  }

  /** Reads what it can of the body's remaining bytes from data[at, length); returns where it stopped. */
  #body(data: Buffer, at: number, length: number): number {
    const take = Math.min(this.#remaining, length - at);
    this.#onBody?.(data, at, at + take);
    this.#remaining -= take;
    return at + take;
  }

  /** Keeps data[at, length) (a copy) for the next read. */
  #wait(data: Buffer, at: number, length: number): ReadResult {
    this.#pending = Buffer.from(data.subarray(at, length));
    return 'more';
  }
}

/** Status, how the body ends, and whether the connection closes after it. */
function parseAnswerHead(head: string): AnswerHead {
  const status = /^HTTP\/1\.[01] \d{3}/.test(head) ? Number(head.slice(9, 12)) : Number.NaN;
  const lower = head.toLowerCase();
  if (status >= 100 && status < 200) return { status, phase: 'head', remaining: 0, closeAfter: false };
  const http10 = lower.startsWith('http/1.0');
  const connection = headerValue(lower, 'connection');
  const closeAfter = connection === undefined ? http10 : connection.includes('close');
  const keepAlive = /timeout=(\d+)/.exec(headerValue(lower, 'keep-alive') ?? '');
  const hint = keepAlive ? { keepAliveSeconds: Number(keepAlive[1]) } : {};
  if (status === 204 || status === 304) return { status, phase: 'length', remaining: 0, closeAfter, ...hint };
  if (headerValue(lower, 'transfer-encoding')?.includes('chunked')) {
    return { status, phase: 'chunk-size', remaining: 0, closeAfter, ...hint };
  }
  const length = headerValue(lower, 'content-length');
  if (length !== undefined) {
    const remaining = /^\d+$/.test(length) ? Number(length) : Number.NaN;
    return { status, phase: 'length', remaining, closeAfter, ...hint };
  }
  return { status, phase: 'until-close', remaining: 0, closeAfter: true };
}

/** A header's value in a lowercased head, or undefined. */
function headerValue(lowerHead: string, name: string): string | undefined {
  const at = lowerHead.indexOf(`\r\n${name}:`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  const end = lowerHead.indexOf('\r\n', start);
  return lowerHead.slice(start, end < 0 ? undefined : end).trim();
}
