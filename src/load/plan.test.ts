import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tagNames } from '../payloads/registry.ts';
import { describeTarget, LOAD_DEFAULTS, parseTagWeights, resolveLoadPlan } from './plan.ts';

const target = 'http://127.0.0.1:3000/callback';

describe('load plan', () => {
  it('picks the open model with a rate and the closed model with connections alone', () => {
    const open = resolveLoadPlan({ target, rate: '2000', duration: '30s', seed: '4' });
    assert.equal(open.model, 'open');
    assert.equal(open.rate, 2000);
    assert.equal(open.connections, LOAD_DEFAULTS.openModelConnections);
    assert.equal(open.durationMs, 30_000);
    assert.equal(open.seed, 4);
    assert.deepEqual(
      open.tags.map((t) => t.tag),
      tagNames(),
    );
    const closed = resolveLoadPlan({ target, connections: 50 });
    assert.equal(closed.model, 'closed');
    assert.equal(closed.rate, undefined);
    assert.equal(closed.durationMs, LOAD_DEFAULTS.durationMs);
  });

  it('reads durations with units, bare numbers as seconds', () => {
    const plan = resolveLoadPlan({ target, rate: 10, duration: '60', warmup: '0', timeout: '500ms' });
    assert.deepEqual([plan.durationMs, plan.warmupMs, plan.timeoutMs], [60_000, 0, 500]);
    assert.equal(resolveLoadPlan({ target, rate: 10, duration: 3 }).durationMs, 3_000);
    assert.throws(
      () => resolveLoadPlan({ target, rate: 10, duration: '0' }),
      /duration: must be .* from 1ms to 24h, got '0'/,
    );
    assert.throws(
      () => resolveLoadPlan({ target, rate: 10, duration: '5 parsecs' }),
      /duration: must be a number with a unit \(250ms, 5s, 2m, 1h\) or a bare number of seconds .* got '5 parsecs'/,
    );
  });

  it('warms up for 1 s by default, and refuses a rate that would send only in the warm-up', () => {
    assert.equal(resolveLoadPlan({ target, rate: 10 }).warmupMs, 1_000);
    assert.equal(LOAD_DEFAULTS.warmupMs, 1_000);
    // 0.5/s over 1 s warm-up + 1 s: the one request is due at 0 s, in the warm-up; nothing would be measured
    assert.throws(
      () => resolveLoadPlan({ target, rate: 0.5, duration: '1s' }),
      /rate 0\.5\/s sends no request in 1 s measured after 1 s of warm-up; accepted: .* 2\/s or more/,
    );
    assert.equal(resolveLoadPlan({ target, rate: 0.5, duration: '1s', warmup: '0' }).warmupMs, 0);
  });

  it('reads Tag weights, case-insensitively, and rejects unknown Tags with the list', () => {
    assert.deepEqual(parseTagWeights('smartcover:5, SoundHound'), [
      { tag: 'SmartCover', weight: 5 },
      { tag: 'SoundHound', weight: 1 },
    ]);
    assert.throws(() => parseTagWeights('Nope:2'), /unknown tag 'Nope'; accepted: .*SmartCover/);
    assert.throws(() => parseTagWeights('SmartCover:0'), /whole number from 1 to 1000/);
    assert.throws(() => parseTagWeights('SmartCover:x'), /not Tag or Tag:weight/);
    assert.throws(() => parseTagWeights('SmartCover,smartcover'), /twice/);
  });

  const bad: [Parameters<typeof resolveLoadPlan>[0], RegExp][] = [
    [{ rate: 10 }, /target is required/],
    [
      { target: 'ftp://x/y', rate: 10 },
      /target: 'ftp:\/\/x\/y' is not an absolute http:\/\/ or https:\/\/ URL/,
    ],
    [{ target: 'not a url', rate: 10 }, /target: 'not a url' is not an absolute http/],
    [{ target }, /give rate .* or connections/],
    [{ target, rate: '-5' }, /rate: must be a number above 0 and at most 1000000, got -5$/],
    [{ target, connections: '2.5' }, /connections: must be a whole number from 1 to 10000, got 2\.5$/],
    [{ target, rate: 10, format: 'yaml' }, /unknown format 'yaml'; accepted: xml, json, mixed/],
    [{ target, rate: 10, trigger: 'cron' }, /accepted: direct, workflow, mixed/],
    [{ target, rate: 10, seed: 'abc' }, /seed: seed "abc" is not a seed; a seed picks/],
    [{ target, connections: 4, maxInFlight: 9 }, /maxInFlight applies to the open model/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)} saying what is accepted`, () => {
      assert.throws(() => resolveLoadPlan(input), message);
    });
  }

  it('hides credentials and query values when showing the target', () => {
    const shown = describeTarget(new URL('https://user:secret@example.com/cb?token=abc&x=1'));
    assert.doesNotMatch(shown, /secret|abc/);
    assert.match(shown, /^https:\/\/\*\*\*@example\.com\/cb\?token=\*\*\*&x=\*\*\*$/);
  });
});
