/**
 * A schedule's own retry schedule and attempt header (issue #24): kept with it, shown by the API, and followed
 * by each of its deliveries over the server's settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { testApp } from '../../test/support/app.ts';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';

describe("a schedule's retry and attempt header", () => {
  const { app, close } = testApp();
  let failing: TestReceiver;
  before(async () => {
    failing = await startReceiver(() => ({ status: 503 }));
  });
  after(async () => {
    await close();
    await failing.close();
  });
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('are kept as written, shown (null: the server’s), and followed by its deliveries', async () => {
    const created = await post('/schedules', {
      target: failing.url,
      every: '50ms',
      limit: 1,
      tags: ['SmartCover'],
      retry: '0,1ms,1ms',
      attemptHeader: true,
    });
    assert.equal(created.status, 201, await created.clone().text());
    const view = (await created.json()) as {
      id: number;
      retry: string | null;
      attemptHeader: boolean | null;
    };
    assert.deepEqual([view.retry, view.attemptHeader], ['0,1ms,1ms', true]);
    // the server's test app never retries and sends no attempt header: these three attempts are the schedule's
    for (let i = 0; i < 200 && failing.received.length < 3; i++) await sleep(10);
    assert.deepEqual(
      failing.received.map((request) => request.headers['x-ci-callback-attempt']),
      ['1', '2', '3'],
    );
    const plain = (await (await post('/schedules', { target: failing.url, every: '1h' })).json()) as {
      retry: string | null;
      attemptHeader: boolean | null;
    };
    assert.deepEqual([plain.retry, plain.attemptHeader], [null, null]);
  });

  it('refuses a retry schedule beyond the limits, naming them', async () => {
    const refused = await post('/schedules', { target: failing.url, every: '1h', retry: '0,1s,2h' });
    assert.equal(refused.status, 400);
    const { detail, fields } = (await refused.json()) as { detail: string; fields: string[] };
    assert.deepEqual(fields, ['retry']);
    assert.match(detail, /'2h' is not a wait of 0 to 1h; .*at most 20 attempts/);
  });
});
