/**
 * @module test/support/counting-receiver
 * Test support: a bare node:http receiver that answers every POST at once (204, microseconds) and counts the
 * connections it holds open at the same moment, so a test can prove a burst really arrived together. With
 * `maxConnections` it drops connections beyond that many at once, as a receiver with a small accept limit does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingReceiver {
  url: string;
  /** Connections open now, and the most open at once so far. */
  readonly open: number;
  readonly maxOpen: number;
  /** Requests answered. */
  readonly answered: number;
  close(): Promise<void>;
}

export async function startCountingReceiver(
  options: { maxConnections?: number } = {},
): Promise<CountingReceiver> {
  const counts = { open: 0, maxOpen: 0, answered: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      counts.answered++;
      res.writeHead(204).end();
    });
  });
  if (options.maxConnections !== undefined) server.maxConnections = options.maxConnections;
  server.on('connection', (socket) => {
    counts.open++;
    counts.maxOpen = Math.max(counts.maxOpen, counts.open);
    socket.once('close', () => counts.open--);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    get open() {
      return counts.open;
    },
    get maxOpen() {
      return counts.maxOpen;
    },
    get answered() {
      return counts.answered;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
