import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import type { GenerateOptions } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { tagNames } from '../payloads/registry.ts';
import { decodeBody } from './body-codec.ts';
import { MESSAGE_PAYLOADS, OFF_THREAD_MIN, renderPayloads, startPayloadThread } from './payload-thread.ts';

const mixed = (count: number, from = 0): GenerateOptions[] =>
  Array.from({ length: count }, (_, i) => ({
    tag: tagNames()[(from + i) % tagNames().length] as string,
    format: i % 2 ? 'json' : 'xml',
    seed: from + i,
  }));

describe('payload thread', () => {
  it('renders a batch off the event loop with the bytes generate() gives, each body deflated for the log', async () => {
    assert.ok(await startPayloadThread(), 'the thread runs');
    const options = mixed(3 * OFF_THREAD_MIN + 3);
    const rendered = await Promise.all(renderPayloads(options));
    for (const [i, { payload, stored }] of rendered.entries()) {
      const here = generate(options[i] as GenerateOptions);
      assert.deepEqual(
        [payload.body, payload.contentType, payload.seed, payload.variant],
        [here.body, here.contentType, here.seed, here.variant],
      );
      assert.ok(stored, `payload ${i} came with its stored body`);
      assert.equal(stored.encoding, 'deflate-d2');
      assert.equal(decodeBody(stored), here.body);
    }
  });

  it('hands back the first payloads before the last are rendered, in order', async () => {
    await startPayloadThread();
    const items = renderPayloads(mixed(200));
    const order: number[] = [];
    const all = Promise.all(items.map((item, i) => item.then(() => order.push(i))));
    await items[0];
    // the microtasks of the first message's payloads run before this continues; later messages come later
    for (let tick = 0; tick < 5; tick++) await null;
    assert.ok(order.length <= MESSAGE_PAYLOADS, `${order.length} payloads came with the first`);
    await all;
    assert.deepEqual(
      order,
      items.map((_, i) => i),
    );
  });

  it('with allFirst, a bad override fails every payload with the InputError generate() throws', async () => {
    await startPayloadThread();
    const options = mixed(OFF_THREAD_MIN * 2).map((one) => ({
      ...one,
      overrides: ['JobsDetail.Code.Inner=1'],
    }));
    const expected = (() => {
      try {
        generate(options[0] as GenerateOptions);
      } catch (error) {
        return error as InputError;
      }
      throw new Error('the override should fail');
    })();
    const settled = await Promise.allSettled(renderPayloads(options, { allFirst: true }));
    for (const result of settled) {
      assert.equal(result.status, 'rejected');
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(error instanceof InputError);
      assert.deepEqual(
        [error.path, error.message, error.accepted],
        [expected.path, expected.message, expected.accepted],
      );
    }
  });

  it('renders a batch smaller than OFF_THREAD_MIN here, with no round trip', async () => {
    await startPayloadThread();
    const options = mixed(OFF_THREAD_MIN - 1);
    const rendered = await Promise.all(renderPayloads(options));
    assert.deepEqual(
      rendered.map(({ payload }) => payload.body),
      options.map((one) => generate(one).body),
    );
    assert.ok(
      rendered.every(({ stored }) => stored === undefined),
      'the log deflates these itself',
    );
  });

  // last: the thread does not come back in this process
  it('finishes a batch here, with the same bytes, when the thread dies in the middle of it', async () => {
    const worker = await startPayloadThread();
    assert.ok(worker);
    const options = mixed(500, 7);
    const items = renderPayloads(options);
    await items[0];
    await worker.terminate();
    const rendered = await Promise.all(items);
    assert.deepEqual(
      rendered.map(({ payload }) => payload.body),
      options.map((one) => generate(one).body),
    );
    assert.ok(
      rendered.some(({ stored }) => stored === undefined),
      'some were rendered after the thread died',
    );
    assert.equal(await startPayloadThread(), undefined, 'it is not started again');
  });
});
