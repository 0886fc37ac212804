/**
 * @module load/raw-lanes
 * The load mode's HTTP/1.1 client: keep-alive connections ("lanes") with one request in flight each, a request
 * written with one write of its head (built once per template) and body, the answer read by a small parser that
 * only looks for what ends it (status, Content-Length, chunked, Connection: close). This is how autocannon
 * sends. A CPU profile of a closed-model run through undici showed the generator's time in its request objects,
 * header checks, wasm parser and a writev per request; through lanes the generator's own code nearly vanished
 * from the profile, leaving the receiver the CPU they share.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { type ErrorKind, errorKind } from './error-kinds.ts';

export interface LaneSendCallbacks {
  onSent(): void;
  onDone(status: number, error: ErrorKind | undefined): void;
}

export interface RawLanesOptions {
  target: URL;
  connections: number;
  /** Connecting, the answer's head, or a pause inside its body longer than this: a failure. */
  timeoutMs: number;
  /** Called after a request's onDone, when its lane can take the next one. */
  onFree?: (lane: number) => void;
}

export interface RawLanes {
  send(
    lane: number,
    body: Buffer,
    contentType: string,
    callbacks: LaneSendCallbacks,
    headers?: Readonly<Record<string, string>>,
  ): void;
  /**
   * Writes `request`, a whole request (a head from this target's `RequestHeads`, then the body), as it is: no
   * copy. The buffer must stay unchanged until the request's onDone.
   */
  sendRequest(lane: number, request: Buffer, callbacks: LaneSendCallbacks): void;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export function createRawLanes(options: RawLanesOptions): RawLanes {
  const heads = new RequestHeads(options.target);
  const answers = new AnswerHeads();
  const lanes = Array.from(
    { length: options.connections },
    (_, index) => new Lane(options.target, options.timeoutMs, answers, () => options.onFree?.(index)),
  );
  // One coarse timer for every lane's deadline instead of a timer per request: a timeout is noticed within
  // a quarter of it (at most 250 ms) late.
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const lane of lanes) lane.checkDeadline(now);
    },
    Math.max(1, Math.min(250, options.timeoutMs / 4)),
  );
  sweep.unref();
  return {
    send(lane, body, contentType, callbacks, headers) {
      (lanes[lane % lanes.length] as Lane).send(
        heads.head(contentType, headers, body.length),
        body,
        callbacks,
      );
    },
    sendRequest(lane, request, callbacks) {
      (lanes[lane % lanes.length] as Lane).sendRequest(request, callbacks);
    },
    close: async () => {
      clearInterval(sweep);
      await Promise.all(lanes.map((lane) => lane.close()));
    },
    destroy: async () => {
      clearInterval(sweep);
      for (const lane of lanes) lane.destroy();
    },
  };
}

/** Request heads, built once per Content-Type, extra headers and body length (a template's body keeps its length). */
export class RequestHeads {
  readonly #start: string;
  readonly #byType = new Map<
    string,
    Map<Readonly<Record<string, string>> | undefined, Map<number, Buffer>>
  >();

  constructor(target: URL) {
    // HTTP/1.1 keeps the connection alive without saying so: one header less for the receiver to parse
    this.#start = `POST ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\n`;
  }

  head(contentType: string, headers: Readonly<Record<string, string>> | undefined, length: number): Buffer {
    let byHeaders = this.#byType.get(contentType);
    if (!byHeaders) {
      byHeaders = new Map();
      this.#byType.set(contentType, byHeaders);
    }
    let byLength = byHeaders.get(headers);
    if (!byLength) {
      byLength = new Map();
      byHeaders.set(headers, byLength);
    }
    let head = byLength.get(length);
    if (!head) {
      const extra = Object.entries(headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      head = Buffer.from(
        `${this.#start}content-type: ${contentType}\r\n${extra}content-length: ${length}\r\n\r\n`,
        'latin1',
      );
      byLength.set(length, head);
    }
    return head;
  }
}

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
}

/**
 * The last answer head read, raw and parsed: a receiver answers every request with the same head but for its
 * Date, which changes once a second, so comparing the bytes (one native call) spares turning the head into a
 * string, lowercasing it and searching it for three headers on almost every answer.
 */
class AnswerHeads {
  #raw: Buffer = Buffer.alloc(0);
  #parsed: AnswerHead | undefined;

  /** The head in data[start, end) (without its blank line). */
  read(data: Buffer, start: number, end: number): AnswerHead {
    if (this.#parsed && this.#raw.length === end - start && this.#raw.compare(data, start, end) === 0) {
      return this.#parsed;
    }
    const parsed = parseAnswerHead(data.toString('latin1', start, end));
    // a copy: `data` is a read buffer used again for the next read
    this.#raw = Buffer.from(data.subarray(start, end));
    this.#parsed = parsed;
    return parsed;
  }
}

