/**
 * What a receiver may rely on in every moderation body, over many seeds: the verdict agrees with itself from the
 * job down to each segment, segment lists agree with their counts and durations, CallbackType 2 keeps only the
 * non-compliant segments, live bodies look live, and the Simple and Detail forms of one seed are one job.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateReview, type ReviewOptions } from '../payloads/generate-review.ts';
import { SCORE_BANDS } from './data/scenes.ts';
import { REVIEWS } from './index.ts';
import { RESULT_CODE, REVIEW_KINDS, REVIEW_RESULTS, type ReviewResult } from './types.ts';

type Json = Record<string, unknown>;
const SEEDS = 30;
const INFO_KEYS = ['PornInfo', 'AdsInfo', 'IllegalInfo', 'AbuseInfo'] as const;
const LABEL_OF_INFO: Record<string, string> = {
  PornInfo: 'Porn',
  AdsInfo: 'Ads',
  IllegalInfo: 'Illegal',
  AbuseInfo: 'Abuse',
};
const BAND: Record<number, readonly [number, number]> = {
  0: SCORE_BANDS.normal,
  1: SCORE_BANDS.violation,
  2: SCORE_BANDS.suspected,
};

const detail = (options: ReviewOptions) =>
  generateReview({ ...options, callbackVersion: 'detail' }).document['JobsDetail'] as Json;
const infosOf = (node: Json) =>
  INFO_KEYS.filter((key) => key in node).map((key) => [key, node[key] as Json] as const);
const verdictOf = (node: Json) => (node['Result'] ?? node['Suggestion']) as number;

/** The segments of a Detail body, whatever the kind calls them. */
function segmentsOf(job: Json): Json[] {
  const results = (holder: unknown) =>
    ((holder as Json | undefined)?.['Results'] as Json[] | undefined) ?? [];
  return [
    ...((job['Snapshot'] as Json[] | undefined) ?? []),
    ...((job['Section'] as Json[] | undefined) ?? []),
    ...results(job['PageSegment']),
    ...results(job['ImageResults']),
    ...results(job['TextResults']),
  ];
}

/** A node (job or segment) whose verdict is `code`: its Label and its Info objects agree with it. */
function assertVerdict(node: Json, code: number, where: string): void {
  assert.equal(verdictOf(node), code, `${where}: verdict`);
  const infos = infosOf((node['Labels'] as Json | undefined) ?? node);
  const hits = infos.filter(([, info]) => info['HitFlag'] !== 0);
  if (code === 0) {
    assert.equal(node['Label'] ?? 'Normal', 'Normal', `${where}: a normal verdict is labelled Normal`);
    assert.deepEqual(hits, [], `${where}: a normal verdict has no hit`);
  } else {
    assert.equal(hits.length, 1, `${where}: one scene hit`);
    const [[key, info]] = hits as [[string, Json]];
    if ('Label' in node)
      assert.equal(node['Label'], LABEL_OF_INFO[key], `${where}: the Label names the scene that hit`);
    assert.equal(info['HitFlag'], code, `${where}: the scene's HitFlag is the verdict`);
    if (typeof info['Score'] === 'number') {
      const [min, max] = BAND[code] as readonly [number, number];
      assert.ok(
        (info['Score'] as number) >= min && (info['Score'] as number) <= max,
        `${where}: score ${info['Score']} in ${min}-${max}`,
      );
    }
  }
  for (const [key, info] of infos)
    if (info['HitFlag'] === 0 && typeof info['Score'] === 'number')
      assert.ok(
        (info['Score'] as number) <= SCORE_BANDS.normal[1],
        `${where}.${key}: a miss scores as normal`,
      );
}

const cases = REVIEW_KINDS.flatMap((review) => REVIEW_RESULTS.map((result) => ({ review, result })));

