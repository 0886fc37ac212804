/**
 * @module schema/parse-review
 * The content-moderation half of `parseCallback` (./parse-callback.ts): a Simple body (`{code, message, data}`)
 * or a Detail one (`{EventName: Review…, JobsDetail}`) in; one object out, discriminated by `event` and `form`:
 * `{ event, form: 'detail', kind, job }`, `{ event, form: 'simple', data }`, or the console's test request
 * `{ event: 'ConsoleTest', form: 'simple', data }`. A moderation body is plain JSON already — numbers are
 * numbers, every list an array — so nothing is reshaped; the types come from the learnt shapes
 * (review-types.generated.ts). Only the Detail form tells a live stream from a video file (`Type: live_video`),
 * so `kind` is given for Detail only. The form the body is in must agree with `X-Ci-Content-Version` when the
 * caller passes that header. As for TaskFinish, the parser checks what makes the body a moderation callback
 * (event, job id, the verdict a number), not the whole body: the schemas are for that.
 */
import { InputError } from '../core/errors.ts';
import { REVIEWS } from '../moderation/index.ts';
import {
  CONTENT_VERSION,
  CONTENT_VERSION_HEADER,
  REVIEW_KINDS,
  type ReviewEventName,
  type ReviewKind,
} from '../moderation/types.ts';
import type { ReviewDetailJobs, ReviewKindEvents, ReviewSimpleData } from './review-types.generated.ts';

/** A Detail callback of one kind: checking `kind` (or `event`, but video and live share ReviewVideo) narrows `job`. */
export type ReviewDetailCallback = {
  [Kind in ReviewKind]: {
    event: ReviewKindEvents[Kind];
    form: 'detail';
    kind: Kind;
    job: ReviewDetailJobs[Kind];
  };
}[ReviewKind];

type SimpleKind = keyof ReviewSimpleData;
type SimpleEvent = ReviewKindEvents[SimpleKind];
/** The kinds called back with `event` (ReviewVideo: a video file or a live stream, which Simple does not tell apart). */
type KindsOf<Event> = {
  [Kind in SimpleKind]: ReviewKindEvents[Kind] extends Event ? Kind : never;
}[SimpleKind];

/** A Simple callback: checking `event` narrows `data`. */
export type ReviewSimpleCallback = {
  [Event in SimpleEvent]: { event: Event; form: 'simple'; data: ReviewSimpleData[KindsOf<Event>] };
}[SimpleEvent];

/** `data` of the console's test request: a fixed body (audio's has no `event`). */
export interface ReviewConsoleTestData {
  event?: ReviewEventName;
  forbidden_status: 0;
  porn_info: { hit_flag: 0; label: string; score?: number; count?: number };
  result: 0;
  trace_id: 'test_trace_id';
  url: string;
  cos_headers: Record<string, string>;
}

/** The request the console sends when a callback URL is saved: answer 200 and do nothing with it. */
export interface ReviewConsoleTest {
  event: 'ConsoleTest';
  form: 'simple';
  data: ReviewConsoleTestData;
}

export type ReviewCallback = ReviewDetailCallback | ReviewSimpleCallback | ReviewConsoleTest;

/** The moderation events, in the registry's order. */
export const REVIEW_EVENTS: readonly ReviewEventName[] = [
  ...new Set(REVIEW_KINDS.map((kind) => REVIEWS[kind].eventName)),
];
const SIMPLE_EVENTS: readonly ReviewEventName[] = [
  ...new Set(
    REVIEW_KINDS.filter((kind) => REVIEWS[kind].versions.includes('simple')).map(
      (kind) => REVIEWS[kind].eventName,
    ),
  ),
];
/** The console test's `trace_id` (src/moderation/data/console-tests.ts). */
const CONSOLE_TEST_TRACE_ID = 'test_trace_id';
const FORMS = Object.values(CONTENT_VERSION);

/** A JSON object as parsed. */
type JsonObject = Record<string, unknown>;

