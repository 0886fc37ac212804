/**
 * @module moderation/verdicts
 * How one job's verdict spreads over its segments (frames, sections, pages), so that every number agrees: a
 * normal job has no hit anywhere; a violation has at least one segment that hit one scene with a violation
 * score; a suspected job has suspected hits only. Job-level HitFlag, Count and Score are derived from the
 * segments, never drawn apart from them.
 */
import type { Faker } from '@faker-js/faker';
import { SCORE_BANDS, type Scene } from './data/scenes.ts';
import { RESULT_CODE, type ReviewResult } from './types.ts';

export type ResultCode = 0 | 1 | 2;

/** One scene's finding on one segment. */
export interface SceneFinding {
  hitFlag: ResultCode;
  score: number;
}

/** One segment's verdict: its result and each scene's finding. */
export interface SegmentVerdict {
  result: ResultCode;
  findings: Record<Scene, SceneFinding>;
}

export interface JobVerdict {
  result: ResultCode;
  /** The scene that hit; undefined for a normal job. */
  scene: Scene | undefined;
  segments: SegmentVerdict[];
}

export interface VerdictOptions {
  result: ReviewResult;
  /** Segments the job has (1 for an image). */
  count: number;
  /** The scenes this kind reports on. */
  scenes: readonly Scene[];
}

/** A score in the band of a result class. */
export function scoreIn(faker: Faker, result: ResultCode): number {
  const band =
    result === 1 ? SCORE_BANDS.violation : result === 2 ? SCORE_BANDS.suspected : SCORE_BANDS.normal;
  // Most normal findings score near zero; a few come close to the line.
  if (result === 0)
    return faker.helpers.weightedArrayElement([
      { weight: 7, value: faker.number.int({ min: 0, max: 15 }) },
      { weight: 3, value: faker.number.int({ min: band[0], max: band[1] }) },
    ]);
  return faker.number.int({ min: band[0], max: band[1] });
}

/** The stronger of two results: a violation outranks a suspicion, which outranks normal. */
export function worse(a: ResultCode, b: ResultCode): ResultCode {
  if (a === 1 || b === 1) return 1;
  return a === 2 || b === 2 ? 2 : 0;
}

export function drawVerdict(faker: Faker, { result, count, scenes }: VerdictOptions): JobVerdict {
  const code = RESULT_CODE[result];
  const scene = code === 0 ? undefined : faker.helpers.arrayElement(scenes);
  const results: ResultCode[] = Array.from({ length: count }, () => 0);
  if (code !== 0 && count > 0) {
    const hits = faker.number.int({ min: 1, max: Math.max(1, Math.ceil(count / 4)) });
    const indexes = faker.helpers.arrayElements([...results.keys()], Math.min(hits, count));
    indexes.forEach((index, n) => {
      // A violating job has at least one violating segment; its other hits may be only suspected.
      results[index] = code === 2 ? 2 : n === 0 ? 1 : faker.helpers.arrayElement([1, 2] as const);
    });
  }
  const segments = results.map((segmentResult) => {
    const findings = {} as Record<Scene, SceneFinding>;
    for (const each of scenes) {
      const hitFlag = each === scene ? segmentResult : 0;
      findings[each] = { hitFlag, score: scoreIn(faker, hitFlag) };
    }
    return { result: segmentResult, findings };
  });
  return { result: code, scene, segments };
}

/** A scene's finding over the whole job: the worst HitFlag, the number of segments it hit, the top score. */
export function sceneSummary(verdict: JobVerdict, scene: Scene): SceneFinding & { count: number } {
  let hitFlag: ResultCode = 0;
  let count = 0;
  let score = 0;
  for (const segment of verdict.segments) {
    const finding = segment.findings[scene];
    hitFlag = worse(hitFlag, finding.hitFlag);
    if (finding.hitFlag !== 0) count++;
    score = Math.max(score, finding.score);
  }
  return { hitFlag, count, score };
}

/** `CallbackType` 2 keeps only the segments that are not normal. */
export function keptSegments<T>(
  items: readonly T[],
  verdicts: readonly { result: ResultCode }[],
  callbackType: 1 | 2,
): T[] {
  return items.filter((_, index) => callbackType === 1 || verdicts[index]?.result !== 0);
}
