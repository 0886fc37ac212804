import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { REVIEWS } from '../moderation/index.ts';
import { CALLBACK_TYPES, LIVE_STATES, REVIEW_RESULTS, type ReviewKind } from '../moderation/types.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview, type ReviewOptions } from '../payloads/generate-review.ts';
import { CONSOLE_TEST_KINDS } from '../payloads/review-rules.ts';
import { type CiCallback, parseCallback } from './parse-callback.ts';
import { reviewForms } from './review-infer.ts';

const SEEDS = [11, 12, 13, 14, 15];

/** Every option set of a kind in one form. */
function variants(kind: ReviewKind, form: 'simple' | 'detail'): ReviewOptions[] {
  const types = REVIEWS[kind].callbackTypes ? CALLBACK_TYPES : [undefined];
  const states = kind === 'live' ? LIVE_STATES : [undefined];
  return REVIEW_RESULTS.flatMap((result) =>
    types.flatMap((callbackType) =>
      states.map((liveState) => ({
        review: kind,
        callbackVersion: form,
        result,
        ...(callbackType === undefined ? {} : { callbackType }),
        ...(liveState === undefined ? {} : { liveState }),
      })),
    ),
  );
}

/** A generated body as a receiver gets it, parsed with its Content-Type and X-Ci-Content-Version. */
function received(options: ReviewOptions): { parsed: CiCallback; document: Record<string, unknown> } {
  const review = generateReview(options);
  return {
    parsed: parseCallback(review.body, {
      contentType: review.contentType,
      contentVersion: review.headers['X-Ci-Content-Version'],
    }),
    document: review.document,
  };
}

function refuses(body: unknown, field: string, message: RegExp, contentVersion?: string): void {
  assert.throws(
    () =>
      parseCallback(JSON.stringify(body), {
        contentType: 'application/json',
        ...(contentVersion === undefined ? {} : { contentVersion }),
      }),
    (error: unknown) => {
      assert.ok(error instanceof InputError, String(error));
      assert.equal(error.field, field);
      assert.match(error.message, message);
      return true;
    },
  );
}

const imageDetail = () => structuredClone(generateReview({ review: 'image', seed: 1 }).document);
const textSimple = () =>
  structuredClone(generateReview({ review: 'text', callbackVersion: 'simple', seed: 1 }).document);