describe('moderation bodies hold together', () => {
  for (const { review, result } of cases) {
    it(`${review} ${result}: job, Label, scenes and every segment agree`, () => {
      for (let seed = 0; seed < SEEDS; seed++) {
        const job = detail({ review, result, seed });
        const code = RESULT_CODE[result];
        assertVerdict(job, code, `seed ${seed}`);
        const segments = segmentsOf(job);
        for (const [index, segment] of segments.entries())
          assertVerdict(segment, verdictOf(segment), `seed ${seed} segment ${index}`);
        const worst = segments.map(verdictOf).reduce((a, b) => (a === 1 || b === 1 ? 1 : Math.max(a, b)), 0);
        if (review !== 'image')
          assert.equal(worst, code, `seed ${seed}: the job's verdict is its worst segment's`);
        if (code !== 1) assert.equal(job['ForbidState'], 0, `seed ${seed}: only a violation freezes`);
      }
    });
  }

  it('video and live: SnapshotCount, Count and times agree with the frames; audio sections tile the track', () => {
    for (const review of ['video', 'live'] as const)
      for (const result of REVIEW_RESULTS)
        for (let seed = 0; seed < SEEDS; seed++) {
          const job = detail({ review, result, seed });
          const frames = job['Snapshot'] as Json[];
          assert.equal(job['SnapshotCount'], frames.length);
          for (const key of ['PornInfo', 'AdsInfo']) {
            const hit = frames.filter((frame) => (frame[key] as Json)['HitFlag'] !== 0).length;
            assert.equal((job[key] as Json)['Count'], hit, `${review} seed ${seed} ${key}.Count`);
          }
          const times = frames.map((frame) => frame['SnapshotTime'] as number);
          assert.deepEqual(
            times,
            [...times].sort((a, b) => a - b),
          );
          const sections = (job['AudioSection'] as Json[] | undefined) ?? [];
          sections.forEach((section, index) => {
            const previous = sections[index - 1];
            if (previous)
              assert.equal(
                section['OffsetTime'],
                (previous['OffsetTime'] as number) + (previous['Duration'] as number),
              );
            assert.ok((section['Duration'] as number) > 0 && (section['Duration'] as number) <= 30_000);
          });
        }
  });

  it('audio: sections tile the file from 0, 30 s each but the last; AudioText is their text', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const job = detail({ review: 'audio', result: 'violation', seed });
      const sections = job['Section'] as Json[];
      sections.forEach((section, index) => {
        assert.equal(section['OffsetTime'], index * 30_000);
        if (index < sections.length - 1) assert.equal(section['Duration'], 30_000);
      });
      assert.equal(job['AudioText'], sections.map((section) => section['Text']).join(''));
    }
  });

  it('text: SectionCount sections, 10,000 characters apart; Keywords a comma-separated string; Count of hit sections', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const job = detail({ review: 'text', result: 'violation', seed });
      const sections = job['Section'] as Json[];
      assert.equal(job['SectionCount'], sections.length);
      sections.forEach((section, index) => {
        assert.equal(section['StartByte'], index * 10_000);
        for (const [, info] of infosOf(section)) assert.equal(typeof info['Keywords'], 'string');
      });
      for (const key of INFO_KEYS) {
        const hit = sections.filter((section) => (section[key] as Json)['HitFlag'] !== 0).length;
        assert.equal((job[key] as Json)['Count'], hit);
      }
    }
  });

  it('document and html: PageCount counts the results; pages are numbered', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const doc = detail({ review: 'document', result: 'suspected', seed });
      const pages = (doc['PageSegment'] as Json)['Results'] as Json[];
      assert.equal(doc['PageCount'], pages.length);
      const numbers = pages.map((page) => (page['SheetNumber'] as number) || (page['PageNumber'] as number));
      assert.deepEqual(
        numbers,
        pages.map((_, index) => index + 1),
      );
      const html = detail({ review: 'html', result: 'violation', seed });
      const images = (html['ImageResults'] as Json)['Results'] as Json[];
      const texts = (html['TextResults'] as Json)['Results'] as Json[];
      assert.equal(html['PageCount'], images.length + texts.length);
    }
  });

  it('CallbackType 2 keeps only the non-compliant segments, and the job-level counts still count them all', () => {
    for (const review of REVIEW_KINDS.filter((kind) => REVIEWS[kind].callbackTypes))
      for (const result of REVIEW_RESULTS)
        for (let seed = 0; seed < SEEDS; seed++) {
          const all = detail({ review, result, seed, callbackType: 1 });
          const kept = detail({ review, result, seed, callbackType: 2 });
          const expected = segmentsOf(all).filter((segment) => verdictOf(segment) !== 0);
          assert.deepEqual(segmentsOf(kept), expected, `${review} ${result} seed ${seed}`);
          for (const count of ['SnapshotCount', 'PageCount', 'PornInfo', 'AdsInfo'])
            assert.deepEqual(kept[count], all[count], `${review} ${count}`);
        }
  });

  it('live: Type live_video, a stream Url, unix-millisecond times after the job began, Auditing while it runs', () => {
    for (const liveState of ['auditing', 'success'] as const)
      for (let seed = 0; seed < SEEDS; seed++) {
        const job = detail({ review: 'live', result: 'violation', seed, liveState });
        assert.equal(job['Type'], 'live_video');
        assert.equal(job['State'], liveState === 'auditing' ? 'Auditing' : 'Success');
        assert.match(job['Url'] as string, /^https:\/\/\d+\.[\w.-]+\/live\/\w+\.flv$/);
        assert.ok(!('Object' in job) && !('CosHeaders' in job));
        assert.equal(job['ForbidState'], 0);
        const created = Date.parse(job['CreationTime'] as string);
        for (const frame of job['Snapshot'] as Json[])
          assert.ok((frame['SnapshotTime'] as number) > created, 'unix ms, after CreationTime');
      }
  });

  it('Simple and Detail of one seed describe one job', () => {
    for (const review of REVIEW_KINDS.filter((kind) => REVIEWS[kind].versions.includes('simple')))
      for (const result of REVIEW_RESULTS)
        for (let seed = 0; seed < SEEDS; seed++) {
          const job = detail({ review, result, seed });
          const data = generateReview({ review, result, seed, callbackVersion: 'simple' }).document[
            'data'
          ] as Json;
          assert.equal(data['trace_id'], job['JobId']);
          assert.equal(data['result'], job['Result']);
          assert.equal(data['forbidden_status'], job['ForbidState']);
          assert.equal(data['event'], REVIEWS[review].eventName);
          for (const [key, info] of infosOf(job)) {
            const simple = data[key.replace('Info', '').toLowerCase().concat('_info')] as Json;
            assert.equal(simple['hit_flag'], info['HitFlag'], `${review} ${key}`);
            for (const field of ['Count', 'Score'] as const)
              if (field in info)
                assert.equal(simple[field.toLowerCase()], info[field], `${review} ${key}.${field}`);
          }
        }
  });

  it('CreationTime is CI’s +08:00 time, and the JobId a time-based id of that moment', () => {
    for (const review of REVIEW_KINDS) {
      const job = detail({ review, seed: 7 });
      assert.match(job['CreationTime'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      assert.match(job['JobId'] as string, /^(si|av|sa|st|sd|sh)[0-9a-f]{32}$/);
      assert.ok(Date.parse(job['CreationTime'] as string) < Date.parse('2025-06-30T12:00:00+08:00'));
    }
  });
});

describe('a result class a caller asks for', () => {
  it('is the one the body says, in both forms', () => {
    for (const review of REVIEW_KINDS)
      for (const result of REVIEW_RESULTS as readonly ReviewResult[]) {
        const job = detail({ review, result, seed: 1 });
        assert.equal(verdictOf(job), RESULT_CODE[result]);
      }
  });
});
