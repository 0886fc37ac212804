import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { attemptOutcomeOf, sendRaw } from './fault-transport.ts';

interface Seen {
  headers: IncomingMessage['headers'];
  bytes: number;
  chunks: number;
  ending: 'end' | 'aborted';
}

describe('raw-socket transport faults', () => {
  const seen: Seen[] = [];
  let url = '';
  const server = createServer((req, res) => {
    const record: Seen = { headers: req.headers, bytes: 0, chunks: 0, ending: 'end' };
    seen.push(record);
    req.on('data', (chunk: Buffer) => {
      record.bytes += chunk.length;
      record.chunks += 1;
    });
    req.on('aborted', () => {
      record.ending = 'aborted';
    });
    req.on('end', () => res.writeHead(201, { 'content-type': 'text/plain' }).end('created'));
  });
  before(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));
  const body = 'x'.repeat(1000);

  it('sends a whole body and reads the answer', async () => {
    const outcome = await sendRaw({
      url,
      body,
      contentType: 'application/xml',
      shape: { kind: 'whole' },
      timeoutMs: 2000,
    });
    assert.equal(outcome.status, 201);
    assert.equal(outcome.responseSnippet, 'created');
    assert.deepEqual(outcome.events, ['connected', 'body-sent', 'answered']);
    assert.equal(seen.at(-1)?.headers['content-type'], 'application/xml');
    assert.deepEqual(attemptOutcomeOf(outcome), {
      ok: true,
      status: 201,
      latencyMs: outcome.latencyMs,
      responseSnippet: 'created',
    });
  });

  it('sends no Content-Type when told, and dribbles a body in chunks', async () => {
    const outcome = await sendRaw({
      url,
      body,
      contentType: null,
      shape: { kind: 'dribble', chunks: 5, overMs: 100 },
      timeoutMs: 2000,
    });
    assert.equal(outcome.status, 201);
    const last = seen.at(-1);
    assert.equal(last?.headers['content-type'], undefined);
    assert.equal(last?.bytes, 1000);
    assert.ok((last?.chunks ?? 0) >= 3, `${last?.chunks} chunks`);
  });

  it('declares the whole body, sends half, then closes: the receiver sees an aborted request', async () => {
    const outcome = await sendRaw({
      url,
      body,
      contentType: 'application/xml',
      shape: { kind: 'short', afterBytes: 500 },
      timeoutMs: 2000,
    });
    // Node answers such a request 400 on the half-closed connection; other servers just close it
    assert.notEqual(outcome.status, 201);
    assert.deepEqual(outcome.events.slice(0, 2), ['connected', 'closed-by-us']);
    const last = seen.at(-1);
    assert.equal(last?.headers['content-length'], '1000');
    assert.equal(last?.bytes, 500);
    assert.equal(last?.ending, 'aborted');
    assert.equal(attemptOutcomeOf(outcome).ok, false);
  });

  it('resets mid-body', async () => {
    const outcome = await sendRaw({
      url,
      body,
      contentType: 'application/xml',
      shape: { kind: 'reset', afterBytes: 100 },
      timeoutMs: 2000,
    });
    assert.deepEqual(outcome.events, ['connected', 'reset-by-us']);
    assert.equal(outcome.error, undefined);
  });

  it('reports a refused connection as a connect error', async () => {
    const outcome = await sendRaw({
      url: 'http://127.0.0.1:9/cb',
      body,
      contentType: null,
      shape: { kind: 'whole' },
      timeoutMs: 500,
    });
    assert.equal(outcome.error?.kind, 'connect');
    assert.match(outcome.error?.message ?? '', /ECONNREFUSED/);
  });
});
