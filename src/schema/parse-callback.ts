/**
 * @module schema/parse-callback
 * A callback body as a receiver gets it — XML or JSON in any of CI's dialects — in; one normalised object out:
 * `{ event: 'TaskFinish', tag, job }` or `{ event: 'WorkflowFinish', execution }`. Normalised as CI's own
 * XML-to-JSON conversion (src/core/render-json.ts) does it, then past what varies between bodies: a top-level
 * `Response` unwrapped, a one-item JobsDetail array unwrapped, and every repeated element (the Tag's list paths,
 * learnt with its schema) an array even when it occurred once. So the XML and every JSON form of one callback
 * give deep-equal objects. The types come from the same shapes (types.generated.ts); `tag` narrows `job`.
 * The parser checks that the body is a CI callback (event, Tag, JobId) rather than validating it: the JSON
 * Schemas (./json-schema.ts) are for that. A JobsDetail without a Tag (one of CI's own samples) is known by
 * its Operation's parameter element. A content-moderation body (JSON, with numbers) goes to ./parse-review.ts.
 */
import { InputError } from '../core/errors.ts';
import { JSON_CONTENT_TYPE, type JsonValue, toJsonValue } from '../core/render-json.ts';
import { parseXml, XML_CONTENT_TYPE } from '../core/render-xml.ts';
import { CONTENT_VERSION_HEADER } from '../moderation/types.ts';
import { isReviewBody, parseReview, REVIEW_EVENTS, type ReviewCallback } from './parse-review.ts';
import {
  type CallbackTag,
  TASK_FINISH_LIST_PATHS,
  type TaskFinishJobs,
  WORKFLOW_FINISH_LIST_PATHS,
  type WorkflowExecution,
} from './types.generated.ts';

/** A TaskFinish callback of one Tag: checking `tag` narrows `job` to that Tag's JobsDetail. */
export type TaskFinishCallback = {
  [Tag in CallbackTag]: { event: 'TaskFinish'; tag: Tag; job: TaskFinishJobs[Tag] };
}[CallbackTag];

export interface WorkflowFinishCallback {
  event: 'WorkflowFinish';
  execution: WorkflowExecution;
}

/** Any callback CI sends: `event` tells them apart (and `form`, `kind` or `tag` narrow further). */
export type CiCallback = TaskFinishCallback | WorkflowFinishCallback | ReviewCallback;

export interface ParseCallbackOptions {
  /**
   * The request's Content-Type (parameters such as charset are ignored): `application/json`, or
   * `application/xml` (`text/xml` too). Omitted: judged from the body's first character.
   */
  contentType?: string;
  /**
   * The request's X-Ci-Content-Version header (`Simple` or `Detail`), which CI sends with content-moderation
   * callbacks only: when given, the body must be a moderation callback in that form.
   */
  contentVersion?: string;
}

const CONTENT_TYPES = [JSON_CONTENT_TYPE, XML_CONTENT_TYPE, 'text/xml'] as const;
const EVENTS = ['TaskFinish', 'WorkflowFinish', ...REVIEW_EVENTS] as const;

type JsonObject = { [key: string]: JsonValue };

export function parseCallback(body: string, options: ParseCallbackOptions = {}): CiCallback {
  if (typeof body !== 'string') throw new InputError('body', `a callback body is text, got ${typeof body}`);
  const xml = isXml(body, options.contentType);
  const parsed = xml ? fromXml(body) : fromJson(body);
  if (!xml && isReviewBody(parsed)) return parseReview(parsed, options.contentVersion);
  if (options.contentVersion !== undefined) {
    throw new InputError(
      'contentVersion',
      `${CONTENT_VERSION_HEADER} comes only with content-moderation callbacks; this body is not one`,
    );
  }
  if (!xml) checkStrings(parsed, '');
  const document = unwrapResponse(parsed);
  const event = document['EventName'];
  switch (event) {
    case 'TaskFinish':
      return taskFinish(document);
    case 'WorkflowFinish':
      return workflowFinish(document);
    default:
      throw notACallback(
        'EventName',
        event === undefined
          ? 'EventName is missing'
          : `EventName ${describe(event)} is not a CI callback event`,
        EVENTS,
      );
  }
}

function isXml(body: string, contentType: string | undefined): boolean {
  if (contentType === undefined) return body.trimStart().startsWith('<');
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type === JSON_CONTENT_TYPE) return false;
  if (type === XML_CONTENT_TYPE || type === 'text/xml') return true;
  throw new InputError('contentType', `unknown content type '${contentType}'`, CONTENT_TYPES);
}