describe('parseCallback of content-moderation callbacks', () => {
  it('gives { event, form, kind, job } for Detail and { event, form, data } for Simple, every kind, variant and seed', () => {
    let parsedCount = 0;
    for (const { kind, form } of reviewForms()) {
      for (const options of variants(kind, form)) {
        for (const seed of SEEDS) {
          const { parsed, document } = received({ ...options, seed });
          const where = `${kind} ${form} ${JSON.stringify(options)} seed ${seed}`;
          assert.equal(parsed.event, REVIEWS[kind].eventName, where);
          if (form === 'detail') {
            assert.ok('form' in parsed && parsed.form === 'detail', where);
            assert.equal(parsed.kind, kind, where);
            assert.deepEqual(parsed.job, document['JobsDetail'], where);
          } else {
            assert.ok(parsed.form === 'simple' && !('kind' in parsed), where);
            assert.deepEqual(parsed.data, document['data'], where);
          }
          parsedCount++;
        }
      }
    }
    assert.equal(parsedCount, 69 * SEEDS.length);
  });

  it('narrows by kind and event: the job and data types are the learnt ones', () => {
    const detail = received({
      review: 'live',
      callbackVersion: 'detail',
      result: 'violation',
      seed: 3,
    }).parsed;
    if (detail.event !== 'ReviewVideo' || detail.form !== 'detail' || detail.kind !== 'live')
      throw new Error(`not a live Detail: ${detail.event}`);
    // detail.job is ReviewLiveDetailJob: Snapshot is an array whose Result is 0 | 1 | 2.
    const snapshotResults: (0 | 1 | 2)[] = detail.job.Snapshot.map((snapshot) => snapshot.Result);
    assert.ok(snapshotResults.includes(1));
    assert.equal(detail.job.Type, 'live_video');

    const simple = received({
      review: 'audio',
      callbackVersion: 'simple',
      result: 'suspected',
      seed: 3,
    }).parsed;
    if (simple.event !== 'ReviewAudio' || simple.form !== 'simple') throw new Error('not a Simple audio');
    const score: number = simple.data.porn_info.score + simple.data.ads_info.score;
    assert.ok(score > 60);
    assert.equal(simple.data.result, 2);
  });

  it("recognises the console's test request, for every kind the console sends it for", () => {
    for (const kind of CONSOLE_TEST_KINDS) {
      const test = generateReview({ review: kind, consoleTest: true });
      const parsed = parseCallback(test.body, { contentVersion: 'Simple' });
      assert.equal(parsed.event, 'ConsoleTest', kind);
      if (parsed.event === 'ConsoleTest') assert.equal(parsed.data.trace_id, 'test_trace_id');
    }
  });

  it('refuses a body whose form X-Ci-Content-Version contradicts, or an unknown header value, naming the header', () => {
    refuses(
      imageDetail(),
      'contentVersion',
      /X-Ci-Content-Version says Simple, but the body is the Detail form/,
      'Simple',
    );
    refuses(textSimple(), 'contentVersion', /says Detail, but the body is the Simple form/, 'detail');
    refuses(
      textSimple(),
      'contentVersion',
      /unknown X-Ci-Content-Version 'Full'; accepted: Simple, Detail/,
      'Full',
    );
    const taskFinish = JSON.parse(generate({ tag: 'SmartCover', format: 'json', seed: 1 }).body);
    refuses(taskFinish, 'contentVersion', /comes only with content-moderation callbacks/, 'Detail');
  });

  it('refuses a body that is no moderation callback, naming the element', () => {
    refuses(
      { ...imageDetail(), EventName: 'ReviewPdf' },
      'body.EventName',
      /EventName 'ReviewPdf' is not a moderation event; accepted: ReviewImage, ReviewVideo, ReviewAudio, ReviewText, ReviewDocument, ReviewHtml/,
    );
    const noJobId = imageDetail() as { JobsDetail: Record<string, unknown> };
    delete noJobId.JobsDetail['JobId'];
    refuses(noJobId, 'body.JobsDetail.JobId', /JobsDetail.JobId is missing: CI sends a string/);
    const stringResult = imageDetail() as { JobsDetail: Record<string, unknown> };
    stringResult.JobsDetail['Result'] = '1';
    refuses(stringResult, 'body.JobsDetail.Result', /JobsDetail.Result is the string '1': CI sends a number/);
    const document = structuredClone(generateReview({ review: 'document', seed: 1 }).document) as {
      JobsDetail: Record<string, unknown>;
    };
    document.JobsDetail['Suggestion'] = 'block';
    refuses(document, 'body.JobsDetail.Suggestion', /Suggestion is the string 'block'/);
    refuses(
      { ...imageDetail(), JobsDetail: [] },
      'body.JobsDetail',
      /JobsDetail is missing or not an object/,
    );

    const otherEvent = textSimple() as { data: Record<string, unknown> };
    otherEvent.data['event'] = 'ReviewDocument';
    refuses(
      otherEvent,
      'body.data.event',
      /data.event the string 'ReviewDocument' is not a moderation event with a Simple form; accepted: ReviewImage, ReviewVideo, ReviewAudio, ReviewText$/,
    );
    refuses({ ...textSimple(), code: '0' }, 'body.code', /a Simple moderation body has a number code/);
    refuses({ code: 0, message: 'success' }, 'body.data', /data is missing or not an object/);
    const noTrace = textSimple() as { data: Record<string, unknown> };
    delete noTrace.data['trace_id'];
    refuses(noTrace, 'body.data.trace_id', /data.trace_id is missing/);
  });

  it('still refuses an unknown EventName listing every event, moderation ones included', () => {
    refuses(
      { EventName: 'TaskStart' },
      'body.EventName',
      /EventName 'TaskStart' is not a CI callback event; accepted: TaskFinish, WorkflowFinish, ReviewImage, ReviewVideo/,
    );
  });
});
