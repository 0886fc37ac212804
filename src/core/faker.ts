/**
 * @module faker
 * Every generator draws from one seeded Faker per payload; nothing reads Math.random or the clock.
 */
import { en, Faker, zh_CN } from '@faker-js/faker';

/** Seeds are 32-bit unsigned integers: what faker's Mersenne Twister takes without loss. */
export const MAX_SEED = 0xffff_ffff;

/**
 * A Faker seeded by the caller's seed and a salt (the Tag), so one seed gives each Tag its own job while every
 * variant of one Tag (XML or JSON, direct or workflow) starts from the same draws.
 */
export function createFaker(seed: number, salt = ''): Faker {
  const faker = new Faker({ locale: [zh_CN, en] });
  faker.seed(salt === '' ? seed : [seed, fnv1a(salt)]);
  return faker;
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
