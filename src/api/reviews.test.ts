import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testApp } from '../../test/support/app.ts';
import { REVIEW_KINDS } from '../moderation/types.ts';
import { generateReview } from '../payloads/generate-review.ts';

describe('GET /reviews', () => {
  const { app, close } = testApp();
  after(close);

  it('lists every moderation kind with its forms and options', async () => {
    const response = await app.request('/reviews');
    assert.equal(response.status, 200);
    const { reviews } = (await response.json()) as {
      reviews: { review: string; callbackVersions: string[] }[];
    };
    assert.deepEqual(
      reviews.map((r) => r.review),
      [...REVIEW_KINDS],
    );
    assert.deepEqual(reviews.find((r) => r.review === 'html')?.callbackVersions, ['detail']);
  });

  it("previews the library's body as JSON, with X-Ci-Content-Version and the seed", async () => {
    for (const review of REVIEW_KINDS) {
      const response = await app.request(`/reviews/${review}/payload?seed=9&result=suspected`);
      assert.equal(response.status, 200);
      const expected = generateReview({ review, seed: 9, result: 'suspected' });
      assert.equal(await response.text(), expected.body);
      assert.equal(response.headers.get('Content-Type'), 'application/json');
      assert.equal(response.headers.get('X-Ci-Content-Version'), expected.headers['X-Ci-Content-Version']);
      assert.equal(response.headers.get('X-CI-Callback-Seed'), '9');
    }
  });

  it('answers 404 for a kind it does not know, listing those it does', async () => {
    const response = await app.request('/reviews/Video/payload');
    assert.equal(response.status, 404);
    const problem = (await response.json()) as { detail: string };
    assert.match(
      problem.detail,
      /unknown review 'Video'; accepted: image, video, audio, text, document, html, live/,
    );
  });
});
