/**
 * Generated moderation bodies against CI's published samples (testdata/reference/), element for element: every
 * key path of a sample exists in the bodies generated for that kind and form with the same JSON type, and every
 * path generated exists in the sample, but for the parts listed below with the reason the sample lacks them.
 * A sample is CI's "full nodes" block, every element the form can carry, so it is compared with the union of
 * the paths of bodies over results and seeds (a frame that hit carries OcrResults; one that did not, none).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generateReview } from '../payloads/generate-review.ts';
import { CALLBACK_TYPES, type CallbackVersion, REVIEW_RESULTS, type ReviewKind } from './types.ts';

const REFERENCE = new URL('./testdata/reference/', import.meta.url);

/** Objects whose keys are data (a header map), compared as objects only. */
const MAPS = new Set(['CosHeaders', 'cos_headers']);

type JsonType = 'string' | 'number' | 'object' | 'array' | 'boolean' | 'null';
const typeOf = (value: unknown): JsonType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);

/** Every key path of a JSON value with its type; array elements as `name[]`. */
function keyPaths(value: unknown, path = '', into = new Map<string, JsonType>()): Map<string, JsonType> {
  if (path !== '') into.set(path, typeOf(value));
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${path}[]`, into);
  else if (typeof value === 'object' && value !== null && !MAPS.has(path.split('.').at(-1) ?? '')) {
    for (const [key, child] of Object.entries(value))
      keyPaths(child, path === '' ? key : `${path}.${key}`, into);
  }
  return into;
}

/** Paths the generator adds to a sample, by kind and form, each with why (a prefix covers what is under it). */
const ADDED: Record<string, Record<string, string>> = {
  'image-simple': {
    'data.ads_info': 'the field table lists ads_info beside porn_info; the block shows one scene',
  },
  'video-simple': { 'data.ads_info': 'the field table lists ads_info beside porn_info' },
  'live-simple': { 'data.ads_info': 'the field table lists ads_info beside porn_info' },
  'audio-simple': {
    'data.ads_info': 'the field table lists ads_info beside porn_info',
    'data.event': 'the field table marks event required; this block alone lacks it',
  },
  'text-simple': {
    'data.ads_info': 'text reports porn, ads, illegal and abuse (field table)',
    'data.illegal_info': 'text reports porn, ads, illegal and abuse (field table)',
    'data.abuse_info': 'text reports porn, ads, illegal and abuse (field table)',
  },
  'live-detail': {
    'JobsDetail.Url': 'a live job is submitted by stream URL (the live example uses Url)',
    'JobsDetail.Type': 'Type live_video tells live from video (live field table)',
  },
  'document-detail': {
    'JobsDetail.PageSegment.Results[].AdsInfo.OcrResults':
      'OcrResults sit in the Info of whichever scene the text hit',
  },
  'html-detail': {
    'JobsDetail.ImageResults.Results[].AdsInfo.OcrResults':
      'OcrResults sit in the Info of whichever scene the text hit',
  },
};

/** Paths of a sample the generator leaves out, with why. */
const LEFT_OUT: Record<string, Record<string, string>> = {
  'live-simple': { 'data.cos_headers': 'a stream has no upload headers (the block is a copy of video’s)' },
  'live-detail': {
    'JobsDetail.Object': 'a stream has no object key (the block is a copy of video’s)',
    'JobsDetail.CosHeaders': 'a stream has no upload headers (the block is a copy of video’s)',
  },
  'html-detail': { 'JobsDetail.CosHeaders': 'a web page is no COS object: it has no upload headers' },
};

const covered = (path: string, prefixes: Record<string, string> | undefined) =>
  Object.keys(prefixes ?? {}).some(
    (prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`),
  );

function generatedPaths(review: ReviewKind, callbackVersion: CallbackVersion): Map<string, Set<JsonType>> {
  const union = new Map<string, Set<JsonType>>();
  for (const result of REVIEW_RESULTS)
    for (const callbackType of CALLBACK_TYPES)
      for (let seed = 0; seed < 8; seed++) {
        if (callbackType === 2 && !['video', 'live', 'audio', 'document'].includes(review)) continue;
        const { document } = generateReview({
          review,
          callbackVersion,
          result,
          seed,
          ...(callbackType === 2 ? { callbackType } : {}),
        });
        for (const [path, type] of keyPaths(document)) {
          const types = union.get(path) ?? new Set();
          types.add(type);
          union.set(path, types);
        }
      }
  return union;
}

const samples = readdirSync(REFERENCE).filter((name) => name.endsWith('.json'));

describe('moderation bodies against the published samples', () => {
  it('has a sample of every kind and form the generator knows (and reads them)', () => {
    assert.equal(samples.length, 12);
  });

  for (const name of samples) {
    const [review, callbackVersion] = name.replace(/-\d+\.json$/, '').split('-') as [
      ReviewKind,
      CallbackVersion,
    ];
    const key = `${review}-${callbackVersion}`;
    const sample = keyPaths(JSON.parse(readFileSync(new URL(name, REFERENCE), 'utf8')));
    const generated = generatedPaths(review, callbackVersion);

    it(`${key}: every path of ${name} is generated, with the same JSON type`, () => {
      const missing = [...sample]
        .filter(([path]) => !covered(path, LEFT_OUT[key]))
        .filter(([path, type]) => !generated.get(path)?.has(type))
        .map(
          ([path, type]) =>
            `${path}: ${type} (generated: ${[...(generated.get(path) ?? [])].join('|') || 'none'})`,
        );
      assert.deepEqual(missing, []);
    });

    it(`${key}: every generated path is in ${name} or added for a stated reason, with one JSON type`, () => {
      const extra = [...generated]
        .filter(([path]) => !covered(path, ADDED[key]))
        .filter(
          ([path, types]) =>
            types.size !== 1 || !sample.has(path) || !types.has(sample.get(path) as JsonType),
        )
        .map(([path, types]) => `${path}: ${[...types].join('|')}`);
      assert.deepEqual(extra, []);
    });

    it(`${key}: each stated difference is one (added paths are generated and not in the sample; left-out ones the reverse)`, () => {
      const stale = [
        ...Object.keys(ADDED[key] ?? {}).filter((path) => !generated.has(path) || sample.has(path)),
        ...Object.keys(LEFT_OUT[key] ?? {}).filter((path) => !sample.has(path) || generated.has(path)),
      ];
      assert.deepEqual(stale, []);
    });
  }
});
