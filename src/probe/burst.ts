/**
 * @module probe/burst
 * The burst probe's sender. Sent as each socket connected, a receiver answering in microseconds had answered the
 * first requests before it accepted the last connections, and saw 2 to 7 of 20 at once: no burst at all. Here
 * every connection opens first, the receiver takes in every request head, and only then do the bodies go out,
 * together; the probe reports how many requests the receiver held at once.
 */
import { type ClientRequest, request as httpRequest } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ConnectionEvent } from '../delivery/fault-transport.ts';
import type { CallbackBody } from '../faults/body-shapes.ts';

export interface BurstRequest {
  url: string;
  bodies: readonly CallbackBody[];
  headers: Readonly<Record<string, string>>;
  /** How long connecting may take, and then how long the answers may take. */
  timeoutMs: number;
}

export interface BurstOutcome {
  /** Per request, in order: the status, or null without an answer. */
  statuses: (number | null)[];
  /** Connections that were open at once before any body was written. */
  connected: number;
  /**
   * Requests the receiver had taken in (it answered their head with 100 Continue) and was holding at once when
   * the bodies went out together: the concurrency it actually held.
   */
  heldAtOnce: number;
  /** Why requests went unanswered (connect errors, resets, timeouts), each reason once. */
  problems: string[];
  events: ConnectionEvent[];
  latencyMs: number;
}

/** How long the burst waits for every 100 Continue before it sends the bodies anyway (RFC 9110 §10.1.1). */
const CONTINUE_WAIT_MS = 1_000;

/**
 * Each connection is opened, then its request head goes out with `Expect: 100-continue`: the receiver answers
 * 100 once it has accepted the connection and read the head (Node, Go, nginx, Tomcat, gunicorn and aiohttp do so
 * by themselves). Once it has done so for every request — so it holds them all — every body is written in the
 * same turn of the event loop, and no request can be answered before the last body is out. Without the
 * handshake, a receiver that accepts one connection per turn of its own loop had answered and closed the first
 * before accepting the last.
 */
export async function sendBurst(request: BurstRequest): Promise<BurstOutcome> {
  const url = new URL(request.url);
  const started = performance.now();
  const events = new Set<ConnectionEvent>();
  const problems = new Set<string>();
  const sockets = await Promise.all(
    request.bodies.map(() => openSocket(url, request.timeoutMs, (problem) => problems.add(problem))),
  );
  const connected = sockets.filter((socket) => socket !== undefined).length;
  if (connected > 0) events.add('connected');

  const flights = request.bodies.map((callback, i) => {
    const socket = sockets[i];
    return socket ? new BurstFlight(url, callback, request.headers, socket, events, problems) : undefined;
  });
  const live = flights.filter((f): f is BurstFlight => f !== undefined);
  await waitAll(
    live.map((f) => f.headTakenIn),
    Math.min(CONTINUE_WAIT_MS, request.timeoutMs),
  );
  // The receiver holds every request that got its 100 Continue and is not answered yet.
  const heldAtOnce = live.filter((f) => f.continued && !f.settled).length;
  if (live.some((f) => !f.continued && !f.settled)) {
    problems.add(
      `no 100 Continue within ${Math.min(CONTINUE_WAIT_MS, request.timeoutMs)} ms: bodies sent anyway`,
    );
  }
  for (const flight of live) flight.sendBody();
  const timedOut = await waitAll(
    live.map((f) => f.done),
    request.timeoutMs,
  );
  if (timedOut) {
    events.add('no-answer');
    problems.add(`no answer within ${request.timeoutMs} ms`);
    for (const flight of live) flight.abandon();
  }
  return {
    statuses: flights.map((f) => f?.status ?? null),
    connected,
    heldAtOnce,
    problems: [...problems],
    events: [...events],
    latencyMs: performance.now() - started,
  };
}

/** One request of the burst on its own connection: head first, body when told. */
class BurstFlight {
  status: number | null = null;
  continued = false;
  settled = false;
  /** Resolves on 100 Continue, or on any end of the request (answered before its body, or failed). */
  readonly headTakenIn: Promise<void>;
  readonly done: Promise<void>;
  readonly #request: ClientRequest;
  readonly #body: Buffer;
  readonly #socket: Socket;

  constructor(
    url: URL,
    callback: CallbackBody,
    headers: Readonly<Record<string, string>>,
    socket: Socket,
    events: Set<ConnectionEvent>,
    problems: Set<string>,
  ) {
    this.#socket = socket;
    this.#body = Buffer.from(callback.body, 'utf8');
    let takenIn: () => void = () => {};
    let finished: () => void = () => {};
    this.headTakenIn = new Promise((resolve) => {
      takenIn = resolve;
    });
    this.done = new Promise((resolve) => {
      finished = resolve;
    });
    const settle = () => {
      if (this.settled) return;
      this.settled = true;
      socket.destroy();
      takenIn();
      finished();
    };
    this.#request = httpRequest({
      method: 'POST',
      host: hostOf(url),
      port: portOf(url),
      path: url.pathname + url.search,
      headers: {
        'user-agent': 'ci-callback-emitter (fault probe)',
        'content-type': callback.contentType,
        ...headers,
        'content-length': String(this.#body.length),
        expect: '100-continue',
        connection: 'close',
      },
      createConnection: () => socket,
    });
    this.#request.on('continue', () => {
      this.continued = true;
      takenIn();
    });
    this.#request.on('finish', () => events.add('body-sent'));
    this.#request.on('response', (response) => {
      events.add('answered');
      this.status = response.statusCode ?? null;
      response.resume();
      response.on('end', settle);
      response.on('error', settle);
    });
    this.#request.on('error', (error: NodeJS.ErrnoException) => {
      if (this.status === null) {
        events.add(socket.destroyed && !this.settled ? 'closed-by-receiver' : 'reset-by-receiver');
        problems.add(`${error.code ?? ''} ${error.message}`.trim());
      }
      settle();
    });
    this.#request.flushHeaders();
  }

  sendBody(): void {
    if (!this.settled && this.status === null) this.#request.end(this.#body);
  }

  abandon(): void {
    this.#request.destroy();
    this.#socket.destroy();
  }
}

/** Waits for every promise, or `ms`; true when the time ran out first. */
async function waitAll(promises: Promise<void>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  const all = Promise.all(promises).then(() => false);
  try {
    return await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A connected socket, or undefined (the problem reported) when it did not connect within the timeout. */
function openSocket(
  url: URL,
  timeoutMs: number,
  onProblem: (problem: string) => void,
): Promise<Socket | undefined> {
  const port = portOf(url);
  const host = hostOf(url);
  const socket: Socket =
    url.protocol === 'https:'
      ? connectTls({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host })
      : connectTcp({ host, port });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      onProblem(`connect: no connection within ${timeoutMs} ms`);
      resolve(undefined);
    }, timeoutMs);
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    // Kept for the socket's life: an error while it waits for the others must not go unhandled (the request's
    // own handler reports errors once it is written).
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (socket.connecting) onProblem(`connect: ${`${error.code ?? ''} ${error.message}`.trim()}`);
      clearTimeout(timer);
      socket.destroy();
      resolve(undefined);
    });
  });
}

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** The host to connect to: an IPv6 address without its brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}
