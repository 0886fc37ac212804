/**
 * @module moderation/ocr-results
 * `OcrResults[]` of a document page or web-page image whose text hit a scene: the line read, the keywords it
 * matched, and where on the image it sits.
 */
import type { Faker } from '@faker-js/faker';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import { type HitWords, hitWords } from './hit-words.ts';
import type { JsonObject } from './types.ts';
import type { SegmentVerdict } from './verdicts.ts';

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

/**
 * The per-scene blocks of an image read by OCR (a document page, a web page's image) — `PornInfo`, `AdsInfo`, … with
 * HitFlag, Score, SubLabel and, for a scene that hit, its OcrResults — and the image's text: `text` as given, or
 * the line that hit when one did.
 */
export function ocrSceneInfos(
  faker: Faker,
  scenes: readonly Scene[],
  segment: SegmentVerdict,
  text: string,
): { infos: JsonObject; text: string } {
  const infos: JsonObject = {};
  let read = text;
  for (const scene of scenes) {
    const finding = segment.findings[scene];
    const words = hitWords(faker, scene, finding);
    if (finding.hitFlag !== 0) read = words.ocrText;
    infos[SCENE_WORDS[scene].detailKey] = {
      HitFlag: finding.hitFlag,
      Score: finding.score,
      SubLabel: words.subLabel,
      ...(finding.hitFlag === 0 ? {} : { OcrResults: ocrResults(faker, words) }),
    };
  }
  return { infos, text: read };
}