/**
 * Answers are read into one buffer shared by every plain-TCP lane (a socket's `onread`), and handled before the
 * next read: no Buffer per read and no readable stream pushing a 'data' event, which a profile showed as the
 * lanes' largest cost per answer after the system calls. TLS sockets read through their stream as usual.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** One connection and the one request in flight on it. */
class Lane {
  readonly #target: URL;
  readonly #timeoutMs: number;
  #socket: Socket | undefined;
  #connected = false;
  /** Head and body of the request being written, copied into one buffer for one write. */
  #scratch = Buffer.allocUnsafe(16 * 1024);
  #outgoing: Buffer | undefined;
  #callbacks: LaneSendCallbacks | undefined;
  #deadline = Number.POSITIVE_INFINITY;
  #deadlineKind: ErrorKind = 'timeout';
  // the answer being read
  #phase: Phase = 'head';
  #pending: Buffer | undefined;
  #status = 0;
  #remaining = 0;
  #closeAfter = false;
  #whenIdle: (() => void) | undefined;

  readonly #answers: AnswerHeads;
  readonly #onFree: () => void;

  constructor(target: URL, timeoutMs: number, answers: AnswerHeads, onFree: () => void) {
    this.#target = target;
    this.#timeoutMs = timeoutMs;
    this.#answers = answers;
    this.#onFree = onFree;
  }

