import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { generate } from '../payloads/generate.ts';
import { checkPayloadChoice, deliveryOf, emissionOptions, pickPayload } from './payload-plan.ts';

/** A fixed sequence of draws, so picks are predictable. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

describe('payload plan', () => {
  it('canonicalises Tag names and rejects unknown ones with the list of known Tags', () => {
    assert.deepEqual(checkPayloadChoice({ tags: ['smartcover'] }).tags, ['SmartCover']);
    assert.throws(
      () => checkPayloadChoice({ weights: { Nope: 1 } }),
      (error: unknown) => error instanceof InputError && /accepted: .*SmartCover/.test(error.message),
    );
    assert.throws(() => checkPayloadChoice({ weights: { SmartCover: 0 } }), /positive number/);
    assert.throws(() => checkPayloadChoice({ tags: ['SmartCover'], weights: { SmartCover: 1 } }), /not both/);
    assert.throws(() => checkPayloadChoice({ formats: ['yaml' as 'xml'] }), /unknown format 'yaml'/);
    assert.throws(() => checkPayloadChoice({ overrides: ['no-equals-sign'] }));
  });

  it('draws Tags in proportion to their weights', () => {
    const choice = checkPayloadChoice({ weights: { SmartCover: 3, SoundHound: 1 } });
    // a draw below 3/4 of the total lands on SmartCover, above on SoundHound
    assert.equal(pickPayload(choice, draws(0.74)).tag, 'SmartCover');
    assert.equal(pickPayload(choice, draws(0.76)).tag, 'SoundHound');
  });

  it('draws each axis only from the values allowed', () => {
    const choice = checkPayloadChoice({ tags: ['SoundHound'], formats: ['json'], states: ['failed'] });
    for (const draw of [0, 0.3, 0.99]) {
      const options = pickPayload(choice, draws(draw));
      assert.deepEqual([options.tag, options.format, options.state], ['SoundHound', 'json', 'failed']);
      assert.ok(Number.isInteger(options.seed));
    }
  });

  it('an emit with a seed uses seed, seed + 1, … for each Tag, so it can be reproduced', () => {
    const options = emissionOptions({
      tags: ['SmartCover', 'SoundHound'],
      count: 2,
      seed: 7,
      format: 'json',
    });
    assert.deepEqual(
      options.map((o) => [o.tag, o.seed, o.format]),
      [
        ['SmartCover', 7, 'json'],
        ['SmartCover', 8, 'json'],
        ['SoundHound', 7, 'json'],
        ['SoundHound', 8, 'json'],
      ],
    );
  });

  it('a delivery carries the payload, its variant and the destination headers', () => {
    const payload = generate({ tag: 'SmartCover', format: 'json', seed: 3 });
    const delivery = deliveryOf(payload, { target: 'http://127.0.0.1:1/x', headers: { 'X-Token': 't' } });
    assert.equal(delivery.body, payload.body);
    assert.equal(delivery.contentType, 'application/json');
    assert.deepEqual([delivery.tag, delivery.format, delivery.seed], ['SmartCover', 'json', 3]);
    assert.deepEqual(delivery.headers, { 'X-Token': 't' });
  });
});
