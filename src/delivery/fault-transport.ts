/**
 * @module delivery/fault-transport
 * The transport faults over raw sockets (`node:net`, `node:tls`), because an HTTP client will not send a body
 * slower than it can, stop half-way, or lie in Content-Length. One request per connection
 * (`Connection: close`); what the receiver did is reported as a status and a list of connection events.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { connect as connectTls } from 'node:tls';
import type { AttemptErrorKind, AttemptOutcome } from './attempt-outcome.ts';
import { RESPONSE_SNIPPET_CHARS } from './attempt-outcome.ts';

/** How the body goes out. */
export type BodyShape =
  | { kind: 'whole' }
  /** The whole body, in `chunks` pieces spread over `overMs`. */
  | { kind: 'dribble'; chunks: number; overMs: number }
  /** The first `afterBytes`, then nothing: the connection stays open and silent. */
  | { kind: 'stall'; afterBytes: number }
  /** Content-Length says the whole body, `afterBytes` are sent, then the connection is closed (FIN). */
  | { kind: 'short'; afterBytes: number }
  /** `afterBytes` of the body, then a TCP reset. */
  | { kind: 'reset'; afterBytes: number };

export interface RawRequest {
  url: string;
  body: string | Buffer;
  /** `null` sends no Content-Type header at all. */
  contentType: string | null;
  headers?: Readonly<Record<string, string>>;
  shape: BodyShape;
  /** How long to wait for the receiver's answer once the body is out (or has stalled). */
  timeoutMs: number;
}

export type ConnectionEvent =
  | 'connected'
  | 'body-sent'
  | 'body-stalled'
  | 'closed-by-us'
  | 'reset-by-us'
  | 'answered'
  | 'closed-by-receiver'
  | 'reset-by-receiver'
  | 'no-answer';

export interface RawOutcome {
  status?: number;
  /** From the connection attempt to the end of the answer (or the failure). */
  latencyMs: number;
  events: ConnectionEvent[];
  responseSnippet?: string;
  error?: { kind: AttemptErrorKind; message: string };
}

const MAX_KEPT_RESPONSE_BYTES = 64 * 1024;

export async function sendRaw(
  request: RawRequest,
  now: () => number = () => performance.now(),
): Promise<RawOutcome> {
  const url = new URL(request.url);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  const started = now();
  const events: ConnectionEvent[] = [];
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const socket: Socket =
    url.protocol === 'https:'
      ? connectTls({ host, port, servername: host.match(/^[\d.:]+$/) ? undefined : host })
      : connectTcp({ host, port });

  return new Promise<RawOutcome>((resolve) => {
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let status: number | undefined;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (error?: RawOutcome['error']) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const snippet = responseBody(Buffer.concat(received))?.slice(0, RESPONSE_SNIPPET_CHARS);
      socket.destroy();
      resolve({
        ...(status !== undefined ? { status } : {}),
        latencyMs: now() - started,
        events,
        ...(snippet ? { responseSnippet: snippet } : {}),
        ...(error ? { error } : {}),
      });
    };
    const waitForAnswer = () => {
      timer = setTimeout(() => {
        events.push('no-answer');
        finish({
          kind: 'timeout',
          message: `no answer within ${request.timeoutMs} ms after the body was sent`,
        });
      }, request.timeoutMs);
    };

    socket.on('data', (chunk: Buffer) => {
      if (receivedBytes < MAX_KEPT_RESPONSE_BYTES) received.push(chunk);
      receivedBytes += chunk.length;
      if (status === undefined) {
        const match = /^HTTP\/1\.[01] (\d{3})/.exec(Buffer.concat(received).toString('latin1'));
        if (match) {
          status = Number(match[1]);
          events.push('answered');
        }
      }
      if (status !== undefined && responseComplete(Buffer.concat(received))) finish();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (finished) return;
      if (!events.includes('connected')) {
        finish({ kind: 'connect', message: `${error.code ?? ''} ${error.message}`.trim() });
        return;
      }
      events.push('reset-by-receiver');
      finish(
        status !== undefined
          ? undefined
          : { kind: 'reset', message: `${error.code ?? ''} ${error.message}`.trim() },
      );
    });
    socket.on('close', () => {
      if (finished) return;
      if (!events.includes('reset-by-us') && !events.includes('reset-by-receiver'))
        events.push('closed-by-receiver');
      finish(
        status !== undefined || events.includes('reset-by-us')
          ? undefined
          : { kind: 'reset', message: 'the receiver closed the connection without an answer' },
      );
    });
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      events.push('connected');
      writeRequest(socket, url, body, request, events, () => finished).then(
        (outcome) => {
          if (finished) return;
          if (outcome === 'reset') {
            finish();
            return;
          }
          waitForAnswer();
        },
        (error: Error) => finish({ kind: 'other', message: error.message }),
      );
    });
  });
}