  send(head: Buffer, body: Buffer, callbacks: LaneSendCallbacks): void {
    const size = head.length + body.length;
    // A write the kernel did not take at once still holds the scratch buffer: use a fresh one then.
    if (this.#scratch.length < size || (this.#socket !== undefined && this.#socket.writableLength > 0)) {
      this.#scratch = Buffer.allocUnsafe(Math.max(size, this.#scratch.length));
    }
    head.copy(this.#scratch, 0);
    body.copy(this.#scratch, head.length);
    this.#outgoing = this.#scratch.subarray(0, size);
    this.#start(callbacks);
  }

  sendRequest(request: Buffer, callbacks: LaneSendCallbacks): void {
    this.#outgoing = request;
    this.#start(callbacks);
  }

  #start(callbacks: LaneSendCallbacks): void {
    this.#callbacks = callbacks;
    this.#phase = 'head';
    this.#pending = undefined;
    if (this.#socket && this.#connected) this.#write();
    else if (!this.#socket) this.#connect();
  }

  #connect(): void {
    const { hostname, port, protocol } = this.#target;
    const host = hostname.replace(/^\[|\]$/g, '');
    const https = protocol === 'https:';
    const socket: Socket = https
      ? connectTls({ host, port: Number(port || 443), servername: /^[\d.:]+$/.test(host) ? undefined : host })
      : connectTcp({
          host,
          port: Number(port || 80),
          onread: {
            buffer: READ_BUFFER,
            callback: (length: number, buffer: Uint8Array) => {
              this.#onData(socket, buffer as Buffer, length);
              return true;
            },
          },
        });
    socket.setNoDelay(true);
    this.#socket = socket;
    this.#connected = false;
    this.#deadline = performance.now() + this.#timeoutMs;
    this.#deadlineKind = 'connect';
    socket.once(https ? 'secureConnect' : 'connect', () => {
      this.#connected = true;
      if (this.#outgoing) this.#write();
    });
    if (https) socket.on('data', (chunk: Buffer) => this.#onData(socket, chunk, chunk.length));
    socket.on('error', (error: Error) => {
      this.#drop(socket, this.#connected ? errorKind(error) : connectKind(error));
    });
    socket.on('close', () => {
      if (socket !== this.#socket) return;
      if (this.#phase === 'until-close' && this.#callbacks) this.#complete(socket);
      else this.#drop(socket, 'reset');
    });
  }

  #write(): void {
    const socket = this.#socket as Socket;
    this.#deadline = performance.now() + this.#timeoutMs;
    this.#deadlineKind = 'timeout';
    this.#callbacks?.onSent();
    socket.write(this.#outgoing as Buffer);
    this.#outgoing = undefined;
  }

  /**
   * Reads the answer from chunk[0, length); once it is complete the rest of the chunk is dropped (one request at
   * a time). The chunk may be the shared read buffer: what is kept for the next read is copied.
   */
  #onData(socket: Socket, chunk: Buffer, length: number): void {
    if (socket !== this.#socket || !this.#callbacks) return;
    let data = chunk;
    if (this.#pending) {
      data = Buffer.concat([this.#pending, chunk.subarray(0, length)]);
      length = data.length;
      this.#pending = undefined;
    }
    let at = 0;
    while (this.#callbacks && at < length) {
      switch (this.#phase) {
        case 'head': {
          // a match past `length` is stale bytes of the shared read buffer
          const end = data.indexOf(HEAD_END, at);
          if (end < 0 || end + 4 > length) {
            this.#wait(data, at, length);
            return;
          }
          const head = this.#answers.read(data, at, end);
          this.#status = head.status;
          this.#phase = head.phase;
          this.#remaining = head.remaining;
          this.#closeAfter = head.closeAfter;
          at = end + 4;
          // an interim answer (100 Continue, 103) leaves the phase at 'head': the real one follows
          if ((this.#phase as Phase) === 'length' && this.#remaining === 0) {
            this.#complete(socket);
            return;
          }
          break;
        }
        case 'length': {
          const take = Math.min(this.#remaining, length - at);
          this.#remaining -= take;
          at += take;
          if (this.#remaining === 0) {
            this.#complete(socket);
            return;
          }
          break;
        }
        case 'chunk-size':
        case 'trailers': {
          const lineEnd = data.indexOf(CRLF, at);
          if (lineEnd < 0 || lineEnd + 2 > length) {
            this.#wait(data, at, length);
            return;
          }
          const line = data.toString('latin1', at, lineEnd);
          at = lineEnd + 2;
          if (this.#phase === 'trailers') {
            if (line === '') {
              this.#complete(socket);
              return;
            }
          } else {
            this.#remaining = Number.parseInt(line, 16);
            if (Number.isNaN(this.#remaining)) {
              this.#drop(socket, 'other');
              return;
            }
            this.#phase = this.#remaining === 0 ? 'trailers' : 'chunk-data';
          }
          break;
        }
        case 'chunk-data': {
          const take = Math.min(this.#remaining, length - at);
          this.#remaining -= take;
          at += take;
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
          at = length;
          break;
      }
    }
    // the answer goes on in a later read: it has one timeout from now
    if (this.#callbacks) this.#deadline = performance.now() + this.#timeoutMs;
  }

  /** Keeps data[at, length) (a copy) for the next read, and gives the answer one timeout from now. */
  #wait(data: Buffer, at: number, length: number): void {
    this.#pending = Buffer.from(data.subarray(at, length));
    this.#deadline = performance.now() + this.#timeoutMs;
  }

  #complete(socket: Socket): void {
    const callbacks = this.#callbacks as LaneSendCallbacks;
    this.#callbacks = undefined;
    this.#deadline = Number.POSITIVE_INFINITY;
    this.#phase = 'head';
    // Answered before the whole request was written (the receiver did not read it all): the connection goes,
    // and the unwritten rest with it, so a buffer handed back in onDone is not sent while it is re-stamped.
    if (this.#closeAfter || socket.writableLength > 0) this.#forget(socket);
    callbacks.onDone(this.#status, undefined);
    this.#idle();
    if (!this.#callbacks) this.#onFree();
  }

  /** The connection failed or closed: the request on it fails, and the next one opens a new connection. */
  #drop(socket: Socket, kind: ErrorKind): void {
    if (socket !== this.#socket) return;
    this.#forget(socket);
    const callbacks = this.#callbacks;
    this.#callbacks = undefined;
    this.#outgoing = undefined;
    this.#deadline = Number.POSITIVE_INFINITY;
    callbacks?.onDone(0, kind);
    this.#idle();
    if (callbacks && !this.#callbacks) this.#onFree();
  }

  #forget(socket: Socket): void {
    if (this.#socket === socket) this.#socket = undefined;
    socket.destroy();
  }

  checkDeadline(now: number): void {
    if (now > this.#deadline && this.#socket) this.#drop(this.#socket, this.#deadlineKind);
  }

  #idle(): void {
    const resolve = this.#whenIdle;
    this.#whenIdle = undefined;
    resolve?.();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        this.#socket?.end();
        this.#socket = undefined;
        resolve();
      };
      if (this.#callbacks) this.#whenIdle = end;
      else end();
    });
  }

  destroy(): void {
    if (this.#socket) this.#drop(this.#socket, 'reset');
  }
}

/** Status, how the body ends, and whether the connection closes after it. */
function parseAnswerHead(head: string): AnswerHead {
  const status = Number(head.slice(9, 12));
  const lower = head.toLowerCase();
  if (status >= 100 && status < 200) return { status, phase: 'head', remaining: 0, closeAfter: false };
  const http10 = lower.startsWith('http/1.0');
  const connection = headerValue(lower, 'connection');
  const closeAfter = connection === undefined ? http10 : connection.includes('close');
  if (status === 204 || status === 304) return { status, phase: 'length', remaining: 0, closeAfter };
  if (headerValue(lower, 'transfer-encoding')?.includes('chunked')) {
    return { status, phase: 'chunk-size', remaining: 0, closeAfter };
  }
  const length = headerValue(lower, 'content-length');
  if (length !== undefined) return { status, phase: 'length', remaining: Number(length), closeAfter };
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

/** Any failure before the connection was up is a connect failure. */
function connectKind(error: Error): ErrorKind {
  const kind = errorKind(error);
  return kind === 'timeout' || kind === 'reset' || kind === 'other' ? 'connect' : kind;
}