function fromXml(body: string): JsonObject {
  let tree: ReturnType<typeof parseXml>;
  try {
    tree = parseXml(body);
  } catch (error) {
    throw new InputError('body', `not a CI callback: ${(error as Error).message.split('\n')[0]}`);
  }
  return (toJsonValue(tree) ?? {}) as JsonObject;
}

function fromJson(body: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new InputError('body', `not a CI callback: not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new InputError('body', 'not a CI callback: the JSON body is not an object');
  return parsed as JsonObject;
}

/** CI sends every value as a string: a number or boolean means the body did not come from CI. */
function checkStrings(value: unknown, path: string): void {
  if (typeof value === 'string') return;
  if (Array.isArray(value)) {
    for (const item of value) checkStrings(item, path);
    return;
  }
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) checkStrings(child, path ? `${path}.${key}` : key);
    return;
  }
  throw notACallback(
    path,
    `${path} is ${value === null ? 'null' : `a ${typeof value}`}: CI sends every value as a string`,
  );
}

/** `{ "Response": { … } }` (the wrapped dialect) → its content. */
function unwrapResponse(document: JsonObject): JsonObject {
  const keys = Object.keys(document);
  const inner = document['Response'];
  return keys.length === 1 && isObject(inner) ? (inner as JsonObject) : document;
}

function taskFinish(document: JsonObject): TaskFinishCallback {
  let detail = document['JobsDetail'];
  if (Array.isArray(detail)) {
    if (detail.length !== 1) {
      throw notACallback(
        'JobsDetail',
        `JobsDetail lists ${detail.length} jobs; a TaskFinish callback carries one`,
      );
    }
    detail = detail[0];
  }
  if (!isObject(detail))
    throw notACallback('JobsDetail', 'JobsDetail is missing or not an element with children');
  const job = detail as JsonObject;
  const tag = job['Tag'] ?? tagFromOperation(job);
  if (typeof tag !== 'string' || !Object.hasOwn(TASK_FINISH_LIST_PATHS, tag)) {
    throw notACallback(
      'JobsDetail.Tag',
      tag === undefined
        ? 'JobsDetail.Tag is missing, and no Operation element names the Tag'
        : `JobsDetail.Tag ${describe(tag)} is not a Tag`,
      Object.keys(TASK_FINISH_LIST_PATHS),
    );
  }
  if (typeof job['JobId'] !== 'string') throw notACallback('JobsDetail.JobId', 'JobsDetail.JobId is missing');
  for (const path of TASK_FINISH_LIST_PATHS[tag as CallbackTag]) asLists(job, path.split('.'));
  // The shapes the types are written from are the ones the list paths come from.
  return { event: 'TaskFinish', tag, job } as unknown as TaskFinishCallback;
}

function workflowFinish(document: JsonObject): WorkflowFinishCallback {
  const execution = document['WorkflowExecution'];
  if (!isObject(execution)) {
    throw notACallback('WorkflowExecution', 'WorkflowExecution is missing or not an element with children');
  }
  for (const path of WORKFLOW_FINISH_LIST_PATHS) asLists(execution as JsonObject, path.split('.'));
  return { event: 'WorkflowFinish', execution: execution as unknown as WorkflowExecution };
}

/**
 * The Tag when JobsDetail leaves it out, as CI's published WordsGeneralize JSON sample does: the one Tag whose
 * parameter element (`Operation.<Tag>`) the Operation holds.
 */
function tagFromOperation(job: JsonObject): string | undefined {
  const operation = job['Operation'];
  if (!isObject(operation)) return undefined;
  const named = Object.keys(TASK_FINISH_LIST_PATHS).filter((tag) => Object.hasOwn(operation, tag));
  return named.length === 1 ? named[0] : undefined;
}

/** The element at `path` below `node` made an array wherever it occurs once (through lists on the way). */
function asLists(node: JsonValue, path: readonly string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) asLists(item, path);
    return;
  }
  if (typeof node !== 'object') return;
  const [name, ...rest] = path as [string, ...string[]];
  const child = node[name];
  if (child === undefined) return;
  if (rest.length > 0) asLists(child, rest);
  else if (!Array.isArray(child)) node[name] = [child];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function notACallback(element: string, problem: string, accepted?: readonly string[]): InputError {
  return new InputError(
    ['body', ...element.split('.').filter(Boolean)],
    `not a CI callback: ${problem}`,
    accepted,
  );
}
