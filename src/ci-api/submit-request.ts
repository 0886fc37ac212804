/**
 * @module ci-api/submit-request
 * A submit request (`POST /jobs` and the family endpoints) checked and turned into one job spec per
 * `<Operation>`: the Tag (top-level, or each Operation's own in a multi-job request), the input, the Operation
 * as sent (echoed back and into the callback), the queue and the callback settings. Everything is checked
 * before anything is stored: a wrong request is a CiError naming the element and what is accepted.
 */
import type { Job, TagDefinition } from '../core/types.ts';
import { tagNames } from '../payloads/registry.ts';
import { TAGS } from '../tags/index.ts';
import { DEFAULT_QUEUE_ID, type ResultFormat } from './ci-config.ts';
import { CI_ERRORS } from './ci-error.ts';
import { containerOf, occurrences, textOf } from './xml-request.ts';

/** The endpoints that submit jobs, and the family each takes (`jobs` takes every Tag). */
export const SUBMIT_ENDPOINTS = {
  jobs: undefined,
  ai_jobs: 'ai',
  asr_jobs: 'asr',
  pic_jobs: 'pic',
  doc_jobs: 'doc',
} as const;
export type SubmitEndpoint = keyof typeof SUBMIT_ENDPOINTS;

/** Most Operations (jobs) in one request (ours). */
export const MAX_OPERATIONS = 10;
const MAX_OBJECT = 1024;
const MAX_URL = 2048;
/** Tags whose job reads no input object (Tts speaks the text of TtsConfig). */
const NO_INPUT_TAGS = new Set(['Tts']);

export interface JobSpec {
  def: TagDefinition;
  /** Input.Object (or Input.Url); '' for a Tag that reads none. */
  object: string;
  /** `<Input>` as sent. */
  input: Job | undefined;
  /** `<Operation>` as sent, without its `<Tag>`. */
  operation: Job;
  queueId: string;
  /** `no`, a URL, or undefined: the queue decides. */
  callBack: string | undefined;
  callBackFormat: ResultFormat | undefined;
}

const BY_NAME = new Map(TAGS.map((def) => [def.tag, def]));

function tagOf(name: string | undefined, endpoint: SubmitEndpoint): TagDefinition {
  if (name === undefined || name === '') {
    throw CI_ERRORS.invalidArgument('the request has no <Tag>; give the job type, e.g. <Tag>Transcode</Tag>');
  }
  const def = BY_NAME.get(name);
  if (!def) {
    throw CI_ERRORS.invalidArgument(`unknown Tag '${name.slice(0, 64)}'; accepted: ${tagNames().join(', ')}`);
  }
  const family = SUBMIT_ENDPOINTS[endpoint];
  if (family !== undefined && def.family !== family) {
    throw CI_ERRORS.invalidArgument(
      `Tag ${def.tag} is not submitted to /${endpoint}; submit it to POST /jobs` +
        `; /${endpoint} takes ${TAGS.filter((t) => t.family === family)
          .map((t) => t.tag)
          .join(', ')}`,
    );
  }
  return def;
}

function checkOperation(operation: Job, tag: string): void {
  const userData = textOf(operation, 'UserData');
  if (userData !== undefined && (userData.length > 1024 || !/^[\x20-\x7e]*$/.test(userData))) {
    throw CI_ERRORS.invalidArgument(`${tag}: UserData is up to 1024 printable ASCII characters`);
  }
  const level = textOf(operation, 'JobLevel');
  if (level !== undefined && !['0', '1', '2'].includes(level)) {
    throw CI_ERRORS.invalidArgument(`${tag}: JobLevel is 0, 1 or 2, got '${level.slice(0, 16)}'`);
  }
  const template = textOf(operation, 'TemplateId');
  if (template !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(template)) {
    throw CI_ERRORS.invalidArgument(
      `${tag}: TemplateId is up to 64 letters and digits, e.g. t1460606b9752148c4ab182f55163ba7cd`,
    );
  }
  if (
    'Output' in operation &&
    containerOf(operation, 'Output') === undefined &&
    textOf(operation, 'Output') !== ''
  ) {
    throw CI_ERRORS.invalidArgument(`${tag}: Output is one element holding Region, Bucket and Object`);
  }
}

