/**
 * Parsing a Tencent CI content-moderation callback (ReviewImage … ReviewHtml) the way a receiver must: the code
 * to copy into your service. Like callback.ts it depends on nothing in this project.
 *
 * What a robust receiver handles:
 * - the form is named by the header `X-Ci-Content-Version`: `Simple` (`{code, message, data}`, snake_case) or
 *   `Detail` (`{EventName, JobsDetail}`, PascalCase) — read it before parsing;
 * - document and web-page callbacks are Detail only, and CI's pages never say they carry the header: a JSON body
 *   whose EventName starts with `Review` and that comes without it is read as Detail (`looksLikeReview`);
 * - numbers are JSON numbers (`result`, `Score`, …), unlike TaskFinish JSON;
 * - the verdict is `result` (Simple) or `Result` (Detail), but `Suggestion` for documents and web pages;
 * - a live stream is `ReviewVideo` too, told apart only by Detail's `"Type": "live_video"`;
 * - the console's test request (`trace_id` `test_trace_id`) must be answered 200 and otherwise ignored.
 * CI only takes a callback URL that answers 200, so answer exactly 200 (not 204).
 */

export const CONTENT_VERSION_HEADER = 'X-Ci-Content-Version';
export const REVIEW_FORMS = ['Simple', 'Detail'] as const;
export type ReviewForm = (typeof REVIEW_FORMS)[number];

/** What most receivers want from a moderation callback. */
export interface ReviewSummary {
  form: ReviewForm;
  /** `ReviewVideo`…; '' when a Simple body leaves `event` out (the published audio sample does). */
  event: string;
  jobId: string;
  /** 0 normal, 1 violation (违规), 2 suspected (疑似, for human review). */
  result: 0 | 1 | 2;
  /** The scene that hit (`Porn`, `Ads`, …), `Normal`, or '' when the body names none. */
  label: string;
  /** Detail's `"Type": "live_video"`. */
  live: boolean;
  /** The console's fixed test request: acknowledge it, do nothing with it. */
  consoleTest: boolean;
}

export class ReviewError extends Error {}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseObject(body: string): JsonObject {
  let document: Json;
  try {
    document = JSON.parse(body) as Json;
  } catch {
    throw new ReviewError('the body is not valid JSON');
  }
  if (!isObject(document)) throw new ReviewError('the body is not a JSON object');
  return document;
}

/** A Detail moderation body sent without the header (documents and web pages may be). */
export function looksLikeReview(contentType: string, body: string): boolean {
  if (!contentType.includes('json')) return false;
  try {
    const eventName = (JSON.parse(body) as { EventName?: unknown }).EventName;
    return typeof eventName === 'string' && eventName.startsWith('Review');
  } catch {
    return false;
  }
}

function verdict(value: Json | undefined, name: string): 0 | 1 | 2 {
  if (value !== 0 && value !== 1 && value !== 2) throw new ReviewError(`${name} is not 0, 1 or 2`);
  return value;
}

/** Parses a moderation callback in the form `form` (the header's value). */
export function parseReview(form: string, body: string): ReviewSummary {
  if (form === 'Simple') return parseSimple(parseObject(body));
  if (form === 'Detail') return parseDetail(parseObject(body));
  throw new ReviewError(`${CONTENT_VERSION_HEADER} '${form}' is neither Simple nor Detail`);
}

function parseSimple(document: JsonObject): ReviewSummary {
  const data = document['data'];
  if (typeof document['code'] !== 'number' || !isObject(data))
    throw new ReviewError('a Simple body has a numeric code and a data object');
  const jobId = data['trace_id'];
  if (typeof jobId !== 'string') throw new ReviewError('data.trace_id is missing');
  const event = data['event'];
  return {
    form: 'Simple',
    event: typeof event === 'string' ? event : '',
    jobId,
    result: verdict(data['result'], 'data.result'),
    label: '',
    live: false,
    consoleTest: jobId === 'test_trace_id',
  };
}

function parseDetail(document: JsonObject): ReviewSummary {
  const event = document['EventName'];
  const job = document['JobsDetail'];
  if (typeof event !== 'string' || !event.startsWith('Review'))
    throw new ReviewError('a Detail body has an EventName starting with Review');
  if (!isObject(job)) throw new ReviewError('JobsDetail is missing');
  const jobId = job['JobId'];
  if (typeof jobId !== 'string') throw new ReviewError('JobsDetail.JobId is missing');
  // documents and web pages give their verdict as Suggestion
  const hasResult = job['Result'] !== undefined;
  const label = job['Label'];
  return {
    form: 'Detail',
    event,
    jobId,
    result: verdict(hasResult ? job['Result'] : job['Suggestion'], hasResult ? 'Result' : 'Suggestion'),
    label: typeof label === 'string' ? label : '',
    live: job['Type'] === 'live_video',
    consoleTest: false,
  };
}