async function writeRequest(
  socket: Socket,
  url: URL,
  body: Buffer,
  request: RawRequest,
  events: ConnectionEvent[],
  isFinished: () => boolean,
): Promise<'waiting' | 'reset'> {
  const headers: Record<string, string> = {
    host: url.host,
    'user-agent': 'ci-callback-emitter (fault probe)',
    ...(request.contentType === null ? {} : { 'content-type': request.contentType }),
    ...request.headers,
    'content-length': String(body.length),
    connection: 'close',
  };
  const head = `POST ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  socket.write(head);
  const shape = request.shape;
  switch (shape.kind) {
    case 'whole':
      socket.write(body);
      events.push('body-sent');
      return 'waiting';
    case 'dribble': {
      const size = Math.max(1, Math.ceil(body.length / shape.chunks));
      const pause = shape.overMs / Math.max(1, Math.ceil(body.length / size));
      for (let offset = 0; offset < body.length; offset += size) {
        if (isFinished() || socket.destroyed) return 'waiting';
        socket.write(body.subarray(offset, offset + size));
        await delay(pause);
      }
      events.push('body-sent');
      return 'waiting';
    }
    case 'stall':
      socket.write(body.subarray(0, shape.afterBytes));
      events.push('body-stalled');
      return 'waiting';
    case 'short':
      socket.write(body.subarray(0, shape.afterBytes));
      socket.end();
      events.push('closed-by-us');
      return 'waiting';
    case 'reset':
      await new Promise<void>((done) => socket.write(body.subarray(0, shape.afterBytes), () => done()));
      socket.resetAndDestroy();
      events.push('reset-by-us');
      return 'reset';
  }
}

/** With `Connection: close` a response ends at its Content-Length, its last chunk, or the close. */
function responseComplete(data: Buffer): boolean {
  const text = data.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const head = text.slice(0, headEnd).toLowerCase();
  const bodyBytes = data.length - (headEnd + 4);
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) return bodyBytes >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return text.endsWith('0\r\n\r\n');
  const statusCode = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1]);
  return statusCode === 204 || statusCode === 304;
}

/** The response body as text (chunked transfer decoded), or undefined before the head is complete. */
function responseBody(data: Buffer): string | undefined {
  const text = data.toString('utf8');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = text.slice(0, headEnd).toLowerCase();
  let body = text.slice(headEnd + 4);
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
    let decoded = '';
    for (let size = Number.parseInt(body, 16); size > 0; size = Number.parseInt(body, 16)) {
      const start = body.indexOf('\r\n') + 2;
      decoded += body.slice(start, start + size);
      body = body.slice(start + size + 2);
    }
    body = decoded;
  }
  return body;
}

/** A raw outcome as a delivery attempt, so a transport fault is logged like any attempt. */
export function attemptOutcomeOf(outcome: RawOutcome): AttemptOutcome {
  const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
  return {
    ok,
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    latencyMs: outcome.latencyMs,
    ...(outcome.responseSnippet !== undefined ? { responseSnippet: outcome.responseSnippet } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}
