import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startReceiver } from '../../test/support/receiver.ts';
import { RESPONSE_SNIPPET_CHARS } from './attempt-outcome.ts';
import { createDeliveryClient } from './client.ts';

describe('delivery client', () => {
  const client = createDeliveryClient({ timeoutMs: 2_000 });
  after(() => client.close());

  it('POSTs the body with its content type and headers, and reports a 2xx as ok', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '<ok/>' }));
    try {
      const outcome = await client.send(
        {
          url: receiver.url,
          body: '<Response/>',
          contentType: 'application/xml',
          headers: { 'X-Secret': 's3' },
        },
        { 'X-CI-Callback-Attempt': '1' },
      );
      assert.equal(outcome.ok, true);
      assert.equal(outcome.status, 200);
      assert.equal(outcome.responseSnippet, '<ok/>');
      assert.equal(outcome.error, undefined);
      assert.ok(outcome.latencyMs >= 0);
      const [request] = receiver.received;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/callback');
      assert.equal(request?.body, '<Response/>');
      assert.equal(request?.headers['content-type'], 'application/xml');
      assert.equal(request?.headers['x-secret'], 's3');
      assert.equal(request?.headers['x-ci-callback-attempt'], '1');
    } finally {
      await receiver.close();
    }
  });

  it('returns 4xx and 5xx answers as data with their status and body snippet', async () => {
    const receiver = await startReceiver((_request, index) =>
      index === 0 ? { status: 503, body: 'status 503' } : { status: 404, body: 'status 404' },
    );
    try {
      const request = { url: receiver.url, body: '{}', contentType: 'application/json' };
      const unavailable = await client.send(request);
      assert.deepEqual(
        { ok: unavailable.ok, status: unavailable.status, snippet: unavailable.responseSnippet },
        { ok: false, status: 503, snippet: 'status 503' },
      );
      const missing = await client.send(request);
      assert.equal(missing.ok, false);
      assert.equal(missing.status, 404);
      assert.equal(missing.error, undefined);
    } finally {
      await receiver.close();
    }
  });

  it('keeps only the first 512 characters of a long answer', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: 'x'.repeat(5_000) }));
    try {
      const outcome = await client.send({ url: receiver.url, body: '', contentType: 'application/json' });
      assert.equal(outcome.responseSnippet?.length, RESPONSE_SNIPPET_CHARS);
    } finally {
      await receiver.close();
    }
  });

  it('reuses keep-alive connections for consecutive deliveries', async () => {
    const receiver = await startReceiver(() => ({ status: 204 }));
    try {
      const request = { url: receiver.url, body: '{}', contentType: 'application/json' };
      const sends = 4;
      for (let i = 0; i < sends; i++) assert.equal((await client.send(request)).status, 204);
      assert.equal(receiver.received.length, sends);
      // back-to-back sends may open a second socket before the first is idle again; never one per send
      assert.ok(receiver.connections() < sends, `${receiver.connections()} connections for ${sends} sends`);
    } finally {
      await receiver.close();
    }
  });

  it('reports a refused connection as a connect error without a status', async () => {
    const receiver = await startReceiver();
    const { url } = receiver;
    await receiver.close();
    const outcome = await client.send({ url, body: '{}', contentType: 'application/json' });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.status, undefined);
    assert.equal(outcome.error?.kind, 'connect');
    assert.match(outcome.error?.message ?? '', /ECONNREFUSED/);
  });

  it('gives up after the per-attempt timeout and says so', async () => {
    const quick = createDeliveryClient({ timeoutMs: 100 });
    const receiver = await startReceiver(() => 'hang');
    try {
      const outcome = await quick.send({ url: receiver.url, body: '{}', contentType: 'application/json' });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.error?.kind, 'timeout');
      assert.match(outcome.error?.message ?? '', /100 ms/);
      assert.ok(outcome.latencyMs >= 90 && outcome.latencyMs < 1_000, `latency ${outcome.latencyMs}`);
    } finally {
      await quick.close();
      await receiver.close();
    }
  });

  it('reports a connection dropped mid-request as a reset', async () => {
    const receiver = await startReceiver(() => 'drop');
    try {
      const outcome = await client.send({ url: receiver.url, body: '{}', contentType: 'application/json' });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.status, undefined);
      assert.equal(outcome.error?.kind, 'reset');
    } finally {
      await receiver.close();
    }
  });
  it('reports a request it cannot write as given as a local error, without a round trip', async () => {
    const receiver = await startReceiver();
    try {
      const outcome = await client.send({
        url: receiver.url,
        body: '<Response/>',
        contentType: 'application/xml',
        headers: { 'X-A': '€' },
      });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.error?.kind, 'local');
      assert.equal(receiver.received.length, 0);
    } finally {
      await receiver.close();
    }
  });
});
