/**
 * @module moderation/hit-words
 * The words a finding carries: a scene that hit names its label, category, sub-label and the keywords it
 * matched; a finding that did not hit carries empty ones, as CI's samples show.
 */
import type { Faker } from '@faker-js/faker';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import type { SceneFinding } from './verdicts.ts';

export interface HitWords {
  /** The scene's label (`Porn`) when it hit, else ''. */
  label: string;
  category: string;
  subLabel: string;
  /** Matched keywords; none when nothing hit. */
  keywords: string[];
  /** Text read off the image or page that hit (OCR). */
  ocrText: string;
}

const NO_HIT: HitWords = { label: '', category: '', subLabel: '', keywords: [], ocrText: '' };

export function hitWords(faker: Faker, scene: Scene, finding: SceneFinding): HitWords {
  if (finding.hitFlag === 0) return { ...NO_HIT, keywords: [] };
  const words = SCENE_WORDS[scene];
  return {
    label: words.label,
    category: faker.helpers.arrayElement(words.categories),
    subLabel: faker.helpers.arrayElement(words.subLabels),
    keywords: faker.helpers.arrayElements(words.keywords, { min: 1, max: 2 }),
    ocrText: faker.helpers.arrayElement(words.ocrLines),
  };
}

/** `Label` of a job or segment: the scene that hit, or Normal. */
export function verdictLabel(scene: Scene | undefined, result: number): string {
  return result === 0 || scene === undefined ? 'Normal' : SCENE_WORDS[scene].label;
}
