/**
 * VocalScore: CI's singing evaluation (音乐评分): a recording of someone singing is scored against the song's
 * standard track, line by line, for pitch and for rhythm. The shape comes from the Go SDK only: parameter node
 * VocalScore{StandardObject} and result node VocalScoreResult{PitchScore{TotalScore, SentenceScores*{StartTime,
 * EndTime, Score}}, RhythemScore{…}} — "Rhythem" is the SDK's spelling, kept because receivers must match it.
 * Modelled: both scores rate the same sung lines (times in seconds with three decimals, inside the recording),
 * scores are whole numbers 0–100, and TotalScore is the rounded mean of the line scores.
 * SDK source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { select, text } from '../core/tree.ts';
import type { Job, Tree } from '../core/types.ts';
import { SONGS } from './data/songs.ts';

const RESULT = 'Operation.VocalScoreResult';
const SCORES = ['PitchScore', 'RhythemScore'] as const;

interface Line {
  start: number;
  end: number;
}

/** Sung lines in milliseconds: 2–7 s each with short breaths between, inside the recording. */
function sungLines(faker: Faker, durationMs: number): Line[] {
  // One seed in five is a single line, so SentenceScores is sometimes one object in JSON.
  const wanted = faker.number.int(4) === 0 ? 1 : 20;
  const lines: Line[] = [];
  let at = faker.number.int({ min: 200, max: 3_000 });
  while (lines.length < wanted) {
    const length = faker.number.int({ min: 2_000, max: 7_000 });
    if (at + length > durationMs) break;
    lines.push({ start: at, end: at + length });
    at += length + faker.number.int({ min: 300, max: 2_500 });
  }
  return lines.length > 0 ? lines : [{ start: 0, end: durationMs }];
}

/** One aspect's scores: each line scored around the singer's level, and their rounded mean. */
function aspectScore(faker: Faker, lines: Line[], level: number): Tree {
  const scores = lines.map(() =>
    Math.max(0, Math.min(100, Math.round(faker.number.float({ min: level - 20, max: level + 15 })))),
  );
  return {
    SentenceScores: lines.map((line, i) => ({
      EndTime: (line.end / 1000).toFixed(3),
      Score: scores[i] as number,
      StartTime: (line.start / 1000).toFixed(3),
    })),
    TotalScore: mean(scores),
  };
}

function mean(values: readonly number[]): number {
  return Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

export default defineTag({
  tag: 'VocalScore',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Singing evaluation: pitch and rhythm scores of a sung recording against a standard track.',
  resultNode: 'VocalScoreResult',
  inputKind: 'audio',
  inputExtensions: ['mp3', 'm4a', 'wav'],
  inputDuration: [15, 240],
  processingSeconds: processingByDuration([3, 6], [0.1, 0.3]),
  jsonShape: 'object',
  lists: SCORES.map((score) => `${RESULT}.${score}.SentenceScores`),
  build({ faker, tag, input }) {
    const song = faker.helpers.arrayElement(SONGS);
    const lines = sungLines(faker, Math.round(mediaOf(input).duration * 1000));
    const level = faker.number.int({ min: 55, max: 90 });
    return {
      operation: {
        VocalScore: {
          StandardObject: `${faker.helpers.arrayElement(['standard/', 'karaoke/standard/', 'songs/'])}${song.song}-${song.singer}.mp3`,
        },
        VocalScoreResult: {
          PitchScore: aspectScore(faker, lines, level),
          RhythemScore: aspectScore(faker, lines, level + faker.number.int({ min: -5, max: 8 })),
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: 'scores are whole numbers 0–100, and TotalScore is the rounded mean of the SentenceScores',
      check: (job) => {
        for (const score of SCORES) {
          const total = text(job, `${RESULT}.${score}.TotalScore`);
          if (total === undefined) continue;
          const values = [total, ...sentences(job, score).map((s) => String(s['Score']))];
          const bad = values.find((v) => !/^\d+$/.test(v) || Number(v) > 100);
          if (bad !== undefined) return `${score} has a score of ${bad}`;
          const expected = mean(values.slice(1).map(Number));
          if (Number(total) !== expected)
            return `${score}.TotalScore ${total}, the lines' mean is ${expected}`;
        }
        return undefined;
      },
    },
    {
      name: 'pitch and rhythm rate the same lines, in time order, each with a positive length',
      check: (job) => {
        const spans = SCORES.map((score) =>
          sentences(job, score).map((s) => `${s['StartTime']}–${s['EndTime']}`),
        );
        if (spans[0]?.join() !== spans[1]?.join())
          return `pitch lines ${spans[0]} ≠ rhythm lines ${spans[1]}`;
        let previousEnd = 0;
        for (const line of sentences(job, 'PitchScore')) {
          const start = Number(line['StartTime']);
          const end = Number(line['EndTime']);
          if (!(start >= previousEnd && end > start)) return `line ${start}–${end} after ${previousEnd}`;
          previousEnd = end;
        }
        return undefined;
      },
    },
  ],
});

function sentences(job: Job, score: (typeof SCORES)[number]): Job[] {
  return select(job, `${RESULT}.${score}.SentenceScores`) as Job[];
}
