/**
 * @module load/raw-lanes
 * The load mode's HTTP/1.1 client: keep-alive connections ("lanes") with one request in flight each, a request
 * written with one write of its head (built once per template) and body, the answer read by the small parser of
 * delivery/answer-reader, which only looks for what ends it (status, Content-Length, chunked, Connection: close). This is how autocannon
 * sends. A CPU profile of a closed-model run through undici showed the generator's time in its request objects,
 * header checks, wasm parser and a writev per request; through lanes the generator's own code nearly vanished
 * from the profile, leaving the receiver the CPU they share.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { AnswerHeads, AnswerReader } from '../delivery/answer-reader.ts';
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
  /** The answer being read. */
  readonly #answer: AnswerReader;
  #whenIdle: (() => void) | undefined;

  readonly #onFree: () => void;

  constructor(target: URL, timeoutMs: number, answers: AnswerHeads, onFree: () => void) {
    this.#target = target;
    this.#timeoutMs = timeoutMs;
    this.#answer = new AnswerReader(answers);
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
    this.#answer.start();
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
      if (this.#answer.endsAtClose && this.#callbacks) this.#complete(socket);
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

  /** Reads the answer from chunk[0, length), which may be the shared read buffer. */
  #onData(socket: Socket, chunk: Buffer, length: number): void {
    if (socket !== this.#socket || !this.#callbacks) return;
    const result = this.#answer.read(chunk, length);
    if (result === 'done') this.#complete(socket);
    else if (result === 'bad') this.#drop(socket, 'other');
    // the answer goes on in a later read: it has one timeout from now
    else this.#deadline = performance.now() + this.#timeoutMs;
  }

  #complete(socket: Socket): void {
    const callbacks = this.#callbacks as LaneSendCallbacks;
    this.#callbacks = undefined;
    this.#deadline = Number.POSITIVE_INFINITY;
    // Answered before the whole request was written (the receiver did not read it all): the connection goes,
    // and the unwritten rest with it, so a buffer handed back in onDone is not sent while it is re-stamped.
    if (this.#answer.closeAfter || socket.writableLength > 0) this.#forget(socket);
    callbacks.onDone(this.#answer.status, undefined);
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

/** Any failure before the connection was up is a connect failure. */
function connectKind(error: Error): ErrorKind {
  const kind = errorKind(error);
  return kind === 'timeout' || kind === 'reset' || kind === 'other' ? 'connect' : kind;
}