/** Whether a JSON document is a moderation body: a Review… EventName, or the Simple envelope without one. */
export function isReviewBody(document: JsonObject): boolean {
  const event = document['EventName'];
  if (event !== undefined) return typeof event === 'string' && event.startsWith('Review');
  return 'data' in document || 'code' in document;
}

/** @param contentVersion the request's X-Ci-Content-Version header, when the caller has it. */
export function parseReview(document: JsonObject, contentVersion: string | undefined): ReviewCallback {
  const form = document['EventName'] === undefined ? 'Simple' : 'Detail';
  if (contentVersion !== undefined) {
    const said = FORMS.find((name) => name.toLowerCase() === contentVersion.trim().toLowerCase());
    if (!said) {
      throw new InputError('contentVersion', `unknown ${CONTENT_VERSION_HEADER} '${contentVersion}'`, FORMS);
    }
    if (said !== form) {
      throw new InputError(
        'contentVersion',
        `${CONTENT_VERSION_HEADER} says ${said}, but the body is the ${form} form (${form === 'Simple' ? '{code, message, data}' : '{EventName, JobsDetail}'})`,
      );
    }
  }
  return form === 'Detail' ? detail(document) : simple(document);
}

function detail(document: JsonObject): ReviewDetailCallback {
  const event = document['EventName'] as string;
  const kinds = REVIEW_KINDS.filter((kind) => REVIEWS[kind].eventName === event);
  if (kinds.length === 0) {
    throw notAReview('EventName', `EventName '${event}' is not a moderation event`, REVIEW_EVENTS);
  }
  const job = document['JobsDetail'];
  if (!isObject(job)) {
    throw notAReview(
      'JobsDetail',
      'JobsDetail is missing or not an object (a moderation callback carries one job)',
    );
  }
  requireString(job, 'JobsDetail', 'JobId');
  requireNumber(job, 'JobsDetail', 'Suggestion' in job ? 'Suggestion' : 'Result');
  // ReviewVideo is a video file or a live stream; Detail names a live one by its Type.
  const kind = kinds.length === 1 ? kinds[0] : job['Type'] === 'live_video' ? 'live' : 'video';
  return { event, form: 'detail', kind, job } as unknown as ReviewDetailCallback;
}

function simple(document: JsonObject): ReviewSimpleCallback | ReviewConsoleTest {
  if (typeof document['code'] !== 'number') {
    throw notAReview(
      'code',
      `code is ${shown(document['code'])}: a Simple moderation body has a number code`,
    );
  }
  const data = document['data'];
  if (!isObject(data)) throw notAReview('data', 'data is missing or not an object');
  requireString(data, 'data', 'trace_id');
  requireNumber(data, 'data', 'result');
  if (data['trace_id'] === CONSOLE_TEST_TRACE_ID)
    return { event: 'ConsoleTest', form: 'simple', data } as unknown as ReviewConsoleTest;
  const event = data['event'];
  if (typeof event !== 'string' || !SIMPLE_EVENTS.includes(event as ReviewEventName)) {
    throw notAReview(
      'data.event',
      event === undefined
        ? 'data.event is missing'
        : `data.event ${shown(event)} is not a moderation event with a Simple form`,
      SIMPLE_EVENTS,
    );
  }
  return { event, form: 'simple', data } as unknown as ReviewSimpleCallback;
}

function requireString(object: JsonObject, path: string, name: string): void {
  if (typeof object[name] !== 'string')
    throw notAReview(`${path}.${name}`, `${path}.${name} is ${shown(object[name])}: CI sends a string`);
}

function requireNumber(object: JsonObject, path: string, name: string): void {
  if (typeof object[name] !== 'number')
    throw notAReview(
      `${path}.${name}`,
      `${path}.${name} is ${shown(object[name])}: CI sends a number (0, 1 or 2)`,
    );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'string' ? `the string '${value}'` : JSON.stringify(value);
}

function notAReview(element: string, problem: string, accepted?: readonly string[]): InputError {
  return new InputError(
    ['body', ...element.split('.')],
    `not a CI moderation callback: ${problem}`,
    accepted,
  );
}
