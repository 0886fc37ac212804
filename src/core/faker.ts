/**
 * @module faker
 * Every generator draws from one seeded Faker per payload; nothing reads Math.random or the clock.
 *
 * The process has a single Faker, built once with the zh_CN and en locales, and each payload reseeds it: building
 * a Faker per payload cost more than the rest of the payload. Its randomizer is sfc32 (Chris Doty-Humphrey's
 * Small Fast Counter, 128 bits of state, passes PractRand), seeded in a few nanoseconds where faker's Mersenne
 * Twister takes tens of microseconds. Pure 32-bit integer arithmetic, so a seed draws the same numbers on every
 * machine.
 */
import type { Faker, Randomizer } from '@faker-js/faker';
// The locale module, not faker's main entry: that one loads every locale faker ships (~80 ms at start-up).
import { faker as zhCnFaker } from '@faker-js/faker/locale/zh_CN';

/** Seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffff_ffff;

/** sfc32 behind faker's Randomizer interface; `next()` joins two outputs into a 53-bit fraction, as doubles hold. */
export function sfc32Randomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let counter = 0;
  const next32 = (): number => {
    const t = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => ((next32() >>> 5) * 67_108_864 + (next32() >>> 6)) / 9_007_199_254_740_992,
    seed(seed: number | number[]): void {
      const [first = 0, second = 0] = Array.isArray(seed) ? seed : [seed];
      // The seeding its author recommends: the key in the state words, a fixed third word, then 12 rounds discarded.
      a = first | 0;
      b = second | 0;
      c = 0x9e37_79b9 | 0;
      counter = 1;
      for (let i = 0; i < 12; i++) next32();
    },
  };
}

const randomizer = sfc32Randomizer();
// Locale modules export a ready instance, not the class: take the class from it to build ours on the same
// (already merged) zh_CN → en → base definitions, with our randomizer.
const FakerClass = zhCnFaker.constructor as typeof Faker;
const sharedFaker = new FakerClass({ locale: zhCnFaker.rawDefinitions, randomizer });

/**
 * The process's Faker, reseeded by the caller's seed and a salt (the Tag), so one seed gives each Tag its own job
 * while every variant of one Tag (XML or JSON, direct or workflow) starts from the same draws. Generation is
 * synchronous: draw everything a payload needs before the next call reseeds it.
 */
export function seededFaker(seed: number, salt = ''): Faker {
  randomizer.seed([seed, salt === '' ? 0 : fnv1a(salt)]);
  return sharedFaker;
}

/** 32-bit FNV-1a: a stable number for a string, the same on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A seed for callers that gave none. The only place randomness enters, and it is reported back. */
export function randomSeed(): number {
  return Math.floor(Math.random() * MAX_SEED);
}
