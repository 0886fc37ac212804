import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SEED, seededFaker, sfc32Randomizer } from './faker.ts';

describe('seededFaker: one Faker per process, reseeded per payload', () => {
  const draw = (seed: number, salt?: string) => {
    const faker = seededFaker(seed, salt);
    return [
      faker.number.int(MAX_SEED),
      faker.helpers.arrayElement(['a', 'b', 'c', 'd']),
      faker.number.float(),
    ];
  };

  it('draws the same values for the same seed and salt, even after other payloads reseeded it', () => {
    const first = draw(42, 'SoundHound');
    draw(7, 'Transcode');
    draw(42, 'DNA');
    assert.deepEqual(draw(42, 'SoundHound'), first);
  });

  it('draws different values for another seed or another salt', () => {
    assert.notDeepEqual(draw(42, 'SoundHound'), draw(43, 'SoundHound'));
    assert.notDeepEqual(draw(42, 'SoundHound'), draw(42, 'DNA'));
    assert.notDeepEqual(draw(42), draw(42, 'SoundHound'));
  });

  it('is the same instance every time, with the zh_CN locale', () => {
    assert.equal(seededFaker(1), seededFaker(2));
    assert.match(seededFaker(1).location.city(), /\p{Script=Han}/u);
  });
});

describe('sfc32Randomizer', () => {
  it('gives fractions in [0, 1) spread evenly (100,000 draws, deterministic)', () => {
    const randomizer = sfc32Randomizer();
    randomizer.seed([12345, 0]);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const value = randomizer.next();
      assert.ok(value >= 0 && value < 1, `${value}`);
      buckets[Math.floor(value * 10)]++;
    }
    for (const count of buckets) assert.ok(Math.abs(count - 10_000) < 500, `bucket of ${count}`);
  });

  it('uses all 53 bits of a double, not only 32', () => {
    const randomizer = sfc32Randomizer();
    randomizer.seed(9);
    const fractions = Array.from({ length: 100 }, () => randomizer.next() * 2 ** 32);
    assert.ok(fractions.some((value) => !Number.isInteger(value)));
  });

  it('starts over from a seed, and neighbouring seeds do not share draws', () => {
    const randomizer = sfc32Randomizer();
    const run = (seed: number | number[]) => {
      randomizer.seed(seed);
      return Array.from({ length: 8 }, () => randomizer.next());
    };
    assert.deepEqual(run([5, 1]), run([5, 1]));
    const seen = new Set([...run(0), ...run(1), ...run(2), ...run([0, 1])]);
    assert.equal(seen.size, 32);
  });
});
