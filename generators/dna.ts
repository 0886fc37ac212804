/**
 * DNA: CI's video fingerprinting (视频 DNA): the input is looked up in a DNA library, and the callback reports the
 * library video it matches and which spans match which. The shape comes from the Go SDK only: parameter node
 * DnaConfig{RuleType, DnaDbId, VideoId} and result node DnaResult{VideoId, Duration, Detection{VideoId, Similar,
 * SimilarDuration, Duration, MatchDetail*{MatchStartTime, MatchEndTime, SrcStartTime, SrcEndTime}, Audio{Similar}}},
 * children in alphabetical order as CI's samples have them. Modelled: times in seconds with three decimals; each
 * match is a span of the input (Match…) and an equally long span of the library video (Src…); SimilarDuration is
 * their total; Similar is a score in (0, 1]; RuleType values.
 * SDK source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../src/core/common-nodes.ts';
import { defineTag } from '../src/core/define-tag.ts';
import { uuidV4Hex } from '../src/core/ids.ts';
import { mediaOf, objectStem, processingByDuration } from '../src/core/media.ts';
import { select, text } from '../src/core/tree.ts';
import type { Job } from '../src/core/types.ts';
import { DNA_RULE_TYPES } from './data/video-job-options.ts';

const RESULT = 'Operation.DnaResult';

interface Match {
  start: number;
  end: number;
  srcStart: number;
}

/** Matching spans in milliseconds, in order and apart, inside both videos; the library video is at least as long. */
function matches(faker: Faker, durationMs: number, sourceMs: number): Match[] {
  const count = faker.number.int(3) === 0 ? 1 : faker.number.int({ min: 2, max: 4 });
  const slot = Math.floor(durationMs / count);
  const sourceSlot = Math.floor(sourceMs / count);
  return Array.from({ length: count }, (_, i) => {
    const length = faker.number.int({ min: Math.min(2_000, slot), max: slot });
    const start = i * slot + faker.number.int(slot - length);
    const srcStart = i * sourceSlot + faker.number.int(Math.max(0, sourceSlot - length));
    return { start, end: start + length, srcStart };
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export default defineTag({
  tag: 'DNA',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Video DNA: the library video an input matches, with the matching spans of both.',
  resultNode: 'DnaResult',
  inputKind: 'video',
  inputDuration: [15, 600],
  processingSeconds: processingByDuration([5, 10], [0.1, 0.3]),
  jsonShape: 'object',
  lists: [`${RESULT}.Detection.MatchDetail`],
  build({ faker, tag, input }) {
    const durationMs = Math.round(mediaOf(input).duration * 1000);
    const sourceMs = durationMs + faker.number.int(durationMs);
    const found = matches(faker, durationMs, sourceMs);
    const similarMs = found.reduce((sum, m) => sum + (m.end - m.start), 0);
    const videoId = `${objectStem(input.key)}-${faker.string.numeric(6)}`;
    const score = (min: number) => faker.number.float({ min, max: 0.99 }).toFixed(4);
    return {
      operation: {
        DnaConfig: {
          DnaDbId: `dnadb-${uuidV4Hex(faker).slice(0, 16)}`,
          RuleType: faker.helpers.arrayElement(DNA_RULE_TYPES),
          VideoId: videoId,
        },
        DnaResult: {
          Detection: {
            Audio: { Similar: score(0.3) },
            Duration: seconds(sourceMs),
            MatchDetail: found.map((m) => ({
              MatchEndTime: seconds(m.end),
              MatchStartTime: seconds(m.start),
              SrcEndTime: seconds(m.srcStart + (m.end - m.start)),
              SrcStartTime: seconds(m.srcStart),
            })),
            Similar: score(0.6),
            SimilarDuration: seconds(similarMs),
            VideoId: `video-${faker.string.numeric(8)}`,
          },
          Duration: seconds(durationMs),
          VideoId: videoId,
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: 'SimilarDuration is the total length of the matched spans',
      check: (job) => {
        const total = text(job, `${RESULT}.Detection.SimilarDuration`);
        if (total === undefined) return undefined;
        const sum = matchDetails(job).reduce(
          (s, m) =>
            s + Math.round(Number(m['MatchEndTime']) * 1000) - Math.round(Number(m['MatchStartTime']) * 1000),
          0,
        );
        return Math.round(Number(total) * 1000) === sum
          ? undefined
          : `SimilarDuration ${total}, matches total ${sum} ms`;
      },
    },
    {
      name: 'matches run forward inside the input, each an equally long span inside the library video',
      check: (job) => {
        const duration = Number(text(job, `${RESULT}.Duration`));
        const sourceDuration = Number(text(job, `${RESULT}.Detection.Duration`));
        let previousEnd = 0;
        for (const m of matchDetails(job)) {
          const [start, end, srcStart, srcEnd] = [
            'MatchStartTime',
            'MatchEndTime',
            'SrcStartTime',
            'SrcEndTime',
          ].map((k) => Math.round(Number(m[k]) * 1000)) as [number, number, number, number];
          if (!(start >= previousEnd && end > start && end <= duration * 1000))
            return `match ${m['MatchStartTime']}–${m['MatchEndTime']} in an input of ${duration} s after ${previousEnd} ms`;
          if (!(srcStart >= 0 && srcEnd <= sourceDuration * 1000 && srcEnd - srcStart === end - start))
            return `source span ${m['SrcStartTime']}–${m['SrcEndTime']} for match ${m['MatchStartTime']}–${m['MatchEndTime']}`;
          previousEnd = end;
        }
        return undefined;
      },
    },
    {
      name: 'Similar and Audio.Similar are scores in (0, 1]',
      check: (job) => {
        for (const path of [`${RESULT}.Detection.Similar`, `${RESULT}.Detection.Audio.Similar`]) {
          const value = text(job, path);
          if (value !== undefined && !(Number(value) > 0 && Number(value) <= 1)) return `${path} ${value}`;
        }
        return undefined;
      },
    },
    {
      name: 'DnaResult is about the VideoId the job was given, matched to another library video',
      check: (job) => {
        const id = text(job, `${RESULT}.VideoId`);
        if (id === undefined) return undefined;
        const asked = text(job, 'Operation.DnaConfig.VideoId');
        if (id !== asked) return `DnaResult.VideoId ${id}, DnaConfig.VideoId ${asked}`;
        return text(job, `${RESULT}.Detection.VideoId`) === id ? 'the video matched itself' : undefined;
      },
    },
  ],
});

function matchDetails(job: Job): Job[] {
  return select(job, `${RESULT}.Detection.MatchDetail`) as Job[];
}
