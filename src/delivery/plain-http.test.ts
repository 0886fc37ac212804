/**
 * The delivery client's plain-http path (every `http:` target) against receivers that answer with raw bytes: the
 * answers an HTTP library's server does not make on demand (chunked, without a length, endless, not HTTP).
 */
import assert from 'node:assert/strict';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { createDeliveryClient } from './client.ts';

interface RawReceiver {
  url: string;
  /** Each request's head and body as received, in order. */
  requests: string[];
  connections(): number;
  close(): Promise<void>;
}

/** Raw answer bytes, and whether to close the connection after them, or how long to wait before them. */
type RawAnswer = string | { bytes: string; end?: boolean; afterMs?: number } | undefined;

/** A receiver that answers the `index`th request (0-based) with `answer(index)`, or never (undefined). */
async function startRawReceiver(answer: (index: number) => RawAnswer): Promise<RawReceiver> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, headEnd))?.[1] ?? 0);
        const requestEnd = headEnd + 4 + length;
        if (buffered.length < requestEnd) return;
        requests.push(buffered.slice(0, requestEnd));
        buffered = buffered.slice(requestEnd);
        const reply = answer(requests.length - 1);
        if (reply === undefined) continue;
        const { bytes, end = false, afterMs = 0 } = typeof reply === 'string' ? { bytes: reply } : reply;
        setTimeout(() => (end ? socket.end(bytes) : socket.write(bytes)), afterMs);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb?x=1`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

describe('delivery client over plain http', () => {
  const client = createDeliveryClient({ timeoutMs: 2_000 });
  const receivers: RawReceiver[] = [];
  after(async () => {
    await client.close();
    for (const receiver of receivers) await receiver.close();
  });
  async function receiver(answer: (index: number) => RawAnswer) {
    const started = await startRawReceiver(answer);
    receivers.push(started);
    return started;
  }
  const send = (url: string, headers?: Record<string, string>) =>
    client.send({ url, body: '{"a":"é"}', contentType: 'application/json', headers });

  it('writes one HTTP/1.1 request with its Host, headers and the body length in bytes', async () => {
    const target = await receiver(() => OK);
    const outcome = await send(target.url, { 'X-Secret': 's3' });
    assert.deepEqual([outcome.ok, outcome.status, outcome.responseSnippet], [true, 200, 'ok']);
    const [head = '', body] = (target.requests[0] ?? '').split('\r\n\r\n');
    const lines = head.split('\r\n');
    assert.equal(lines[0], 'POST /cb?x=1 HTTP/1.1');
    assert.ok(lines.includes(`host: ${new URL(target.url).host}`), head);
    assert.ok(lines.includes('content-type: application/json'), head);
    assert.ok(lines.includes('x-secret: s3'), head);
    // é is two bytes in UTF-8
    assert.ok(lines.includes('content-length: 10'), head);
    assert.equal(Buffer.from(body ?? '', 'latin1').toString('utf8'), '{"a":"é"}');
  });

  it('reads a chunked answer, and opens a new connection after one that closes', async () => {
    const target = await receiver((index) =>
      index === 0
        ? 'HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nbusy\r\n0\r\n\r\n'
        : OK,
    );
    const first = await send(target.url);
    assert.deepEqual([first.ok, first.status, first.responseSnippet], [false, 503, 'busy']);
    assert.equal((await send(target.url)).status, 200);
    assert.equal(target.connections(), 2);
  });

  it('keeps a connection only as long as the receiver says it does (Keep-Alive: timeout)', async () => {
    const oneSecond = await receiver(() => 'HTTP/1.1 204 No Content\r\nKeep-Alive: timeout=1\r\n\r\n');
    for (let i = 0; i < 3; i++) assert.equal((await send(oneSecond.url)).status, 204);
    // a one-second limit leaves no time to reuse it safely
    assert.equal(oneSecond.connections(), 3);
    const unannounced = await receiver(() => 'HTTP/1.1 204 No Content\r\n\r\n');
    for (let i = 0; i < 3; i++) assert.equal((await send(unannounced.url)).status, 204);
    assert.equal(unannounced.connections(), 1);
  });

  it('reads an answer without a length to the close, and cuts off an endless one at 1 MiB', async () => {
    const untilClose = await receiver(() => ({ bytes: 'HTTP/1.0 200 OK\r\n\r\nall of it', end: true }));
    const whole = await send(untilClose.url);
    assert.deepEqual([whole.ok, whole.status, whole.responseSnippet], [true, 200, 'all of it']);

    const endless = await receiver(
      () => `HTTP/1.1 200 OK\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n${'x'.repeat(2 * 1024 * 1024)}`,
    );
    const cut = await send(endless.url);
    assert.deepEqual([cut.ok, cut.status, cut.responseSnippet?.length], [true, 200, 512]);
    // the rest of that answer is never read: the next attempt gets a connection of its own
    assert.equal((await send(endless.url)).status, 200);
    assert.equal(endless.connections(), 2);
  });

  it('reports an answer that is not HTTP as a failure, and a silent receiver as a timeout', async () => {
    const garbage = await receiver(() => 'SSH-2.0-OpenSSH_9.6\r\n\r\n');
    const outcome = await send(garbage.url);
    assert.deepEqual([outcome.ok, outcome.status, outcome.error?.kind], [false, undefined, 'other']);
    assert.match(outcome.error?.message ?? '', /not HTTP/);

    const quick = createDeliveryClient({ timeoutMs: 100 });
    try {
      const silent = await receiver(() => undefined);
      const timedOut = await quick.send({ url: silent.url, body: '{}', contentType: 'application/json' });
      assert.deepEqual(
        [timedOut.error?.kind, timedOut.error?.message],
        ['timeout', 'no complete response within 100 ms'],
      );
    } finally {
      await quick.close();
    }
  });

  it('never writes a header that would split the request, nor one the client owns', async () => {
    const target = await receiver(() => OK);
    const injected = await send(target.url, { 'X-A': 'a\r\nX-Injected: 1' });
    assert.deepEqual([injected.ok, injected.error?.kind], [false, 'local']);
    const owned = await send(target.url, { 'Content-Length': '1' });
    assert.deepEqual([owned.ok, owned.error?.kind], [false, 'local']);
    assert.match(owned.error?.message ?? '', /content-length/);
    assert.equal(target.requests.length, 0);
  });

  it('sends credentials in the URL as Basic authorization, not in the request line', async () => {
    const target = await receiver(() => OK);
    const url = new URL(target.url);
    url.username = 'user';
    url.password = 'p@ss';
    assert.equal((await send(url.href)).status, 200);
    const head = target.requests[0] ?? '';
    assert.ok(head.startsWith('POST /cb?x=1 HTTP/1.1\r\n'), head);
    assert.ok(head.includes(`authorization: Basic ${Buffer.from('user:p@ss').toString('base64')}\r\n`), head);
  });

  it('lets the attempts in flight finish before it closes', async () => {
    const own = createDeliveryClient({ timeoutMs: 2_000 });
    const slow = await receiver(() => ({ bytes: OK, afterMs: 100 }));
    let closed = false;
    const pending = own.send({ url: slow.url, body: '{}', contentType: 'application/json' });
    const closing = own.close().then(() => {
      closed = true;
    });
    const outcome = await pending;
    assert.deepEqual([outcome.status, closed], [200, false]);
    await closing;
    const after = await own.send({ url: slow.url, body: '{}', contentType: 'application/json' });
    assert.deepEqual([after.ok, after.error?.kind], [false, 'other']);
  });
});
