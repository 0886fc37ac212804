import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { after, describe, it } from 'node:test';
import type { ErrorKind } from './error-kinds.ts';
import { createRawLanes, RequestHeads } from './raw-lanes.ts';

const servers: { close(): void }[] = [];
after(() => {
  for (const server of servers) server.close();
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<URL> {
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/callback?x=1`);
}

type Outcome = { status: number; error: ErrorKind | undefined; sent: boolean };

/** Sends `count` requests one after another on lane 0, each when the previous one has ended. */
async function sendInTurn(target: URL, count: number, timeoutMs = 5_000): Promise<Outcome[]> {
  const lanes = createRawLanes({ target, connections: 1, timeoutMs });
  const outcomes: Outcome[] = [];
  try {
    for (let i = 0; i < count; i++) {
      outcomes.push(
        await new Promise<Outcome>((resolve) => {
          let sent = false;
          lanes.send(0, Buffer.from(`<Body>${i}</Body>`), 'application/xml', {
            onSent: () => {
              sent = true;
            },
            onDone: (status, error) => resolve({ status, error, sent }),
          });
        }),
      );
    }
  } finally {
    await lanes.destroy();
  }
  return outcomes;
}

describe('raw lanes', () => {
  it('sends each request whole on one kept-alive connection and reads each answer', async () => {
    const seen: { body: string; type: string | undefined; url: string | undefined }[] = [];
    let connections = 0;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ body, type: req.headers['content-type'], url: req.url });
        res.writeHead(seen.length === 2 ? 503 : 200, { 'content-length': '2' }).end('OK');
      });
    });
    server.on('connection', () => connections++);
    const outcomes = await sendInTurn(await listen(server), 3);
    assert.deepEqual(
      outcomes.map((o) => [o.status, o.error, o.sent]),
      [
        [200, undefined, true],
        [503, undefined, true],
        [200, undefined, true],
      ],
    );
    assert.deepEqual(
      seen.map((s) => s.body),
      ['<Body>0</Body>', '<Body>1</Body>', '<Body>2</Body>'],
    );
    assert.ok(seen.every((s) => s.type === 'application/xml' && s.url === '/callback?x=1'));
    assert.equal(connections, 1, 'one connection, kept alive');
  });

  it('reads chunked answers, skips a 100 Continue, and reconnects after Connection: close', async () => {
    let connections = 0;
    let n = 0;
    const server = createTcpServer((socket) => {
      connections++;
      socket.on('data', () => {
        n++;
        if (n === 1) {
          socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
          socket.write('2\r\nOK\r\n');
          socket.write('0\r\nx-trailer: 1\r\n\r\n');
        } else if (n === 2) {
          socket.end('HTTP/1.1 202 Accepted\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        } else {
          // HTTP/1.0 style: no length, the body ends with the connection
          socket.end('HTTP/1.0 201 Created\r\n\r\nthe body runs to the close');
        }
      });
    });
    const outcomes = await sendInTurn(await listen(server), 3);
    assert.deepEqual(
      outcomes.map((o) => [o.status, o.error]),
      [
        [200, undefined],
        [202, undefined],
        [201, undefined],
      ],
    );
    assert.equal(connections, 2, 'a new connection after the receiver closed one');
  });

  it('reads heads of one length that say different things, and answers split across reads', async () => {
    // Answers 1 and 2 have heads of the same length (a cached head must be compared, not just measured); the
    // later ones arrive in pieces, shorter than earlier reads, so the shared read buffer still holds the older
    // bytes (and a blank line) past what was read.
    const answers: (string | string[])[] = [
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK',
      'HTTP/1.1 500 OK\r\nContent-Length: 5\r\n\r\nwrong',
      ['HTTP/1.1 2', '01 OK\r\nContent-Length: 3\r\n\r\nabc'],
      ['HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab', 'cd'],
      ['HTTP/1.1 202 OK\r\ntransfer-encoding: chunked\r\n\r\n3', '\r\nabc\r\n0\r', '\n\r\n'],
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK',
    ];
    let n = 0;
    const server = createTcpServer((socket) => {
      socket.setNoDelay(true);
      socket.on('data', async () => {
        const answer = answers[n++] ?? '';
        for (const piece of Array.isArray(answer) ? answer : [answer]) {
          socket.write(piece);
          // apart in time, so each piece is a read of its own
          await new Promise((later) => setTimeout(later, 20));
        }
      });
    });
    const outcomes = await sendInTurn(await listen(server), answers.length);
    assert.deepEqual(
      outcomes.map((o) => [o.status, o.error]),
      [
        [200, undefined],
        [500, undefined],
        [201, undefined],
        [200, undefined],
        [202, undefined],
        [200, undefined],
      ],
    );
  });

  it('writes a whole request as given, and drops a connection answered before its request was all written', async () => {
    const seen: string[] = [];
    let connections = 0;
    const server = createTcpServer((socket) => {
      connections++;
      let answered = false;
      socket.on('data', (chunk: Buffer) => {
        if (answered) return;
        answered = true;
        seen.push(chunk.toString('latin1', 0, 80));
        // answers at once and reads no more: a large request is then left half written
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK');
        socket.pause();
      });
    });
    const target = await listen(server);
    const lanes = createRawLanes({ target, connections: 1, timeoutMs: 5_000 });
    const heads = new RequestHeads(target);
    const send = (body: Buffer) =>
      new Promise<[number, ErrorKind | undefined]>((resolve) =>
        lanes.sendRequest(0, Buffer.concat([heads.head('text/plain', undefined, body.length), body]), {
          onSent: () => {},
          onDone: (status, error) => resolve([status, error]),
        }),
      );
    try {
      assert.deepEqual(await send(Buffer.alloc(32 * 1024 * 1024, 'x')), [200, undefined]);
      assert.deepEqual(await send(Buffer.from('small')), [200, undefined]);
    } finally {
      await lanes.destroy();
    }
    assert.equal(connections, 2, "the half-written request's connection was closed");
    assert.ok(seen.every((s) => s.startsWith(`POST /callback?x=1 HTTP/1.1\r\nhost: ${target.host}`)));
  });

  it('sorts failures into connect, reset and timeout', async () => {
    const gone = createTcpServer();
    const refused = await listen(gone);
    await new Promise((closed) => gone.close(closed));
    const [connect] = await sendInTurn(refused, 1);
    assert.deepEqual([connect?.status, connect?.error], [0, 'connect']);

    const dropping = createTcpServer((socket) => socket.on('data', () => socket.destroy()));
    const [reset] = await sendInTurn(await listen(dropping), 1);
    assert.deepEqual([reset?.status, reset?.error], [0, 'reset']);

    const silent = createTcpServer((socket) => socket.on('data', () => {}));
    const [timeout] = await sendInTurn(await listen(silent), 1, 200);
    assert.deepEqual([timeout?.status, timeout?.error], [0, 'timeout']);
  });
});
