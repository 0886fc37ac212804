import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testApp } from '../../test/support/app.ts';
import { startReceiver } from '../../test/support/receiver.ts';
import { OFF_THREAD_MIN, startPayloadThread } from '../delivery/payload-thread.ts';
import type { DeliveryDetail } from '../delivery/store.ts';
import { generate } from '../payloads/generate.ts';

const postJson = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

// An emit large enough to render on the payload thread: what arrives and what the log keeps are generate()'s
// bytes, in order, as when it renders on the event loop.
describe('POST /emit of a batch rendered on the payload thread', async () => {
  const receiver = await startReceiver();
  const { app, close } = testApp();
  after(async () => {
    await close();
    await receiver.close();
  });
  const count = OFF_THREAD_MIN * 3;

  it('sends each seeded payload in order, and the log gives back the very bytes sent', async () => {
    assert.ok(await startPayloadThread());
    const before = receiver.received.length;
    const response = await app.request(
      '/emit',
      postJson({ target: receiver.url, tags: ['Transcode', 'SmartCover'], format: 'json', seed: 900, count }),
    );
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { delivered: number; deliveries: { id: number }[] };
    assert.equal(answer.delivered, 2 * count);
    const expected = ['Transcode', 'SmartCover'].flatMap((tag) =>
      Array.from({ length: count }, (_, i) => generate({ tag, format: 'json', seed: 900 + i }).body),
    );
    assert.deepEqual(
      receiver.received.slice(before).map((callback) => callback.body),
      expected,
    );
    const logged = await Promise.all(
      answer.deliveries.map(
        async ({ id }) =>
          ((await (await app.request(`/deliveries/${id}`)).json()) as DeliveryDetail).request.body,
      ),
    );
    assert.deepEqual(logged, expected);
    const ids = answer.deliveries.map(({ id }) => id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'ids follow the order sent',
    );
  });

  it('answers an override that fails on a later payload with a 400 before sending anything', async () => {
    await startPayloadThread();
    const before = receiver.received.length;
    const response = await app.request(
      '/emit',
      // SmartCover has no TemplateId (the override adds one); in Transcode's it is a value
      postJson({
        target: receiver.url,
        tags: ['SmartCover', 'Transcode'],
        count,
        overrides: ['JobsDetail.Operation.TemplateId.X=1'],
      }),
    );
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { fields: string[]; detail: string };
    assert.deepEqual(problem.fields, ['overrides.0']);
    assert.match(problem.detail, /JobsDetail\.Operation\.TemplateId is a value/);
    assert.equal(receiver.received.length, before, 'nothing was sent');
  });
});
