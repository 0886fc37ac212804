/**
 * @module pact/receiver-reach
 * Is the receiver under verification there? pact's verifier retries an unreachable provider for about 30 s per
 * interaction and then prints a proxy's stack trace, so `verify` asks first (one TCP connect, well under 2 s)
 * and keeps asking while it runs, to stop a run whose receiver has gone instead of waiting out every variant.
 */
import { connect } from 'node:net';

/** Why a receiver could not be reached, in words (`connection refused`), or undefined when it answered. */
export type ReachProbe = (baseUrl: string) => Promise<string | undefined>;

const CONNECT_TIMEOUT_MS = 1_000;

/** Opens one TCP connection to the URL's host and port and closes it; no request is sent. */
export const probeReceiver: ReachProbe = (baseUrl) => {
  const url = new URL(baseUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(
      () => done(`no answer to a connect within ${CONNECT_TIMEOUT_MS} ms`),
      CONNECT_TIMEOUT_MS,
    );
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(connectProblem(error)));
  });
};

function connectProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return error.code ?? error.message;
  }
}

/** The receiver could not be reached before the run: nothing was verified. */
export class ReceiverUnreachableError extends Error {
  override readonly name = 'ReceiverUnreachableError';
  constructor(baseUrl: string, problem: string) {
    super(
      `cannot reach the receiver at ${baseUrl} (${problem}): start it first — e.g. ` +
        'npx tsx examples/receiver/server.ts 3000 — or point --provider-base-url at where it runs',
    );
  }
}

export interface ReceiverWatch {
  /** Resolves with the problem once the receiver has failed `misses` probes in a row. */
  gone: Promise<string>;
  stop(): void;
}

/** Probes the receiver every `intervalMs`; `misses` failures in a row (not one blip) mean it has gone. */
export function watchReceiver(
  baseUrl: string,
  {
    probe = probeReceiver,
    intervalMs = 500,
    misses = 2,
  }: { probe?: ReachProbe; intervalMs?: number; misses?: number } = {},
): ReceiverWatch {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let missed = 0;
  const gone = new Promise<string>((resolve) => {
    const tick = async () => {
      const problem = await probe(baseUrl);
      if (stopped) return;
      missed = problem === undefined ? 0 : missed + 1;
      if (problem !== undefined && missed >= misses) resolve(problem);
      else timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
  });
  return {
    gone,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
