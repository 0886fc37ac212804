/**
 * Property-based fuzzing of CI's job API (the paths the SDKs call: /jobs and the family endpoints, job ids,
 * lists, cancels, triggers, runs, queues): XML requests built from CI's own element names with odd values, repeated
 * and missing elements, malformed and hostile documents (DOCTYPE, entities, prototype names, stray markup), random
 * query strings, ids and Authorization headers. A case fails on a 5xx, a thrown error, a hang, an error that is
 * not CI's `<Error>` with Code, Message, Resource and RequestId, a 200 whose body is not a `<Response>`, or a
 * polluted Object.prototype; afterwards a valid submit still works. Bounded by FUZZ_RUNS cases or FUZZ_SECONDS.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createSinkLog } from '../api/sink-log.ts';
import { createTargetPolicy } from '../api/target-policy.ts';
import { parseXmlDocument } from '../core/render-xml.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { tagNames } from '../payloads/registry.ts';
import { createApp } from '../server/app.ts';
import { createCiApi, isCiApiPath } from './index.ts';

const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 2_000);
const FUZZ_SECONDS = Number(process.env['FUZZ_SECONDS'] ?? 20);
const HANG_MS = 10_000;

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', 'no', 'XML', 'JSON', 'Url', 'TDMQ', '0', '1', '3', '-1', '${Number}'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('http://127.0.0.1:9/cb', 'https://x.example/cb', 'ftp://x', 'http://[::1'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('a'.repeat(1100), '😀', '\u0000', '&amp;', '&lt;x&gt;', '<![CDATA[<x>]]>'),
  },
);
const escapeText = (value: string) =>
  value
    .replace(/&(?!amp;|lt;|gt;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
const element = (name: string, value: string) =>
  value === '' ? `<${name}/>` : `<${name}>${value}</${name}>`;

const tag = fc.oneof(
  fc.constantFrom(...tagNames()),
  fc.constantFrom('transcode', 'Nope', '__proto__', 'FileHashCode', ''),
);
const inputElement = fc.oneof(
  text.map((value) => element('Input', element('Object', escapeText(value)))),
  fc.constantFrom('', '<Input/>', '<Input><Url>http://x/y.mp3</Url></Input>', '<Input>text</Input>'),
);
const operationChild = fc.oneof(
  tag.map((value) => element('Tag', value)),
  text.map((value) => element('TemplateId', escapeText(value))),
  text.map((value) => element('UserData', escapeText(value))),
  text.map((value) => element('JobLevel', escapeText(value))),
  text.map(
    (value) =>
      `<Output><Region>ap-chongqing</Region><Bucket>b-1</Bucket><Object>${escapeText(value)}</Object></Output>`,
  ),
  fc.constantFrom(
    '<Output>flat</Output>',
    '<Transcode><Container><Format>mp4</Format></Container></Transcode>',
    '<X><Y><Z/></Y></X>',
  ),
);
const operation = fc
  .array(operationChild, { maxLength: 4 })
  .map((children) => `<Operation>${children.join('')}</Operation>`);
const topChild = fc.oneof(
  tag.map((value) => element('Tag', value)),
  inputElement,
  operation,
  text.map((value) => element('QueueId', escapeText(value))),
  text.map((value) => element('CallBack', escapeText(value))),
  text.map((value) => element('CallBackFormat', escapeText(value))),
  text.map((value) => element('CallBackType', escapeText(value))),
  fc.constantFrom('<BucketName>b-1</BucketName>', '<Unknown><Deep/></Unknown>', '<Operation/>'),
);
const wellFormed = fc
  .array(topChild, { maxLength: 8 })
  .map((children) => `<Request>${children.join('')}</Request>`);
const hostile = fc.constantFrom(
  '',
  '<Request>',
  '<Request><Tag>Transcode<Tag></Request>',
  '<Request><Tag>Transcode</Tag><CallBackFormat>JSON<CallBackFormat></Request>',
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Request><Tag>&b;</Tag></Request>',
  '<!DOCTYPE x SYSTEM "file:///etc/passwd"><Request/>',
  '<Request><__proto__><polluted>1</polluted></__proto__></Request>',
  '<Request><constructor><prototype>1</prototype></constructor></Request>',
  '<Response><Tag>Transcode</Tag></Response>',
  '<Request/><Request/>',
  'text<Request/>',
  '<Request><a b="1" c=\'2\'/></Request>',
  `<Request>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</Request>`,
  `<Request>${'<Operation><Tag>Transcode</Tag></Operation>'.repeat(12)}<Input><Object>a</Object></Input></Request>`,
  '{"Tag":"Transcode"}',
  '\u0000\uFFFF',
);
const body = fc.oneof(
  { weight: 6, arbitrary: wellFormed },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: fc.string() },
);

const id = fc.oneof(
  fc.constantFrom('j00000000000000000000000000000000', 'Jxyz', '', ',', 'a,b,c', '%00', '..', '__proto__'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.array(fc.constant('j00000000000000000000000000000000'), { maxLength: 120 }).map((ids) => ids.join(',')),
);
const roots = ['jobs', 'ai_jobs', 'asr_jobs', 'pic_jobs', 'doc_jobs'];
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'queueId',
        'tag',
        'states',
        'size',
        'nextToken',
        'orderByTime',
        'startCreationTime',
        'workflowId',
        'object',
        'name',
        'cancel',
        'x',
      ),
      fc.oneof(
        fc.constantFrom(
          '',
          'All',
          'Cancel,Running',
          'Bogus',
          '0',
          '100',
          '101',
          'Asc',
          '2022-06-27T15:23:10+0800',
          'w1',
        ),
        fc.string({ maxLength: 8 }),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));

const request = fc.oneof(
  fc.record({
    method: fc.constant('POST'),
    path: fc.constantFrom(...roots.map((r) => `/${r}`)),
    query,
    body,
  }),
  fc.record({
    method: fc.constantFrom('GET', 'PUT', 'DELETE'),
    path: fc.tuple(fc.constantFrom(...roots), id).map(([r, i]) => `/${r}/${i}`),
    query,
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant('GET'),
    path: fc.constantFrom(...roots.map((r) => `/${r}`)),
    query,
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constantFrom('POST', 'GET'),
    path: fc.constantFrom('/triggerworkflow', '/triggerworkflow/', '/triggerworkflow/x'),
    query,
    body: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  }),
  fc.record({
    method: fc.constantFrom('GET', 'POST'),
    path: id.map((i) => `/workflowexecution/${i}`),
    query,
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constantFrom('PUT', 'GET'),
    path: id.map((i) => `/queue/${i}`),
    query: fc.constant(''),
    body: fc.oneof(
      body,
      text.map(
        (url) =>
          `<Request><NotifyConfig><State>On</State><Url>${escapeText(url)}</Url><Event>TaskFinish</Event></NotifyConfig></Request>`,
      ),
    ),
  }),
);
const authorization = fc.option(
  fc.constantFrom('q-sign-algorithm=sha1&q-ak=x&q-signature=1', 'Bearer x', 'q-sign-algorithm=sha1&&&==', ''),
  { nil: undefined },
);

describe("fuzzing CI's job API", () => {
  it("never answers 5xx, hangs or breaks; errors are CI's <Error>; the server still takes a job", async (t) => {
    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient({ timeoutMs: 1_000 });
    const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
    const scheduler = createScheduler({ store, deliverer });
    const targetPolicy = createTargetPolicy(['http://127.0.0.1:*']);
    const internalErrors: Error[] = [];
    // jobs never end here (an hour each): what is fuzzed is the requests
    const ciApi = createCiApi({
      store,
      deliverer,
      targetPolicy,
      jobTimeMs: 3_600_000,
      onInternalError: (e) => internalErrors.push(e),
    });
    const app = createApp({ store, deliverer, scheduler, sinkLog: createSinkLog(), targetPolicy, ciApi });
    let cases = 0;
    const statuses = new Map<number, number>();
    try {
      await fc.assert(
        fc.asyncProperty(
          request,
          authorization,
          async ({ method, path, query: search, body: sent }, auth) => {
            cases++;
            const init: RequestInit = { method, headers: auth === undefined ? {} : { authorization: auth } };
            if (sent !== undefined && method !== 'GET') init.body = sent;
            let timer: NodeJS.Timeout | undefined;
            const hang = new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
            });
            const response = await Promise.race([app.request(`${path}${search}`, init), hang]).finally(() =>
              clearTimeout(timer),
            );
            const answer = await response.text();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            const shown = `${method} ${path}${search} ${String(sent).slice(0, 300)} → ${response.status} ${answer.slice(0, 300)}`;
            assert.ok(response.status < 500, shown);
            // `..` in an id walks out of CI's paths (the URL is normalised): what answers there is not CI's
            if (!isCiApiPath(new URL(`${path}${search}`, 'http://fuzz').pathname)) return;
            if (response.status >= 400) {
              const error = parseXmlDocument(answer.replace(/^<\?xml[^>]*\?>\s*/, ''), {
                root: 'Error',
                what: 'an error',
              });
              for (const name of ['Code', 'Message', 'Resource', 'RequestId']) {
                assert.ok(typeof error[name] === 'string' && error[name] !== '', `${name} in ${shown}`);
              }
            } else if (answer !== '') {
              parseXmlDocument(answer, { root: 'Response', what: 'an answer' });
            }
            assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype was polluted');
          },
        ),
        { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_SECONDS * 1000, markInterruptAsFailure: false },
      );
      const answered = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
      t.diagnostic(`${cases} cases: ${answered.join(' ')}`);
      assert.deepEqual(internalErrors, []);
      const submit = await app.request('/jobs', {
        method: 'POST',
        body: '<Request><Tag>Transcode</Tag><Input><Object>a.mp4</Object></Input><Operation/></Request>',
      });
      assert.equal(submit.status, 200);
    } finally {
      ciApi.close();
      scheduler.stop();
      await deliverer.drain();
      await client.close();
      store.close();
    }
  });
});
