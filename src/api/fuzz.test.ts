/**
 * Property-based fuzzing of every route of the HTTP app, driven by its own /openapi.json (so a new route or
 * field is fuzzed without touching this file): bodies built from each operation's JSON schema, biased towards
 * the values that once broke the server (prototype paths, never-running crons, unsendable header values, odd
 * content types, tiny rates), mixed with arbitrary JSON, malformed JSON and random paths and methods.
 * A case fails on a 5xx, a thrown error, a request that hangs, an error that is not a JSON problem, or a
 * polluted Object.prototype; after the run the server must still answer /health and a valid /emit.
 * Bounded: at most FUZZ_RUNS cases or FUZZ_SECONDS, whichever comes first (the count is printed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import fc from 'fast-check';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { isCiApiPath } from '../ci-api/index.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { tagNames } from '../payloads/registry.ts';
import { createApp } from '../server/app.ts';
import { openApiDocument } from './openapi.ts';
import { SINK_ANSWER_HEADER } from './sink.ts';
import { createSinkLog } from './sink-log.ts';
import { createTargetPolicy } from './target-policy.ts';

const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 3_000);
const FUZZ_SECONDS = Number(process.env['FUZZ_SECONDS'] ?? 25);
/** Longer than any answer should take (an emit of 100 to a local receiver included). */
const HANG_MS = 15_000;

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
};
interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  parameters: { name: string; in: 'query' | 'path'; schema: JsonSchema }[];
}

function operations(app: OpenAPIHono): Operation[] {
  const { paths } = openApiDocument(app) as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema?: JsonSchema }> };
          parameters?: Operation['parameters'];
        }
      >
    >;
  };
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const body = op.requestBody?.content['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(body ? { body } : {}),
      };
    }),
  );
}

/** Values a field of this name has broken, or nearly broken, the server with; plus anything of its type. */
function fieldArbitrary(name: string, schema: JsonSchema, receiver: string): fc.Arbitrary<unknown> {
  const named: Record<string, fc.Arbitrary<unknown>> = {
    target: fc.constantFrom(
      receiver,
      'http://127.0.0.1:9/refused',
      receiver.replace('http://', 'http://user:pa55@'),
      `${receiver}?token=x`,
      'http://10.0.0.1/elsewhere',
      'ftp://127.0.0.1/x',
      'http://[::1',
      '',
    ),
    tag: fc.constantFrom(...tagNames().slice(0, 5), 'transcode', 'Nope', '__proto__', ''),
    overrides: fc.array(
      fc.oneof(
        fc.constantFrom(
          '__proto__.x=1',
          'constructor.prototype.x=1',
          'JobsDetail.Code=X',
          'a..b=1',
          '=1',
          'x',
        ),
        fc.string(),
      ),
      { maxLength: 3 },
    ),
    headers: fc.dictionary(
      fc.oneof(
        fc.constantFrom('X-A', 'Host', 'Content-Length', 'x y', '__proto__'),
        fc.string({ maxLength: 8 }),
      ),
      fc.oneof(
        fc.constantFrom('ok', '€', 'a\u0000b', '\u007f', '\u2028', '😀', 'a\r\nb'),
        fc.string({ maxLength: 8 }),
      ),
      { maxKeys: 3 },
    ),
    cron: fc.constantFrom(
      '*/1 * * * *',
      '0 0 31 4,6,9,11 *',
      '0 0 31 2,4,6,9,11 *',
      '0 0 30 2 *',
      '61 * * * *',
      '* *',
      '',
    ),
    every: fc.constantFrom('1h', '30m', '2s', '0s', '1ms', '8d', 'soon', ''),
    jitter: fc.constantFrom('0s', '1s', '1h', '-1s', 'x'),
    duration: fc.oneof(
      fc.constantFrom('1s', '500ms', '0s', '2h', 'x'),
      fc.double({ noNaN: true, min: -1, max: 3 }),
    ),
    warmup: fc.constantFrom('0s', '1s', 'x'),
    timeout: fc.constantFrom('1s', '0s', 'x'),
    rate: fc.oneof(fc.constantFrom(0.001, 0, -1, 1, 10, 1e9), fc.double({ noNaN: true, min: 0, max: 100 })),
    failOn: fc.constantFrom('p99>250ms', 'errors>0.1%', 'p42>1', '', 'x>'),
    tags: fc.oneof(
      fc.constantFrom('all', 'SmartCover:5,SoundHound', 'Nope', ''),
      fc.array(fc.constantFrom(...tagNames().slice(0, 3), 'Nope'), { maxLength: 3 }),
    ),
    weights: fc.dictionary(
      fc.constantFrom('SmartCover', 'Nope', '__proto__'),
      fc.double({ noNaN: true, min: -1, max: 5 }),
      { maxKeys: 2 },
    ),
    count: fc.integer({ min: -2, max: 120 }),
    limit: fc.integer({ min: -1, max: 3 }),
  };
  const wild = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string());
  return fc.oneof({ weight: 4, arbitrary: named[name] ?? typed(schema) }, { weight: 1, arbitrary: wild });
}

