import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { REVIEWS } from '../moderation/index.ts';
import { REVIEW_KINDS } from '../moderation/types.ts';
import { generateReview, type ReviewOptions } from './generate-review.ts';

const refused = (options: unknown, field: string, words: RegExp) =>
  assert.throws(
    () => generateReview(options as ReviewOptions),
    (error: unknown) => error instanceof InputError && error.field === field && words.test(error.message),
  );

describe('generateReview', () => {
  it('gives the same bytes for the same seed, and another job for another seed', () => {
    for (const review of REVIEW_KINDS) {
      const one = generateReview({ review, result: 'violation', seed: 42 });
      assert.equal(generateReview({ review, result: 'violation', seed: 42 }).body, one.body);
      assert.notEqual(generateReview({ review, result: 'violation', seed: 43 }).body, one.body);
      assert.equal(one.seed, 42);
    }
  });

  it('reports the seed it drew when none was given, and that seed reproduces the body', () => {
    const drawn = generateReview({ review: 'audio' });
    assert.equal(generateReview({ review: 'audio', seed: drawn.seed }).body, drawn.body);
  });

  it("sends CI's default form per kind, JSON, with X-Ci-Content-Version naming it", () => {
    const defaults = Object.fromEntries(
      REVIEW_KINDS.map((review) => [
        review,
        generateReview({ review, seed: 1 }).headers['X-Ci-Content-Version'],
      ]),
    );
    assert.deepEqual(defaults, {
      image: 'Detail',
      video: 'Simple',
      audio: 'Simple',
      text: 'Simple',
      document: 'Detail',
      html: 'Detail',
      live: 'Simple',
    });
    for (const review of REVIEW_KINDS)
      for (const callbackVersion of REVIEWS[review].versions) {
        const { body, contentType, headers, document } = generateReview({ review, callbackVersion, seed: 3 });
        assert.equal(contentType, 'application/json');
        assert.deepEqual(JSON.parse(body), document);
        assert.equal(headers['X-Ci-Content-Version'], callbackVersion === 'simple' ? 'Simple' : 'Detail');
        assert.ok(callbackVersion === 'simple' ? 'data' in document : 'JobsDetail' in document);
      }
  });

  it('writes numbers as JSON numbers', () => {
    const { body } = generateReview({
      review: 'video',
      callbackVersion: 'detail',
      result: 'violation',
      seed: 5,
    });
    assert.match(body, /"Result": 1,/);
    assert.match(body, /"SnapshotCount": \d+,/);
  });

  it('compact is one line; the same document', () => {
    const pretty = generateReview({ review: 'text', seed: 9 });
    const compact = generateReview({ review: 'text', seed: 9, compact: true });
    assert.ok(!compact.body.includes('\n'));
    assert.deepEqual(JSON.parse(compact.body), JSON.parse(pretty.body));
  });

  it("gives the console's test request as published: Simple, fixed, whatever the seed", () => {
    const test = generateReview({ review: 'image', consoleTest: true, seed: 1 });
    assert.equal(test.headers['X-Ci-Content-Version'], 'Simple');
    assert.equal(test.document['message'], 'Test request when setting callback url');
    assert.equal((test.document['data'] as Record<string, unknown>)['trace_id'], 'test_trace_id');
    assert.equal(generateReview({ review: 'image', consoleTest: true, seed: 2 }).body, test.body);
    assert.equal(
      (generateReview({ review: 'audio', consoleTest: true }).document['data'] as Record<string, unknown>)[
        'url'
      ],
      'test_audio',
    );
  });

  it('refuses what it does not accept, saying what is', () => {
    refused(undefined, 'options', /expected an object/);
    refused({}, 'review', /review is required.*image, video, audio, text, document, html, live/);
    refused({ review: 'pdf' }, 'review', /unknown review 'pdf'; accepted: image, video/);
    refused({ review: 'video', callbackVersion: 'full' }, 'callbackVersion', /accepted: simple, detail/);
    refused(
      { review: 'document', callbackVersion: 'simple' },
      'callbackVersion',
      /document callbacks have no simple form.*accepted: detail/,
    );
    refused({ review: 'video', result: 'bad' }, 'result', /accepted: normal, violation, suspected/);
    refused({ review: 'video', callbackType: 3 }, 'callbackType', /accepted: 1 .*2 /);
    refused(
      { review: 'text', callbackType: 2 },
      'callbackType',
      /applies only to video, audio, document, live callbacks, not text/,
    );
    refused({ review: 'video', liveState: 'auditing' }, 'liveState', /only to live/);
    refused({ review: 'live', liveState: 'running' }, 'liveState', /accepted: auditing, success/);
    refused(
      { review: 'html', consoleTest: true },
      'consoleTest',
      /no test request for html.*image, video, audio, text, live/,
    );
    refused({ review: 'image', consoleTest: true, callbackVersion: 'detail' }, 'consoleTest', /Simple body/);
    refused({ review: 'image', seed: -1 }, 'seed', /whole number from 0/);
    refused({ review: 'image', compact: 'yes' }, 'compact', /expected true or false/);
  });
});

describe('the moderation registry', () => {
  it('has its own file for every kind', () => {
    const files = readdirSync(new URL('../moderation/', import.meta.url))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => name.replace(/\.ts$/, ''));
    assert.deepEqual(
      REVIEW_KINDS.filter((kind) => !files.includes(kind)),
      [],
      'a kind without its file',
    );
    for (const kind of REVIEW_KINDS) assert.equal(REVIEWS[kind].kind, kind);
  });
});
