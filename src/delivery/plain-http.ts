/**
 * @module delivery/plain-http
 * The delivery client's path to `http:` targets: keep-alive connections per origin, each request written with one
 * write (head and body as one string), its answer read by answer-reader into one read buffer shared by every
 * connection. A profile of four emits in parallel put undici's request path (request objects, header checks,
 * its wasm parser, a writev a request) at about 50 µs of the event loop a delivery; this path costs a fraction of
 * that, and the event loop is what a fast receiver's deliveries wait on. `https:` stays on undici, where TLS
 * costs more than any of this.
 */
import { connect, type Socket } from 'node:net';
import { AnswerHeads, AnswerReader } from './answer-reader.ts';
import {
  AnswerSnippet,
  type AttemptErrorKind,
  type AttemptOutcome,
  answered,
  classifyNetworkError,
  describeError,
  failed,
  timeoutMessage,
} from './attempt-outcome.ts';
import { headerProblem, RESERVED_HEADERS } from './header-rules.ts';

/** Where a plain-http request goes. */
export interface PlainDestination {
  /** Host name or address to connect to (an IPv6 address without brackets). */
  hostname: string;
  port: number;
  /** The Host header: host and port as the URL gives them. */
  host: string;
  /** Path and query. */
  path: string;
}

export interface PlainHttpOptions {
  /** Connect to last answer byte. */
  timeoutMs: number;
  /** How long an idle connection is kept when the receiver does not say (Keep-Alive: timeout=N). */
  idleMs: number;
  now: () => number;
}

export interface PlainHttp {
  /** `headers`: names in lower case, checked here (a bad one fails as `local` without a round trip). */
  send(destination: PlainDestination, headers: Record<string, string>, body: string): Promise<AttemptOutcome>;
  /** Waits for the attempts in flight, then closes every connection. */
  close(): Promise<void>;
}

