/**
 * Serving the reference receiver with the timeouts a callback endpoint needs: a request (headers and body)
 * that takes longer than `requestTimeoutMs` gets a 408 and its connection is closed, so a client that stalls
 * half-way through a body cannot hold a connection forever. Node's default is 5 minutes, checked every 30 s.
 */
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface ListenOptions {
  port?: number;
  hostname?: string;
  /** Most time to receive a whole request (default 5 s: a callback is at most a few MiB). 0 turns it off. */
  requestTimeoutMs?: number;
}

export function listenReceiver(
  app: Hono,
  { port = 3000, hostname = '127.0.0.1', requestTimeoutMs = 5_000 }: ListenOptions = {},
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: app.fetch,
        port,
        hostname,
        serverOptions: {
          requestTimeout: requestTimeoutMs,
          headersTimeout: requestTimeoutMs === 0 ? 0 : Math.min(requestTimeoutMs, 60_000),
          // how often Node looks for requests past their timeout; its default (30 s) would let one stall that long
          connectionsCheckingInterval: Math.max(
            50,
            Math.min(1_000, Math.round(requestTimeoutMs / 4) || 1_000),
          ),
        },
      },
      (info) => resolve({ server, url: `http://${hostname}:${info.port}` }),
    );
  });
}
