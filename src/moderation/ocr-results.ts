/**
 * @module moderation/ocr-results
 * `OcrResults[]` of a document page or web-page image whose text hit a scene: the line read, the keywords it
 * matched, and where on the image it sits.
 */
import type { Faker } from '@faker-js/faker';
import type { HitWords } from './hit-words.ts';
import type { JsonObject } from './types.ts';

export function ocrResults(faker: Faker, words: HitWords): JsonObject[] {
  const width = faker.number.int({ min: 120, max: 900 });
  const height = faker.number.int({ min: 24, max: 80 });
  return [
    {
      Text: words.ocrText,
      Keywords: words.keywords,
      Location: {
        X: faker.number.int({ min: 0, max: 1200 }),
        Y: faker.number.int({ min: 0, max: 1600 }),
        Width: width,
        Height: height,
        Rotate: faker.helpers.weightedArrayElement([
          { weight: 9, value: 0 },
          { weight: 1, value: faker.number.int({ min: 1, max: 359 }) },
        ]),
      },
    },
  ];
}