/** The job specs of a `<Request>` sent to `/endpoint`; `checkCallback` refuses a URL the server may not call. */
export function jobSpecsOf(
  request: Job,
  endpoint: SubmitEndpoint,
  checkCallback: (url: string) => void,
): JobSpec[] {
  const operations = occurrences(request, 'Operation');
  const topTag = textOf(request, 'Tag');
  // the Tag is judged first: no Tag, or an unknown one, is CI's first complaint
  if (topTag !== undefined && topTag !== '') tagOf(topTag, endpoint);
  else if (operations.length <= 1) tagOf(textOf(containerOf(request, 'Operation'), 'Tag'), endpoint);
  if (operations.length === 0) {
    throw CI_ERRORS.invalidArgument(
      'the request has no <Operation>; give the job’s parameters or TemplateId',
    );
  }
  if (operations.length > MAX_OPERATIONS) {
    throw CI_ERRORS.invalidArgument(
      `at most ${MAX_OPERATIONS} <Operation>s in one request, got ${operations.length}`,
    );
  }
  if (occurrences(request, 'Tag').length > 1 || occurrences(request, 'Input').length > 1) {
    throw CI_ERRORS.invalidArgument('<Tag> and <Input> are given once per request');
  }
  const input = containerOf(request, 'Input');
  const object = (textOf(input, 'Object') || textOf(input, 'Url')) ?? '';
  if (object.length > MAX_OBJECT) {
    throw CI_ERRORS.invalidArgument(`Input.Object is up to ${MAX_OBJECT} characters`);
  }
  const queueId = textOf(request, 'QueueId') || DEFAULT_QUEUE_ID;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(queueId)) {
    throw CI_ERRORS.invalidArgument(
      'QueueId is up to 64 letters and digits, e.g. p2242ab62c7c94486915508540933a2c6',
    );
  }
  const callBackType = textOf(request, 'CallBackType');
  if (callBackType !== undefined && callBackType !== '' && callBackType !== 'Url') {
    throw CI_ERRORS.invalidArgument(
      `CallBackType ${callBackType.slice(0, 16)} is not delivered by this stand-in; accepted: Url (the default)`,
    );
  }
  const format = textOf(request, 'CallBackFormat');
  if (format !== undefined && format !== '' && format !== 'XML' && format !== 'JSON') {
    throw CI_ERRORS.invalidArgument(`CallBackFormat is XML or JSON, got '${format.slice(0, 16)}'`);
  }
  const callBack = textOf(request, 'CallBack') || undefined;
  if (callBack !== undefined && callBack !== 'no') {
    if (callBack.length > MAX_URL || !/^https?:\/\/[^\s]+$/.test(callBack) || !URL.canParse(callBack)) {
      throw CI_ERRORS.invalidArgument(`CallBack is 'no' or an http(s) URL of up to ${MAX_URL} characters`);
    }
    checkCallback(callBack);
  }
  return operations.map((given) => {
    // an empty <Operation/> asks for the Tag's defaults
    const value = given === '' ? {} : given;
    if (typeof value === 'string' || Array.isArray(value)) {
      throw CI_ERRORS.invalidArgument(
        'an <Operation> holds the job’s parameters, e.g. <TemplateId>…</TemplateId>',
      );
    }
    const { Tag: opTag, ...operation } = value;
    const tagName =
      operations.length > 1 || topTag === undefined || topTag === '' ? textOf(value, 'Tag') : topTag;
    if (opTag !== undefined && typeof opTag !== 'string') {
      throw CI_ERRORS.invalidArgument('an Operation’s <Tag> is the job type, e.g. <Tag>Transcode</Tag>');
    }
    const def = tagOf(tagName ?? topTag, endpoint);
    checkOperation(operation, def.tag);
    if (object === '' && !NO_INPUT_TAGS.has(def.tag)) {
      throw CI_ERRORS.invalidArgument(
        `${def.tag}: Input.Object is required: the key of the object to process`,
      );
    }
    return {
      def,
      object,
      input,
      operation,
      queueId,
      callBack,
      callBackFormat: format === 'XML' || format === 'JSON' ? format : undefined,
    };
  });
}
