import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { contentVersionHeaders, contentVersionOf } from './body-form.ts';
import { REVIEWS } from './index.ts';
import { REVIEW_KINDS } from './types.ts';

describe('the form of a moderation body, from the body alone', () => {
  it('names the form of every kind and form as generateReview heads it, the console test included', () => {
    for (const review of REVIEW_KINDS) {
      for (const callbackVersion of REVIEWS[review].versions) {
        const { body, headers } = generateReview({ review, callbackVersion, result: 'violation', seed: 4 });
        assert.deepEqual(contentVersionHeaders(body), headers, `${review} ${callbackVersion}`);
      }
    }
    assert.equal(contentVersionOf(generateReview({ review: 'audio', consoleTest: true }).body), 'Simple');
  });

  it('names none for TaskFinish, XML, broken JSON or a JSON array', () => {
    assert.equal(contentVersionOf(generate({ tag: 'Transcode', format: 'json', seed: 1 }).body), undefined);
    assert.equal(contentVersionOf(generate({ tag: 'Transcode', format: 'xml', seed: 1 }).body), undefined);
    assert.equal(contentVersionOf('{"code": 0, "data": '), undefined);
    assert.equal(contentVersionOf('[{"EventName": "ReviewText"}]'), undefined);
    assert.deepEqual(contentVersionHeaders('{}'), {});
  });
});
