/**
 * `/openapi.json` against the server's real answers: the document is a valid OpenAPI 3.1 document; every
 * documented operation is exercised, with success and error answers; each answer's status, media type,
 * headers and JSON body (strictly: no field the document leaves out) match what the document says; and every
 * documented status was produced, but for the few listed in STATUS_EXCEPTIONS. Everything runs against real
 * apps over a temp SQLite log, delivering to their own /sink and to receivers on 127.0.0.1.
 * (That every route the app serves is in the document is checked in app.test.ts.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { Validator } from '@seriousme/openapi-schema-validator';
import { referenceReceiver } from '../../test/support/fragile-receivers.ts';
import { startLoadReceiver } from '../../test/support/load-receiver.ts';
import {
  createConformanceChecker,
  type Exchange,
  formatMismatches,
  type OpenApiDocument,
  operationKey,
  operationsOf,
  resolveRef,
} from '../../test/support/openapi-conformance.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { createFaultInjector } from '../delivery/fault-injector.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { createApp, MAX_BODY_BYTES } from '../server/app.ts';
import type { ServerPhase } from './deps.ts';
import { createSinkLog } from './sink-log.ts';
import { createTargetPolicy } from './target-policy.ts';

const TOKEN = 'conformance-token';

/**
 * Documented statuses no test can produce, each with why. Keep it short: a status the server can never
 * answer should rather leave the document.
 */
const STATUS_EXCEPTIONS: Record<string, Record<string, string>> = {
  '*': { '500': 'the answer to an unexpected error: only a bug in the server produces it' },
};

/** Operations whose JSON may be documented as any object: their content is checked elsewhere. */
const VAGUE_ALLOWED: Record<string, string> = {
  'GET /tags/{tag}/payload':
    "CI's callback body, whose fields depend on the Tag: the Pact contracts and the fixture corpus check it",
  'GET /reviews/{review}/payload':
    "CI's moderation callback body, whose fields depend on the kind and form: the golden and invariant tests of src/moderation check it",
  'GET /workflow-finish/payload':
    "CI's WorkflowFinish body: the Pact contracts and the fixture corpus check it",
  'GET /openapi.json': 'the document itself, validated as OpenAPI 3.1 above',
};

/** One server as `serve` builds it: temp SQLite log, no retries, the given phase and target policy. */
function buildServer(options: { dbPath: string; allowTargets: string[] }) {
  const store = createDeliveryStore({ path: options.dbPath });
  const client = createDeliveryClient({ timeoutMs: 2000 });
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const faultInjector = createFaultInjector({ store, timeoutMs: 2000 });
  const scheduler = createScheduler({ store, deliverer, faultInjector });
  const internalErrors: Error[] = [];
  let phase: ServerPhase = 'serving';
  const app = createApp({
    store,
    deliverer,
    faultInjector,
    scheduler,
    sinkLog: createSinkLog({ capacity: 20 }),
    targetPolicy: createTargetPolicy(options.allowTargets),
    token: TOKEN,
    loadRunLimits: { maxDurationSeconds: 2, maxRate: 200, maxConnections: 4, maxConcurrentRuns: 1 },
    phase: () => phase,
    onInternalError: (error) => internalErrors.push(error),
  });
  return {
    app,
    deliverer,
    internalErrors,
    setPhase: (next: ServerPhase) => {
      phase = next;
    },
    async close() {
      scheduler.stop();
      await Promise.all([deliverer.drain(), faultInjector.drain()]);
      await client.close();
      store.close();
    },
  };
}
type TestServer = ReturnType<typeof buildServer>;

/** Listens on 127.0.0.1:0; `close` ends every connection. */
async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A receiver that holds every request until `release()`, then answers all (and later ones) 200. */
async function gateReceiver() {
  const held: ServerResponse[] = [];
  let open = false;
  const answer = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => (open ? answer(res) : held.push(res)));
  });
  const listening = await listen(server);
  return {
    url: `${listening.url}/callback`,
    release() {
      open = true;
      for (const res of held.splice(0)) answer(res);
    },
    close: listening.close,
  };
}

