/**
 * @module test/support/load-receiver
 * Test support for the load engine: a receiver on 127.0.0.1:0 whose answers are delayed as told (per request,
 * or a stall that holds every request arriving in a window), which records what it got — arrival times on
 * performance.now(), the engine's clock, JobIds and bodies — and how many requests it held at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How to answer request `index` (0-based, in arrival order). */
export type LoadAnswer = { delayMs?: number; status?: number } | 'hang' | 'drop';

export interface LoadReceiverOptions {
  answer?: (index: number) => LoadAnswer;
  /** When request number `afterRequests` arrives, nothing is answered for `forMs`. */
  stall?: { afterRequests: number; forMs: number };
  /** Keep every body (for checks on their content). */
  keepBodies?: boolean;
}

export interface LoadReceiver {
  url: string;
  /** Arrival order: JobId (empty when none found), arrival time, body when kept. */
  received: { jobId: string; at: number; body: string }[];
  /** The most requests held (arrived, not yet answered) at one time. */
  maxConcurrent: number;
  /** performance.now() when the stall began and ended; NaN until then. */
  stalled: { from: number; to: number };
  close(): Promise<void>;
}

const JOB_ID = /<JobId>([^<]+)<\/JobId>|"JobId":\s*"([^"]+)"/;

export async function startLoadReceiver(options: LoadReceiverOptions = {}): Promise<LoadReceiver> {
  const receiver: Omit<LoadReceiver, 'url' | 'close'> = {
    received: [],
    maxConcurrent: 0,
    stalled: { from: Number.NaN, to: Number.NaN },
  };
  let holding = 0;

  function respond(res: ServerResponse, status: number): void {
    holding--;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'OK' : 'error');
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const match = JOB_ID.exec(body);
      const index = receiver.received.push({
        jobId: match?.[1] ?? match?.[2] ?? '',
        at,
        body: options.keepBodies ? body : '',
      });
      holding++;
      receiver.maxConcurrent = Math.max(receiver.maxConcurrent, holding);
      if (options.stall && index === options.stall.afterRequests) {
        receiver.stalled = { from: at, to: at + options.stall.forMs };
      }
      const answer = options.answer?.(index - 1) ?? {};
      if (answer === 'hang') return;
      if (answer === 'drop') {
        holding--;
        req.socket.destroy();
        return;
      }
      // A request arriving during the stall is answered when it ends, plus its own delay.
      const stallLeft = at < receiver.stalled.to ? receiver.stalled.to - at : 0;
      const wait = stallLeft + (answer.delayMs ?? 0);
      const status = answer.status ?? 200;
      if (wait > 0) setTimeout(() => respond(res, status), wait);
      else respond(res, status);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/callback`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
