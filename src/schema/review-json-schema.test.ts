import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { UNSEEN_SEEDS } from '../../test/support/unseen-seeds.ts';
import { REVIEWS } from '../moderation/index.ts';
import {
  CALLBACK_TYPES,
  type CallbackVersion,
  type JsonObject,
  LIVE_STATES,
  REVIEW_RESULTS,
  type ReviewKind,
} from '../moderation/types.ts';
import { generateReview, type ReviewOptions } from '../payloads/generate-review.ts';
import { CONSOLE_TEST_KINDS } from '../payloads/review-rules.ts';
import { reviewForms } from './review-infer.ts';
import { reviewSchemaName } from './review-json-schema.ts';
import { allReviewSchemas, schemaForReview } from './schemas.ts';

const ajv = new Ajv2020({ strict: true, allErrors: false });
const validators = new Map(
  [...allReviewSchemas()].map(([name, schema]) => [name, ajv.compile(schema)] as const),
);
const validatorOf = (kind: string, form: CallbackVersion) =>
  validators.get(reviewSchemaName(kind, form)) as ValidateFunction;

function problems(validate: ValidateFunction, body: unknown): string {
  if (validate(body)) return '';
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

/** Every option set a kind's generator takes in one form: each result, CallbackType and live state. */
function variants(kind: ReviewKind, form: CallbackVersion): ReviewOptions[] {
  const types = REVIEWS[kind].callbackTypes ? CALLBACK_TYPES.map((callbackType) => ({ callbackType })) : [{}];
  const states = kind === 'live' ? LIVE_STATES.map((liveState) => ({ liveState })) : [{}];
  return REVIEW_RESULTS.flatMap((result) =>
    types.flatMap((type) =>
      states.map((state) => ({ review: kind, callbackVersion: form, result, ...type, ...state })),
    ),
  );
}

const body = (options: ReviewOptions, seed: number) =>
  structuredClone(generateReview({ ...options, seed }).document) as JsonObject & {
    JobsDetail: JsonObject;
    data: JsonObject;
  };

describe('JSON Schema per moderation kind and form', () => {
  it('has one schema per kind and form CI sends, named Review<Kind>.<form>, compiling in strict mode', () => {
    assert.deepEqual(
      [...allReviewSchemas().keys()],
      reviewForms().map(({ kind, form }) => reviewSchemaName(kind, form)),
    );
    assert.ok(validators.has('ReviewImage.simple') && validators.has('ReviewLive.detail'));
    assert.ok(!validators.has('ReviewDocument.simple'), 'documents have no Simple form');
    // The kind's default form when none is asked for.
    assert.deepEqual(schemaForReview('video'), allReviewSchemas().get('ReviewVideo.simple'));
    assert.deepEqual(schemaForReview('image'), allReviewSchemas().get('ReviewImage.detail'));
  });

  it('accepts every body the generators write: kind × form × result × CallbackType × live state × unseen seeds', () => {
    let validated = 0;
    const refused: string[] = [];
    for (const { kind, form } of reviewForms()) {
      const validate = validatorOf(kind, form);
      for (const options of variants(kind, form)) {
        for (const seed of UNSEEN_SEEDS) {
          const problem = problems(validate, generateReview({ ...options, seed }).document);
          if (problem) refused.push(`${JSON.stringify(options)} seed ${seed}: ${problem}`);
          validated++;
        }
      }
    }
    assert.deepEqual(refused.slice(0, 5), []);
    // 69 variants (docs/receivers.md states the count): 25 seeds each.
    assert.equal(validated, 69 * UNSEEN_SEEDS.length);
  });

  it("accepts the console's test request in the Simple form of each kind it is sent for, and only there", () => {
    for (const kind of CONSOLE_TEST_KINDS) {
      const test = generateReview({ review: kind, consoleTest: true }).document;
      assert.equal(problems(validatorOf(kind, 'simple'), test), '', kind);
      assert.equal(validatorOf(kind, 'detail')(test), false, `${kind} detail took the test request`);
      // Not a looser body either: the test request with its trace_id changed is neither it nor a job.
      const changed = structuredClone(test) as { data: JsonObject };
      changed.data['trace_id'] = 'test_trace_id_2';
      assert.equal(validatorOf(kind, 'simple')(changed), false, `${kind} took a changed test request`);
    }
  });

  it('refuses broken bodies: no job id, another event, a string where CI sends a number, an unknown field', () => {
    const refusedBy = (kind: ReviewKind, form: CallbackVersion, broken: unknown, what: string) =>
      assert.equal(validatorOf(kind, form)(broken), false, `${kind} ${form} accepted ${what}`);
    for (const { kind, form } of reviewForms()) {
      for (const options of variants(kind, form)) {
        for (const seed of UNSEEN_SEEDS.slice(0, 3)) {
          const detail = form === 'detail';
          const part = (b: ReturnType<typeof body>) => (detail ? b.JobsDetail : b.data);
          const idField = detail ? 'JobId' : 'trace_id';
          const verdict = detail
            ? 'Result' in body(options, seed).JobsDetail
              ? 'Result'
              : 'Suggestion'
            : 'result';

          const noId = body(options, seed);
          delete part(noId)[idField];
          refusedBy(kind, form, noId, `no ${idField}`);

          const otherId = body(options, seed);
          part(otherId)[idField] = `zz${'0'.repeat(32)}`;
          refusedBy(kind, form, otherId, `a ${idField} of no kind`);

          const otherEvent = body(options, seed);
          if (detail) otherEvent['EventName'] = 'ReviewPdf';
          else otherEvent.data['event'] = 'ReviewPdf';
          refusedBy(kind, form, otherEvent, 'an unknown event');

          const stringNumber = body(options, seed);
          part(stringNumber)[verdict] = String(part(stringNumber)[verdict]);
          refusedBy(kind, form, stringNumber, `${verdict} as a string`);

          const outOfRange = body(options, seed);
          part(outOfRange)[verdict] = 3;
          refusedBy(kind, form, outOfRange, `${verdict} 3`);

          const badTime = body(options, seed);
          if (detail) {
            badTime.JobsDetail['CreationTime'] = '2026-11-20 10:01:02';
            refusedBy(kind, form, badTime, 'a CreationTime of another format');
          }

          const extra = body(options, seed);
          part(extra)['Unexpected'] = 'x';
          refusedBy(kind, form, extra, 'an unknown field');
        }
      }
    }
  });

  it("refuses another kind's body: each schema takes its own kind's bodies only", () => {
    for (const { kind, form } of reviewForms()) {
      for (const other of reviewForms()) {
        if (other.kind === kind && other.form === form) continue;
        for (const options of variants(other.kind, other.form)) {
          const document = generateReview({ ...options, seed: UNSEEN_SEEDS[0] as number }).document;
          assert.equal(
            validatorOf(kind, form)(document),
            false,
            `${reviewSchemaName(kind, form)} accepted ${JSON.stringify(options)}`,
          );
        }
      }
    }
  });
});
