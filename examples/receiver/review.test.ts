/** The reference receiver's moderation side: the form by the header, 200, the console test, the verdict. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateReview, type ReviewOptions } from '../../src/payloads/generate-review.ts';
import { createReceiver } from './app.ts';
import type { ReviewSummary } from './review.ts';

function receiverSeeing() {
  const seen: ReviewSummary[] = [];
  const app = createReceiver({ onReview: (review) => void seen.push(review) });
  const post = (body: string, headers: Record<string, string>) =>
    app.request('/callback', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  const postReview = (options: ReviewOptions) => {
    const { body, headers } = generateReview(options);
    return post(body, headers);
  };
  return { seen, post, postReview };
}

describe('the reference receiver and moderation callbacks', () => {
  it('answers 200 to each form, told by X-Ci-Content-Version, and reports the verdict', async () => {
    const { seen, postReview } = receiverSeeing();
    assert.equal(
      (await postReview({ review: 'video', callbackVersion: 'simple', result: 'violation', seed: 1 })).status,
      200,
    );
    assert.equal(
      (await postReview({ review: 'live', callbackVersion: 'detail', result: 'suspected', seed: 1 })).status,
      200,
    );
    assert.equal((await postReview({ review: 'document', result: 'violation', seed: 1 })).status, 200);
    assert.deepEqual(
      seen.map(({ form, event, result, live }) => ({ form, event, result, live })),
      [
        { form: 'Simple', event: 'ReviewVideo', result: 1, live: false },
        { form: 'Detail', event: 'ReviewVideo', result: 2, live: true },
        // a document's verdict is its Suggestion
        { form: 'Detail', event: 'ReviewDocument', result: 1, live: false },
      ],
    );
  });

  it('acknowledges the console test request with 200 and passes nothing on', async () => {
    const { seen, postReview } = receiverSeeing();
    assert.equal((await postReview({ review: 'audio', consoleTest: true })).status, 200);
    assert.deepEqual(seen, []);
  });

  it('reads a Review… body that comes without the header as Detail (documents and web pages may)', async () => {
    const { seen, post } = receiverSeeing();
    const { body } = generateReview({ review: 'html', result: 'suspected', seed: 2 });
    assert.equal((await post(body, {})).status, 200);
    assert.equal(seen[0]?.event, 'ReviewHtml');
    assert.equal(seen[0]?.result, 2);
  });

  it('answers 400 naming the problem to an unknown form or a body of the other form', async () => {
    const { seen, post } = receiverSeeing();
    const simple = generateReview({ review: 'text', callbackVersion: 'simple', seed: 1 }).body;
    const unknown = await post(simple, { 'X-Ci-Content-Version': 'Full' });
    assert.equal(unknown.status, 400);
    assert.match(
      ((await unknown.json()) as { detail: string }).detail,
      /'Full' is neither Simple nor Detail/,
    );
    const mismatched = await post(simple, { 'X-Ci-Content-Version': 'Detail' });
    assert.equal(mismatched.status, 400);
    assert.match(((await mismatched.json()) as { detail: string }).detail, /EventName starting with Review/);
    assert.deepEqual(seen, []);
  });
});