/** A request body one byte over the server's limit. */
const tooBig = 'x'.repeat(MAX_BODY_BYTES + 1);

/** A JSON request body (the method is the call's). */
const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('/openapi.json matches the real responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oas-conformance-'));
  const dbPath = join(dir, 'deliveries.db');
  const exchanges: Exchange[] = [];
  let document: OpenApiDocument;
  let main: TestServer;
  let restarted: TestServer | undefined;
  const closers: (() => Promise<void>)[] = [];

  /** Requests whose answer was not the status the scenario expects (then the scenario misses its aim). */
  const surprises: string[] = [];

  /**
   * Calls `server`'s app (with the token unless `authorized: false`), keeps the exchange, and notes a surprise
   * when the status is not `expected` (null: any).
   */
  async function call(
    expected: number | null,
    method: string,
    url: string,
    init: RequestInit = {},
    { server = main, authorized = true }: { server?: TestServer; authorized?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const headers = new Headers(init.headers);
    if (authorized) headers.set('authorization', `Bearer ${TOKEN}`);
    const response = await server.app.request(url, { ...init, method, headers });
    const text = await response.text();
    const { status } = response;
    exchanges.push({ method, url, status, headers: response.headers, body: text, authorized });
    if (expected !== null && status !== expected) {
      surprises.push(`${method} ${url}: expected ${expected}, got ${status} ${text.slice(0, 300)}`);
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status, body };
  }
  const get = (expected: number, url: string) => call(expected, 'GET', url);
  const post = (expected: number, url: string, body: unknown) => call(expected, 'POST', url, json(body));
  const field = <T>(answer: { body: unknown }, name: string) => (answer.body as Record<string, T>)[name] as T;

  /** Polls a background run (load or probe) until it is no longer running; bounded. */
  async function finished(location: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 400; i++) {
      const { body } = await get(200, location);
      if ((body as { status?: string }).status !== 'running') return body as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${location} still running after 400 polls (10 s)`);
  }

  before(async () => {
    main = buildServer({ dbPath, allowTargets: ['http://127.0.0.1:*'] });
    closers.push(() => main.close());
    const served = await listen(createAdaptorServer({ fetch: main.app.fetch }) as Server);
    closers.push(served.close);
    const sink = `${served.url}/sink`;
    const loadReceiver = await startLoadReceiver();
    closers.push(() => loadReceiver.close());
    const probeReceiver = await referenceReceiver();
    closers.push(() => probeReceiver.close());
    const gate = await gateReceiver();
    closers.push(gate.close);
    // a port nothing listens on: deliveries to it fail at once (connection refused)
    const deadServer = await listen(createServer());
    const dead = `${deadServer.url}/callback`;
    await deadServer.close();
    const refusedTarget = 'http://10.0.0.1/cb'; // outside the policy: refused before anything is sent

    document = (await get(200, '/openapi.json')).body as OpenApiDocument;

    // /health, serving and not
    await get(200, '/health');
    main.setPhase('starting');
    await get(503, '/health');
    main.setPhase('serving');

    // /tags and the payload previews
    await get(200, '/tags');
    await get(200, '/tags/SmartCover/payload?format=xml&seed=1');
    await get(200, '/tags/SpeechRecognition/payload?format=json&trigger=workflow&seed=2&jsonShape=array');
    await get(404, '/tags/Nope/payload');
    await get(400, '/tags/SmartCover/payload?format=yaml');
    await get(200, '/reviews');
    await get(200, '/reviews/video/payload?seed=1');
    await get(
      200,
      '/reviews/live/payload?callbackVersion=detail&result=violation&callbackType=2&liveState=auditing',
    );
    await get(200, '/reviews/image/payload?consoleTest=true');
    await get(404, '/reviews/pdf/payload');
    await get(400, '/reviews/document/payload?callbackVersion=simple');
    await get(400, '/reviews/video/payload?result=bad');
    await get(200, '/workflow-finish/payload?nodes=Transcode,Snapshot&format=json&seed=3');
    await get(200, '/workflow-finish/payload?nodes=Transcode&format=xml&state=failed');
    await get(400, '/workflow-finish/payload?format=json');

    // /emit: plain, to a dead target, with faults, a whole workflow run, and each refusal
    const emitted = await post(200, '/emit', { target: sink, tag: 'Transcode', count: 2, seed: 1 });
    const failed = await post(200, '/emit', { target: dead, tag: 'SmartCover', seed: 1 });
    const faulted = await post(200, '/emit', {
      target: sink,
      tag: 'Transcode',
      seed: 3,
      faults: { duplicate: { probability: 1, delayMs: 0 }, malformed: 1 },
    });
    assert.ok(field<unknown[]>(faulted, 'faultDeliveries')?.length, 'the emit with faults added deliveries');
    const run = await post(200, '/emit', {
      target: sink,
      tags: ['Transcode', 'Snapshot'],
      event: 'workflow-finish',
      run: true,
      seed: 11,
      faults: { reorder: 1 },
    });
    assert.ok(field<unknown[]>(run, 'runs')?.length, 'the workflow emit answered its runs');
    await post(400, '/emit', { target: 'ftp://x', tag: 'SmartCover' });
    await post(403, '/emit', { target: refusedTarget, tag: 'SmartCover' });
    await call(415, 'POST', '/emit', { body: JSON.stringify({ target: sink, tag: 'SmartCover' }) });
    await call(413, 'POST', '/emit', json(tooBig));

    // /schedules: create (plain, a faulted workflow run on cron, weighted), list, one, pause, resume, delete
    const created = await post(201, '/schedules', {
      target: sink,
      every: '1h',
      tags: ['Transcode'],
      format: 'json',
    });
    const id = field<number>(created, 'id');
    await post(201, '/schedules', {
      target: sink,
      cron: '0 0 1 1 *',
      tags: ['Transcode', 'Snapshot'],
      run: true,
      faults: { duplicate: 0.5 },
      limit: 3,
      jitter: '1s',
      headers: { 'X-Test': 'yes' },
    });
    await post(201, '/schedules', {
      target: sink,
      every: '1h',
      weights: { Transcode: 2, Snapshot: 1 },
    });
    await get(200, '/schedules');
    await get(200, `/schedules/${id}`);
    await call(200, 'POST', `/schedules/${id}/pause`);
    await call(200, 'POST', `/schedules/${id}/resume`);
    await call(204, 'DELETE', `/schedules/${id}`);
    for (const [method, path] of [
      ['GET', `/schedules/${id}`],
      ['POST', `/schedules/${id}/pause`],
      ['POST', `/schedules/${id}/resume`],
      ['DELETE', `/schedules/${id}`],
    ] as const) {
      await call(404, method, path);
      await call(400, method, path.replace(String(id), 'abc'));
      if (method !== 'GET') await call(413, method, path, json(tooBig));
    }
    await post(400, '/schedules', { target: sink, every: '1ms' });
    await post(403, '/schedules', { target: refusedTarget, every: '1h' });
    await call(415, 'POST', '/schedules', { body: JSON.stringify({ target: sink, every: '1h' }) });
    await call(413, 'POST', '/schedules', json(tooBig));

    // /ci: CI job API's control side — fail rules, workflows, the jobs submitted (one through CI's own path)
    const put = (expected: number, url: string, body: unknown) => call(expected, 'PUT', url, json(body));
    await get(200, '/ci/fail-rules');
    await put(200, '/ci/fail-rules', { rules: [{ glob: 'missing/*', code: 'InputObjectNotExist' }] });
    await put(400, '/ci/fail-rules', { rules: [{ glob: '', code: '1' }] });
    await call(415, 'PUT', '/ci/fail-rules', { body: JSON.stringify({ rules: [] }) });
    await call(413, 'PUT', '/ci/fail-rules', json(tooBig));
    await put(200, '/ci/workflows/w1', { tags: ['Transcode', 'Snapshot'] });
    await put(400, '/ci/workflows/w1', { tags: ['NoSuchTag'] });
    await call(415, 'PUT', '/ci/workflows/w1', { body: JSON.stringify({ tags: ['Transcode'] }) });
    await call(413, 'PUT', '/ci/workflows/w1', json(tooBig));
    await put(200, '/ci/workflows/w2', { tags: ['MediaInfo'], callback: sink });
    await get(200, '/ci/workflows');
    await call(204, 'DELETE', '/ci/workflows/w1');
    await get(200, '/ci/faults');
    await put(200, '/ci/faults', { faults: { duplicate: { probability: 0.5, delayMs: 10 } } });
    await put(400, '/ci/faults', { faults: { burst: 1 } });
    await put(200, '/ci/faults', { faults: {} });
    await call(415, 'PUT', '/ci/faults', { body: JSON.stringify({ faults: {} }) });
    await call(413, 'PUT', '/ci/faults', json(tooBig));
    await call(404, 'DELETE', '/ci/workflows/w1');
    await call(400, 'DELETE', '/ci/workflows/not%20an%20id');
    await call(413, 'DELETE', '/ci/workflows/w1', json(tooBig));
    const submitted = await main.app.request('/jobs', {
      method: 'POST',
      body: '<Request><Tag>Transcode</Tag><Input><Object>a.mp4</Object></Input><Operation/><CallBack>no</CallBack></Request>',
    });
    assert.equal(submitted.status, 200, await submitted.text());
    await get(200, '/ci/jobs');
    await get(200, '/ci/jobs?state=Submitted&limit=5');
    await get(400, '/ci/jobs?limit=0');

    // /deliveries: a page with a next cursor, one delivery, replay, refusals
    await get(200, '/deliveries?limit=2');
    await get(200, '/deliveries?status=failed');
    await get(400, '/deliveries?limit=5000');
    const delivery = field<{ id: number }[]>(emitted, 'deliveries')[0]?.id;
    await get(200, `/deliveries/${delivery}`);
    const replayed = await call(201, 'POST', `/deliveries/${delivery}/replay`);
    await get(200, `/deliveries/${field<number>(replayed, 'id')}`);
    await get(404, '/deliveries/999999');
    await get(400, '/deliveries/abc');
    await call(404, 'POST', '/deliveries/999999/replay');
    await call(400, 'POST', '/deliveries/abc/replay');
    await call(413, 'POST', `/deliveries/${delivery}/replay`, json(tooBig));

    // /sink
    const xml = { 'content-type': 'application/xml', 'x-ci-callback-attempt': '1' };
    await call(200, 'POST', '/sink', { headers: xml, body: '<Response/>' });
    await call(413, 'POST', '/sink', { body: tooBig });
    await get(200, '/sink');
    await get(200, '/sink?limit=2');
    await get(400, '/sink?limit=0');
    // what the sink answers: asked in the query (any status: the documented default), or set for all
    await call(503, 'POST', '/sink?status=503,200&delay=5ms', { headers: xml, body: '<Response/>' });
    await call(200, 'POST', '/sink?status=503,200&body=ok', { headers: xml, body: '<Response/>' });
    await call(400, 'POST', '/sink?status=99', { headers: xml, body: '<Response/>' });
    await get(200, '/sink/response');
    await call(200, 'PUT', '/sink/response', json({ status: '500,200', delay: '5ms', body: 'busy' }));
    await call(500, 'POST', '/sink', { headers: xml, body: '<Response/>' });
    await call(400, 'PUT', '/sink/response', json({ status: 99 }));
    await call(415, 'PUT', '/sink/response', { body: JSON.stringify({ status: 503 }) });
    await call(413, 'PUT', '/sink/response', json(tooBig));
    await call(413, 'DELETE', '/sink/response', json(tooBig));
    await call(204, 'DELETE', '/sink/response');

    // /load-runs: a real short run to its report, a second one while it runs (409), refusals
    const load = await post(202, '/load-runs', {
      target: loadReceiver.url,
      rate: 40,
      duration: '300ms',
      tags: 'SoundHound',
      failOn: 'p99>5s',
    });
    await post(409, '/load-runs', { target: loadReceiver.url, rate: 10, duration: '300ms' });
    const loadRun = await finished(field<string>(load, 'location'));
    assert.equal(loadRun['status'], 'done', JSON.stringify(loadRun));
    await get(404, '/load-runs/nope');
    await get(400, `/load-runs/${'x'.repeat(65)}`);
    await post(400, '/load-runs', { target: loadReceiver.url, rate: 5000, duration: '1s' });
    await post(403, '/load-runs', { target: refusedTarget, rate: 10, duration: '1s' });
    await call(415, 'POST', '/load-runs', { body: JSON.stringify({ target: loadReceiver.url, rate: 10 }) });
    await call(413, 'POST', '/load-runs', json(tooBig));

    // /probes: a real run to its report; two held at a gate, so a third is refused (409); refusals
    const probe = await post(202, '/probes', {
      target: probeReceiver.url,
      only: ['duplicate', 'malformed'],
      timeoutMs: 2000,
      seed: 4,
    });
    const probeRun = await finished(field<string>(probe, 'location'));
    assert.equal(probeRun['status'], 'done', JSON.stringify(probeRun));
    const gated = { target: gate.url, only: ['duplicate'], timeoutMs: 2000 };
    const held = [await post(202, '/probes', gated), await post(202, '/probes', gated)];
    await post(409, '/probes', gated);
    gate.release();
    for (const started of held) await finished(field<string>(started, 'location'));
    await get(404, '/probes/nope');
    await get(400, '/probes/not%20an%20id');
    await post(400, '/probes', { target: probeReceiver.url, only: ['dupe'] });
    await post(403, '/probes', { target: refusedTarget });
    await call(415, 'POST', '/probes', { body: JSON.stringify({ target: probeReceiver.url }) });
    await call(413, 'POST', '/probes', json(tooBig));

    // every documented operation asked without the token: 401 where the document says it needs one
    for (const { path, method } of operationsOf(document)) {
      const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{tag}' ? 'SmartCover' : '1'));
      await call(null, method.toUpperCase(), url, method === 'post' ? json({}) : {}, { authorized: false });
    }

    // the same log opened by a server restarted with a narrower --allow-target (only …/callback targets),
    // then shutting down
    const server = buildServer({ dbPath, allowTargets: ['http://127.0.0.1:*/callback'] });
    restarted = server;
    closers.push(() => server.close());
    await call(403, 'POST', `/deliveries/${delivery}/replay`, {}, { server }); // to /sink: no longer allowed
    server.setPhase('stopping');
    await call(503, 'GET', '/health', {}, { server });
    await server.deliverer.drain();
    const toDead = field<{ id: number }[]>(failed, 'deliveries')[0]?.id;
    await call(503, 'POST', `/deliveries/${toDead}/replay`, {}, { server });
    await call(503, 'POST', '/emit', json({ target: dead, tag: 'SmartCover' }), { server });
  });

  after(async () => {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every request got the status the scenario asks for (so each status below was produced)', () => {
    assert.deepEqual(surprises, []);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.match(document.openapi, /^3\.1\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    assert.ok(result.valid, `not a valid OpenAPI 3.1 document:\n${JSON.stringify(result.errors, null, 2)}`);
    // and every $ref points at something in it
    const refs: string[] = [];
    JSON.stringify(document, (key, value) => {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      return value;
    });
    for (const ref of refs) assert.doesNotThrow(() => resolveRef(document, { $ref: ref }), ref);
  });

  it('every answer has a documented status, media type and headers, and a body its schema accepts', () => {
    const checker = createConformanceChecker(document, { vagueAllowed: VAGUE_ALLOWED });
    for (const exchange of exchanges) checker.check(exchange);
    if (checker.mismatches.length > 0) {
      assert.fail(
        `answers that differ from /openapi.json, by operation and status:\n${formatMismatches(checker.mismatches)}`,
      );
    }
  });

  it('every documented operation and every documented status was produced', () => {
    const checker = createConformanceChecker(document);
    for (const exchange of exchanges) checker.check(exchange);
    const missing = checker.unreached(STATUS_EXCEPTIONS);
    if (missing.length > 0) assert.fail(`documented but not produced:\n${formatMismatches(missing)}`);
    assert.ok(operationsOf(document).length >= 15, 'the document lists the API');
  });

  it('no request above ran into an internal error', () => {
    assert.deepEqual([...main.internalErrors, ...(restarted?.internalErrors ?? [])], []);
  });

  it('the exceptions name documented statuses only', () => {
    const documented = new Map(operationsOf(document).map((op) => [operationKey(op), op.operation]));
    for (const [key, statuses] of Object.entries(STATUS_EXCEPTIONS)) {
      if (key === '*') continue;
      const responses = (documented.get(key)?.['responses'] ?? {}) as Record<string, unknown>;
      for (const status of Object.keys(statuses)) assert.ok(status in responses, `${key} ${status}`);
    }
  });
});

describe('the conformance checker', () => {
  const problem = {
    description: 'error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    security: [{ bearer: [] }],
    components: {
      schemas: {
        Problem: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Summary: {
          type: 'object',
          properties: { id: { type: 'integer' }, at: { type: ['string', 'null'] } },
        },
        // composition: Summary's fields plus `attempts` (whose items are strict on their own)
        Detail: {
          allOf: [
            { $ref: '#/components/schemas/Summary' },
            {
              type: 'object',
              properties: {
                attempts: {
                  type: 'array',
                  items: { type: 'object', properties: { n: { type: 'integer' } } },
                },
              },
            },
          ],
        },
      },
    },
    paths: {
      '/things': {
        get: {
          security: [],
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      things: { type: 'array', items: { $ref: '#/components/schemas/Summary' } },
                      extra: { type: 'object' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '/things/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              headers: { 'X-Seed': { schema: { type: 'integer' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Detail' } } },
            },
            '401': problem,
            '404': problem,
          },
        },
      },
      '/things/latest': { get: { responses: { '204': { description: 'none' } } } },
    },
  };
  const exchange = (url: string, status: number, body: unknown, headers: Record<string, string> = {}) => ({
    method: 'GET',
    url,
    status,
    headers: new Headers(body === '' ? headers : { 'content-type': 'application/json', ...headers }),
    body: body === '' ? '' : JSON.stringify(body),
    authorized: true,
  });
  const messages = (...exchanges: Exchange[]) => {
    const checker = createConformanceChecker(document);
    for (const e of exchanges) checker.check(e);
    return checker.mismatches.map((m) => `${m.operation} ${m.status}: ${m.message}`);
  };
  const detail = { id: 1, at: null, attempts: [{ n: 1 }] };

  it('the OpenAPI validator refuses a document that breaks OpenAPI 3.1, saying where', async () => {
    const valid = { ...structuredClone(document), info: { title: 't', version: '1' } };
    assert.equal((await new Validator().validate(valid as never)).valid, true);
    const broken = { ...valid, paths: { '/things': { get: { responses: 'none' } } } };
    const result = await new Validator().validate(broken as never);
    assert.equal(result.valid, false);
    assert.match(JSON.stringify(result.errors), /\/paths\/~1things\/get\/responses/);
    const noInfo = await new Validator().validate(structuredClone(document) as never);
    assert.match(JSON.stringify(noInfo.errors), /must have required property 'info'/);
  });

  it('accepts a body that has exactly the fields of an allOf composition', () => {
    assert.deepEqual(messages(exchange('/things/1', 200, detail, { 'x-seed': '7' })), []);
  });

  it('names a field the document does not list, at any depth, through allOf and $ref', () => {
    assert.deepEqual(
      messages(
        exchange('/things/1', 200, { ...detail, secret: 'x' }, { 'x-seed': '7' }),
        exchange(
          '/things/2',
          200,
          { ...detail, attempts: [{ n: 1 }, { n: 2, why: 'x' }] },
          { 'x-seed': '7' },
        ),
        exchange('/things', 200, { things: [{ id: 1, attempts: [] }] }),
      ),
      [
        "GET /things/{id} 200: body: has 'secret', which the schema does not list",
        "GET /things/{id} 200: body/attempts/*: has 'why', which the schema does not list",
        // Summary alone is strict, even though Detail composes it
        "GET /things 200: body/things/*: has 'attempts', which the schema does not list",
      ],
    );
  });

  it('names a wrong type, a missing or wrong header, and an undocumented header', () => {
    assert.deepEqual(
      messages(
        exchange('/things/1', 200, { ...detail, id: '1' }, { 'x-seed': '7', 'x-debug': 'on' }),
        exchange('/things/1', 200, detail),
        exchange('/things/1', 200, detail, { 'x-seed': 'seven' }),
      ),
      [
        'GET /things/{id} 200: sends header x-debug, which is not documented',
        'GET /things/{id} 200: body/id: must be integer',
        'GET /things/{id} 200: documented header x-seed is missing',
        "GET /things/{id} 200: header x-seed: 'seven' must be integer",
      ],
    );
  });

  it('names an undocumented status, media type or body, and an unknown route', () => {
    const text = {
      ...exchange('/things/1', 404, ''),
      headers: new Headers({ 'content-type': 'text/plain' }),
    };
    assert.deepEqual(
      messages(
        exchange('/things/1', 500, { error: 'internal' }),
        { ...text, body: 'not found' },
        exchange('/things/latest', 204, { unexpected: true }),
        exchange('/nothing', 404, { error: 'not_found' }),
      ),
      [
        'GET /things/{id} 500: status not documented (documented: 200, 401, 404)',
        'GET /things/{id} 404: media type text/plain not documented (documented: application/json)',
        'GET /things/latest 204: sends a body (application/json), but no content is documented',
        'GET /nothing 404: matches no documented operation',
      ],
    );
  });

  it('names a schema that accepts any object, unless allowed for the operation', () => {
    const filled = exchange('/things', 200, { things: [], extra: { anything: 1 } });
    assert.deepEqual(messages(filled), [
      'GET /things 200: body/extra: documented as any object, so what the server puts in it goes unchecked',
    ]);
    const checker = createConformanceChecker(document, { vagueAllowed: { 'GET /things': 'a test' } });
    checker.check(filled);
    assert.deepEqual(checker.mismatches, []);
  });

  it('checks the documented security against answers without the token', () => {
    assert.deepEqual(
      messages(
        { ...exchange('/things/1', 401, { error: 'unauthorized' }), authorized: false },
        { ...exchange('/things', 401, { error: 'unauthorized' }), authorized: false },
        { ...exchange('/things/latest', 204, ''), authorized: false },
      ),
      [
        'GET /things 401: answered without the token, yet the operation is documented with no security',
        'GET /things 401: status not documented (documented: 200)',
        'GET /things/latest 204: served without the token, yet the operation is documented as needing it (security)',
      ],
    );
  });

  it('reports operations and documented statuses never produced, but for the exceptions', () => {
    const checker = createConformanceChecker(document);
    checker.check(exchange('/things/1', 200, detail, { 'x-seed': '1' }));
    assert.deepEqual(
      checker
        .unreached({ 'GET /things/{id}': { '401': 'a test' }, '*': { '404': 'a test' } })
        .map((m) => `${m.operation} ${m.status}`),
      ['GET /things -', 'GET /things/latest -'],
    );
    const report = formatMismatches([
      ...checker.unreached(),
      { operation: 'GET /things', status: '200', message: 'x', request: 'GET /things?a=1' },
      { operation: 'GET /things', status: '200', message: 'x', request: 'GET /things?a=2' },
    ]);
    assert.equal(
      report,
      [
        'GET /things',
        '  -: never exercised',
        '  200: x [GET /things?a=1 and 1 more]',
        'GET /things/{id}',
        '  401: documented, never produced',
        '  404: documented, never produced',
        'GET /things/latest',
        '  -: never exercised',
      ].join('\n'),
    );
  });
});