function typed(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(typed));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: (schema.minimum ?? 0) - 2, max: Math.min(schema.maximum ?? 1_000, 1e6) + 2 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 1e4 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? typed(schema.items) : fc.jsonValue(), { maxLength: 3 });
    case 'object':
      return fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 });
    default:
      return fc.string({ maxLength: 12 });
  }
}

/** A minimal valid body per route, so most cases get past validation and reach the handler's own logic. */
const VALID_BASES = (receiver: string): Record<string, object> => ({
  '/emit': { target: receiver, tag: 'Transcode' },
  '/schedules': { target: receiver, every: '1h' },
  '/load-runs': { target: receiver, rate: 5, duration: '1s' },
});

function bodyArbitrary(schema: JsonSchema, receiver: string, base?: object): fc.Arbitrary<string> {
  const fields = Object.entries(schema.properties ?? {});
  // a valid base with one or two fields changed
  const nearlyValid = base
    ? fc
        .subarray(fields, { minLength: 1, maxLength: 2 })
        .chain((picked) =>
          fc.record(
            Object.fromEntries(picked.map(([name, field]) => [name, fieldArbitrary(name, field, receiver)])),
          ),
        )
        .map((changed) => JSON.stringify({ ...base, ...changed }))
    : undefined;
  const shaped = fc
    .record(
      Object.fromEntries(fields.map(([name, field]) => [name, fieldArbitrary(name, field, receiver)])),
      { requiredKeys: [] },
    )
    .chain((object) =>
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(object) },
        { weight: 1, arbitrary: fc.constant({ ...object, unexpected: 1 }) },
      ),
    )
    .map((object) => JSON.stringify(object));
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: nearlyValid ? 4 : 0, arbitrary: nearlyValid ?? shaped },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{"target": ', '', 'null', '[]', '{"__proto__": {"x": 1}}', '\u0000'),
    },
  );
}

const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json-seq',
      'application/json, text/plain',
      'application/a+b+json',
      'application/vnd.x+json',
      'text/plain',
      'application/xml',
      '',
    ),
  },
);

const pathValue = fc.oneof(
  fc.nat({ max: 50 }).map(String),
  fc.constantFrom('0', '-1', 'abc', '99999999999999999999', '%00', '..', 'speechrecognition', 'Nope'),
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
);

function requestArbitrary(operation: Operation, receiver: string) {
  const path = operation.parameters
    .filter((p) => p.in === 'path')
    .reduce<fc.Arbitrary<string>>(
      (arb, p) => arb.chain((text) => pathValue.map((value) => text.replace(`{${p.name}}`, value))),
      fc.constant(operation.path),
    );
  const query = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          ...operation.parameters.filter((p) => p.in === 'query').map((p) => p.name),
          'unknown',
        ),
        fc.oneof(
          fc.constantFrom('1', '0', '500', '5000', 'true', 'xml', 'delivered', 'SmartCover', ''),
          fc.string({ maxLength: 6 }),
        ),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));
  const body = operation.body
    ? bodyArbitrary(operation.body, receiver, VALID_BASES(receiver)[operation.path])
    : fc.option(fc.string({ maxLength: 20 }), { nil: undefined });
  return fc.record({ method: fc.constant(operation.method), path, query, body, contentType: contentTypes });
}

