/**
 * `POST /emit` with `review`: moderation callbacks sent to a real local receiver, recorded in the delivery log
 * with their X-Ci-Content-Version header, replayed the same, and every field checked before anything is sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp } from '../../test/support/app.ts';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { generateReview } from '../payloads/generate-review.ts';

describe('POST /emit with review', () => {
  const { app, close } = testApp();
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await close();
    await receiver.close();
  });

  const post = (path: string, body?: Record<string, unknown>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('sends count callbacks of the kind, form and result, seeds S, S+1, with the form in X-Ci-Content-Version', async () => {
    const before = receiver.received.length;
    const response = await post('/emit', {
      target: receiver.url,
      review: 'video',
      callbackVersion: 'detail',
      result: 'violation',
      callbackType: 2,
      count: 2,
      seed: 40,
      headers: { 'X-Token': 's3', 'x-ci-content-version': 'Simple' },
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as {
      delivered: number;
      deliveries: { id: number; tag: string; state: string }[];
    };
    assert.equal(answer.delivered, 2);
    assert.deepEqual(
      answer.deliveries.map((d) => [d.tag, d.state]),
      [
        ['review:video', 'violation'],
        ['review:video', 'violation'],
      ],
    );
    const got = receiver.received.slice(before);
    for (const [index, request] of got.entries()) {
      const expected = generateReview({
        review: 'video',
        callbackVersion: 'detail',
        result: 'violation',
        callbackType: 2,
        seed: 40 + index,
      });
      assert.equal(request.body, expected.body);
      assert.equal(request.headers['content-type'], 'application/json');
      // the header names the body's form, whatever the caller's headers said
      assert.equal(request.headers['x-ci-content-version'], 'Detail');
      assert.equal(request.headers['x-token'], 's3');
    }
  });

  it('is logged and replayed with the same body and header', async () => {
    const response = await post('/emit', { target: receiver.url, review: 'audio', seed: 7 });
    const { deliveries } = (await response.json()) as { deliveries: { id: number }[] };
    const id = deliveries[0]?.id as number;
    const before = receiver.received.length;
    assert.equal((await post(`/deliveries/${id}/replay`)).status, 201);
    const [replayed] = await receiver.waitFor(before + 1).then((all) => all.slice(before));
    assert.equal(replayed?.body, generateReview({ review: 'audio', seed: 7 }).body);
    assert.equal(replayed?.headers['x-ci-content-version'], 'Simple');
  });

  it("sends the console's test request", async () => {
    const before = receiver.received.length;
    assert.equal(
      (await post('/emit', { target: receiver.url, review: 'image', consoleTest: true })).status,
      200,
    );
    const [request] = receiver.received.slice(before);
    assert.match(request?.body ?? '', /Test request when setting callback url/);
    assert.equal(request?.headers['x-ci-content-version'], 'Simple');
  });

  const refusals: [Record<string, unknown>, string, RegExp][] = [
    [{ review: 'video', tag: 'SmartCover' }, 'tag', /does not apply to moderation callbacks/],
    [{ review: 'video', overrides: ['a=b'] }, 'overrides', /does not apply to moderation callbacks/],
    [{ review: 'video', format: 'xml' }, 'format', /JSON only.*accepted: json/],
    [
      { review: 'document', callbackVersion: 'simple' },
      'callbackVersion',
      /document callbacks have no simple form/,
    ],
    [{ review: 'text', callbackType: 2 }, 'callbackType', /applies only to video, audio, document, live/],
    [{ review: 'pdf' }, 'review', /unknown review 'pdf'; accepted: image, video/],
    [{ tag: 'SmartCover', result: 'violation' }, 'result', /is for moderation callbacks: give review too/],
  ];
  for (const [fields, field, words] of refusals) {
    it(`refuses ${JSON.stringify(fields)} naming ${field}, sending nothing`, async () => {
      const before = receiver.received.length;
      const response = await post('/emit', { target: receiver.url, ...fields });
      assert.equal(response.status, 400);
      const problem = (await response.json()) as { detail: string; fields: string[] };
      assert.ok(problem.fields.includes(field), JSON.stringify(problem));
      assert.match(problem.detail, words);
      assert.equal(receiver.received.length, before);
    });
  }
});

describe('POST /schedules with review', () => {
  const { app, close } = testApp();
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => {
    await close();
    await receiver.close();
  });

  const post = (body: Record<string, unknown>) =>
    app.request('/schedules', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('sends moderation callbacks of the kind and form, the result drawn from results', async () => {
    const created = await post({
      target: receiver.url,
      every: '50ms',
      limit: 3,
      review: 'document',
      results: ['violation', 'suspected'],
    });
    assert.equal(created.status, 201, await created.clone().text());
    const schedule = (await created.json()) as { review: { review: string; results: string[] } };
    assert.deepEqual(schedule.review, { review: 'document', results: ['violation', 'suspected'] });
    const got = await receiver.waitFor(3, 10_000);
    for (const request of got) {
      assert.equal(request.headers['x-ci-content-version'], 'Detail');
      const job = (JSON.parse(request.body) as { EventName: string; JobsDetail: { Suggestion: number } })
        .JobsDetail;
      assert.ok([1, 2].includes(job.Suggestion), 'a result from results');
    }
  });

  it('refuses a schedule whose moderation options do not fit, and TaskFinish axes beside review', async () => {
    const bad = [
      [{ review: 'html', callbackVersion: 'simple' }, 'callbackVersion'],
      [{ review: 'video', formats: ['xml'] }, 'formats'],
      [{ review: 'video', result: 'normal', results: ['normal'] }, 'results'],
      [{ results: ['normal'], tags: ['SmartCover'] }, 'results'],
    ] as const;
    for (const [fields, field] of bad) {
      const response = await post({ target: receiver.url, every: '1h', ...fields });
      assert.equal(response.status, 400, JSON.stringify(fields));
      assert.ok(
        ((await response.json()) as { fields: string[] }).fields.includes(field),
        JSON.stringify(fields),
      );
    }
  });
});
