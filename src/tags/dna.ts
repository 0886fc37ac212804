/**
 * DNA: CI's video fingerprinting (视频 DNA): the input is looked up in a DNA library, and the callback reports the
 * library video it matches and which spans match which. The shape comes from the Go SDK only: parameter node
 * DnaConfig{RuleType, DnaDbId, VideoId} and result node DnaResult{VideoId, Duration, Detection{VideoId, Similar,
 * SimilarDuration, Duration, MatchDetail*{MatchStartTime, MatchEndTime, SrcStartTime, SrcEndTime}, Audio{Similar}}},
 * children in alphabetical order as CI's samples have them. The SDK reads every number there as an `int` and
 * Detection as one element, so we send whole numbers: times and durations in milliseconds (seconds would round
 * a two-second match away), scores as percentages. Modelled: each match is a span of the input (Match…) and an
 * equally long span of the library video (Src…); SimilarDuration is their total; RuleType values.
 * SDK source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { uuidV4Hex } from '../core/ids.ts';
import { objectStem } from '../core/media/output-names.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { select, text } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
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
    const score = (min: number) => faker.number.int({ min, max: 99 });
    return {
      operation: {
        DnaConfig: {
          DnaDbId: `dnadb-${uuidV4Hex(faker).slice(0, 16)}`,
          RuleType: faker.helpers.arrayElement(DNA_RULE_TYPES),
          VideoId: videoId,
        },
        DnaResult: {
          Detection: {
            Audio: { Similar: score(30) },
            Duration: sourceMs,
            MatchDetail: found.map((m) => ({
              MatchEndTime: m.end,
              MatchStartTime: m.start,
              SrcEndTime: m.srcStart + (m.end - m.start),
              SrcStartTime: m.srcStart,
            })),
            Similar: score(60),
            SimilarDuration: similarMs,
            VideoId: `video-${faker.string.numeric(8)}`,
          },
          Duration: durationMs,
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
          (s, m) => s + Number(m['MatchEndTime']) - Number(m['MatchStartTime']),
          0,
        );
        return Number(total) === sum ? undefined : `SimilarDuration ${total} ms, matches total ${sum} ms`;
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
          ].map((k) => Number(m[k])) as [number, number, number, number];
          if (!(start >= previousEnd && end > start && end <= duration))
            return `match ${start}–${end} ms in an input of ${duration} ms after ${previousEnd} ms`;
          if (!(srcStart >= 0 && srcEnd <= sourceDuration && srcEnd - srcStart === end - start))
            return `source span ${srcStart}–${srcEnd} ms for match ${start}–${end} ms`;
          previousEnd = end;
        }
        return undefined;
      },
    },
    {
      name: 'Similar and Audio.Similar are percentages from 1 to 100',
      check: (job) => {
        for (const path of [`${RESULT}.Detection.Similar`, `${RESULT}.Detection.Audio.Similar`]) {
          const value = text(job, path);
          if (value !== undefined && !(Number(value) >= 1 && Number(value) <= 100)) return `${path} ${value}`;
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