/** A receiver's own keep-alive limit is cut by this much, so a request never crosses its close. */
const KEEP_ALIVE_MARGIN_MS = 1_000;
/** Answers are read here, and handled before the next read: no Buffer per read, no 'data' event. */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export function createPlainHttp(options: PlainHttpOptions): PlainHttp {
  const idle = new Map<string, Connection[]>();
  const inFlight = new Set<Promise<AttemptOutcome>>();
  let sweeper: NodeJS.Timeout | undefined;
  let closed = false;

  /** An idle connection to `key` that is still open and within its keep-alive time, if there is one. */
  function take(key: string, now: number): Connection | undefined {
    const free = idle.get(key);
    while (free?.length) {
      const connection = free.pop() as Connection;
      if (connection.usable && now < connection.expiresAt) return connection;
      connection.destroy();
    }
    return undefined;
  }

  /** Puts a connection back for reuse, for as long as its receiver keeps it (`hintSeconds`, when it says). */
  function keep(connection: Connection, hintSeconds: number | undefined): void {
    const keepMs = hintSeconds === undefined ? options.idleMs : hintSeconds * 1_000 - KEEP_ALIVE_MARGIN_MS;
    if (closed || keepMs <= 0) {
      connection.destroy();
      return;
    }
    connection.expiresAt = options.now() + keepMs;
    const free = idle.get(connection.key) ?? [];
    free.push(connection);
    idle.set(connection.key, free);
    sweeper ??= setInterval(sweep, options.idleMs).unref();
  }

  /** Closes idle connections past their time; `take` never hands one out, this only frees them. */
  function sweep(): void {
    const now = options.now();
    for (const [key, free] of idle) {
      const kept = free.filter((connection) => connection.usable && now < connection.expiresAt);
      for (const connection of free) if (!kept.includes(connection)) connection.destroy();
      if (kept.length) idle.set(key, kept);
      else idle.delete(key);
    }
    if (idle.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }

  return {
    send(destination, headers, body) {
      const started = options.now();
      const elapsed = () => options.now() - started;
      if (closed) return Promise.resolve(failed(0, 'other', 'the delivery client is closed'));
      const problem = requestProblem(headers);
      if (problem) return Promise.resolve(failed(elapsed(), 'local', problem));
      const key = `${destination.hostname}:${destination.port}`;
      const connection = take(key, started) ?? new Connection(key, destination, keep);
      const outcome = new Promise<AttemptOutcome>((resolve) => {
        connection.send(requestText(destination, headers, body), options.timeoutMs, elapsed, resolve);
      });
      inFlight.add(outcome);
      void outcome.then(() => inFlight.delete(outcome));
      return outcome;
    },
    async close() {
      closed = true;
      await Promise.all([...inFlight]);
      clearInterval(sweeper);
      sweeper = undefined;
      for (const free of idle.values()) for (const connection of free) connection.destroy();
      idle.clear();
    },
  };
}

/** What makes these headers unsendable, or undefined. The API checks them first; this keeps a raw write safe. */
function requestProblem(headers: Record<string, string>): string | undefined {
  for (const name in headers) {
    if (RESERVED_HEADERS.includes(name)) return `header '${name}' is set by the client`;
    const problem = headerProblem(name, headers[name] as string);
    if (problem) return problem;
  }
  return undefined;
}

function requestText(destination: PlainDestination, headers: Record<string, string>, body: string): string {
  let head = `POST ${destination.path} HTTP/1.1\r\nhost: ${destination.host}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  return `${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The attempt in flight on a connection. */
interface Exchange {
  elapsed: () => number;
  resolve: (outcome: AttemptOutcome) => void;
  timer: NodeJS.Timeout;
  snippet: AnswerSnippet;
  tooLong: boolean;
}

/** One keep-alive connection and the one attempt on it. */
class Connection {
  readonly key: string;
  expiresAt = 0;
  readonly #socket: Socket;
  readonly #answer = new AnswerReader(new AnswerHeads());
  #connected = false;
  #open = true;
  #exchange: Exchange | undefined;
  readonly #keep: (connection: Connection, hintSeconds: number | undefined) => void;

  constructor(
    key: string,
    destination: PlainDestination,
    keep: (connection: Connection, hintSeconds: number | undefined) => void,
  ) {
    this.key = key;
    this.#keep = keep;
    const socket = connect({
      host: destination.hostname,
      port: destination.port,
      onread: {
        buffer: READ_BUFFER,
        callback: (length: number) => {
          this.#read(length);
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      this.#connected = true;
    });
    socket.on('error', (error: Error) => {
      // a failure before the connection was up is the connect's, whatever its code
      const kind = classifyNetworkError(error);
      this.#fail(this.#connected || kind === 'timeout' ? kind : 'connect', describeError(error));
    });
    // the receiver closed it (also after its FIN on an idle connection): it is never handed out again
    socket.on('close', () => {
      this.#open = false;
      if (this.#exchange && this.#answer.endsAtClose) this.#complete();
      else this.#fail('reset', 'the receiver closed the connection before it answered');
    });
    socket.on('end', () => {
      this.#open = false;
    });
    this.#socket = socket;
  }

  get usable(): boolean {
    return this.#open && !this.#exchange;
  }

  send(
    request: string,
    timeoutMs: number,
    elapsed: () => number,
    resolve: (outcome: AttemptOutcome) => void,
  ): void {
    const snippet = new AnswerSnippet();
    const exchange: Exchange = {
      elapsed,
      resolve,
      snippet,
      tooLong: false,
      timer: setTimeout(() => this.#fail('timeout', timeoutMessage(timeoutMs)), timeoutMs),
    };
    this.#exchange = exchange;
    this.#answer.start((data, start, end) => {
      if (!snippet.add(data, start, end)) exchange.tooLong = true;
    });
    // written once connected, when the connection is new
    this.#socket.write(request);
  }

  #read(length: number): void {
    const exchange = this.#exchange;
    // bytes nobody asked for: the connection cannot be trusted with the next request
    if (!exchange) {
      this.destroy();
      return;
    }
    const result = this.#answer.read(READ_BUFFER, length);
    // an endless answer: keep what was read, and let the connection go
    if (result === 'done' || exchange.tooLong) this.#complete();
    else if (result === 'bad') this.#fail('other', "the receiver's answer is not HTTP/1.1");
  }

  #complete(): void {
    const exchange = this.#settle();
    if (!exchange) return;
    const answer = this.#answer;
    const outcome = answered(answer.status, exchange.elapsed(), exchange.snippet);
    // answered before the whole request was written (the receiver did not read it all): the connection goes
    if (answer.closeAfter || exchange.tooLong || this.#socket.writableLength > 0 || !this.#open)
      this.destroy();
    else this.#keep(this, answer.keepAliveSeconds);
    exchange.resolve(outcome);
  }

  #fail(kind: AttemptErrorKind, message: string): void {
    const exchange = this.#settle();
    this.destroy();
    exchange?.resolve(failed(exchange.elapsed(), kind, message));
  }

  /** Ends the exchange in flight, if any, and returns it. */
  #settle(): Exchange | undefined {
    const exchange = this.#exchange;
    if (!exchange) return undefined;
    this.#exchange = undefined;
    clearTimeout(exchange.timer);
    return exchange;
  }

  destroy(): void {
    this.#open = false;
    this.#socket.destroy();
  }
}