describe('fuzzing every route from /openapi.json', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(() => receiver.close());

  it('never answers 5xx, hangs, or breaks; errors are JSON problems; the server still serves', async (t) => {
    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient({ timeoutMs: 1_000 });
    const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
    const scheduler = createScheduler({ store, deliverer });
    const shutdown = new AbortController();
    const internalErrors: Error[] = [];
    const app = createApp({
      store,
      deliverer,
      scheduler,
      // a delay the sink is asked for is the sink doing its job, not a hang: it is bounded and cut short at
      // shutdown (src/api/sink.test.ts); here it is not waited out
      sinkLog: createSinkLog({ capacity: 20, answers: { sleep: async () => {} } }),
      targetPolicy: createTargetPolicy(['http://127.0.0.1:*']),
      loadRunLimits: { maxDurationSeconds: 1, maxRate: 20, maxConnections: 2 },
      shutdownSignal: shutdown.signal,
      onInternalError: (error) => internalErrors.push(error),
    });
    const routes = operations(app);
    const anyRequest = fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom(...routes).chain((op) => requestArbitrary(op, receiver.url)) },
      {
        weight: 1,
        arbitrary: fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
          path: fc.string({ maxLength: 12 }).map((s) => `/${encodeURIComponent(s)}`),
          query: fc.constant(''),
          body: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
          contentType: contentTypes,
        }),
      },
    );

    let cases = 0;
    const statuses = new Map<number, number>();
    const started = performance.now();
    try {
      await fc.assert(
        fc.asyncProperty(anyRequest, async ({ method, path, query, body, contentType }) => {
          cases++;
          const init: RequestInit = { method, headers: contentType ? { 'content-type': contentType } : {} };
          if (body !== undefined && method !== 'GET') init.body = body;
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
          });
          const response = await Promise.race([app.request(`${path}${query}`, init), hang]).finally(() =>
            clearTimeout(timer),
          );
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          // the sink answers any status a request (or its setting) asks for, 5xx included, and says so
          const askedOfSink = ['query', 'setting'].includes(response.headers.get(SINK_ANSWER_HEADER) ?? '');
          assert.ok(
            response.status < 500 || askedOfSink,
            `${method} ${path}${query} ${body ?? ''} → ${response.status} ${text}`,
          );
          // a random path may land on CI's job API, which answers in CI's XML (fuzzed in src/ci-api)
          const ciPath = isCiApiPath(new URL(`${path}${query}`, 'http://fuzz').pathname);
          if (response.status >= 400 && !ciPath && !askedOfSink) {
            const problem = JSON.parse(text) as { error?: unknown; detail?: unknown };
            assert.equal(typeof problem.error, 'string', text);
            assert.equal(typeof problem.detail, 'string', text);
          }
          assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype was polluted');
        }),
        { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_SECONDS * 1000, markInterruptAsFailure: false },
      );
      const seconds = (performance.now() - started) / 1000;
      const answered = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
      t.diagnostic(`${cases} cases in ${seconds.toFixed(1)} s: ${answered.join(' ')}`);
      assert.deepEqual(internalErrors, []);

      const health = await app.request('/health');
      assert.equal(health.status, 200);
      const emit = await app.request('/emit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: receiver.url, tag: 'Transcode' }),
      });
      assert.equal(emit.status, 200);
      const emitted = (await emit.json()) as { delivered: number };
      assert.equal(emitted.delivered, 1, JSON.stringify(emitted).slice(0, 1500));
    } finally {
      shutdown.abort();
      scheduler.stop();
      await deliverer.drain();
      await client.close();
      store.close();
    }
  });
});
