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
import {
  createConformanceChecker,
  type Exchange,
  formatMismatches,
  type OpenApiDocument,
  operationKey,
  operationsOf,
  resolveRef,
} from '../../test/support/openapi-conformance.ts';
import { createDeliveryClient, type DeliveryClient } from '../delivery/client.ts';
import { createDeliverer, type Deliverer } from '../delivery/deliverer.ts';
import { createScheduler, type Scheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore, type DeliveryStore } from '../delivery/store.ts';
import { createFaultInjector, type FaultInjector } from '../faults/injector.ts';
import { type LoadReceiver, startLoadReceiver } from '../load/test-receiver.ts';
import { type RunningReceiver, referenceReceiver } from '../probe/fragile-receivers.ts';
import { createApp, MAX_BODY_BYTES } from './app.ts';
import type { ServerPhase } from './deps.ts';
import { createSinkLog } from './sink-log.ts';
import { createTargetPolicy } from './target-policy.ts';

const TOKEN = 'conformance-token';

/**
 * Documented statuses no test can produce, each with why. Keep it short: a status the server can never
 * answer should rather leave the document.
 */
const STATUS_EXCEPTIONS: Record<string, Record<string, string>> = {};

/** Operations whose JSON may be documented as any object: their content is checked elsewhere. */
const VAGUE_ALLOWED: Record<string, string> = {
  'GET /tags/{tag}/payload':
    "CI's callback body, whose fields depend on the Tag: the Pact contracts and the fixture corpus check it",
  'GET /workflow-finish/payload':
    "CI's WorkflowFinish body: the Pact contracts and the fixture corpus check it",
  'GET /openapi.json': 'the document itself, validated as OpenAPI 3.1 above',
};

/** One server as `serve` builds it: temp SQLite log, no retries, the given phase and target policy. */
function buildServer(options: { dbPath: string; allowTargets: string[] }) {
  const store: DeliveryStore = createDeliveryStore({ path: options.dbPath });
  const client: DeliveryClient = createDeliveryClient({ timeoutMs: 2000 });
  const deliverer: Deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const faultInjector: FaultInjector = createFaultInjector({ store, timeoutMs: 2000 });
  const scheduler: Scheduler = createScheduler({ store, deliverer, faultInjector });
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
    held: () => held.length,
    release() {
      open = true;
      for (const res of held.splice(0)) answer(res);
    },
    close: listening.close,
  };
}

/** A request body one byte over the server's limit. */
const tooBig = 'x'.repeat(MAX_BODY_BYTES + 1);

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
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

  /** Calls `server`'s app (with the token unless `authorized: false`) and keeps the exchange. */
  async function call(
    server: TestServer,
    method: string,
    url: string,
    init: RequestInit = {},
    authorized = true,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const headers = new Headers(init.headers);
    if (authorized) headers.set('authorization', `Bearer ${TOKEN}`);
    const response = await server.app.request(url, { ...init, method, headers });
    const text = await response.text();
    exchanges.push({
      method,
      url,
      status: response.status,
      headers: response.headers,
      body: text,
      authorized,
    });
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body, headers: response.headers };
  }
  const get = (url: string) => call(main, 'GET', url);
  const post = (url: string, body: unknown) => call(main, 'POST', url, json(body));

  /** Polls a background run (load or probe) until it is no longer running; bounded. */
  async function finished(location: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const { body } = await get(location);
      const run = body as { status?: string };
      if (run.status !== 'running') return body as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${location} still running after 200 polls`);
  }

  before(async () => {
    main = buildServer({ dbPath, allowTargets: ['http://127.0.0.1:*'] });
    closers.push(() => main.close());
    const served = await listen(createAdaptorServer({ fetch: main.app.fetch }) as Server);
    closers.push(served.close);
    const sink = `${served.url}/sink`;
    const loadReceiver: LoadReceiver = await startLoadReceiver();
    closers.push(() => loadReceiver.close());
    const probeReceiver: RunningReceiver = await referenceReceiver();
    closers.push(() => probeReceiver.close());
    const gate = await gateReceiver();
    closers.push(gate.close);
    // a port nothing listens on: deliveries to it fail at once (connection refused)
    const deadServer = await listen(createServer());
    const dead = `${deadServer.url}/callback`;
    await deadServer.close();

    const openapi = await get('/openapi.json');
    assert.equal(openapi.status, 200);
    document = openapi.body as OpenApiDocument;

    // /health, serving and not
    await get('/health');
    main.setPhase('starting');
    await get('/health');
    main.setPhase('serving');

    // /tags and the payload previews
    await get('/tags');
    await get('/tags/SmartCover/payload?format=xml&seed=1');
    await get('/tags/SpeechRecognition/payload?format=json&trigger=workflow&seed=2&jsonShape=array');
    await get('/tags/Nope/payload');
    await get('/tags/SmartCover/payload?format=yaml');
    await get('/workflow-finish/payload?nodes=Transcode,Snapshot&format=json&seed=3');
    await get('/workflow-finish/payload?nodes=Transcode&format=xml&state=failed');
    await get('/workflow-finish/payload?format=json');

    // /emit: plain, failing target, faults, a whole workflow run, and every refusal
    const emitted = await post('/emit', { target: sink, tag: 'Transcode', count: 2, seed: 1 });
    assert.equal(emitted.status, 200, JSON.stringify(emitted.body));
    await post('/emit', { target: dead, tag: 'SmartCover', seed: 1 });
    const faulted = await post('/emit', {
      target: sink,
      tag: 'Transcode',
      seed: 3,
      faults: { duplicate: { probability: 1, delayMs: 0 }, malformed: 1 },
    });
    assert.ok((faulted.body as { faultDeliveries?: unknown[] }).faultDeliveries?.length);
    const run = await post('/emit', {
      target: sink,
      tags: ['Transcode', 'Snapshot'],
      event: 'workflow-finish',
      run: true,
      seed: 11,
      faults: { reorder: 1 },
    });
    assert.ok((run.body as { runs?: unknown[] }).runs?.length, JSON.stringify(run.body));
    await post('/emit', { target: 'ftp://x', tag: 'SmartCover' });
    await post('/emit', { target: 'http://10.0.0.1/cb', tag: 'SmartCover' });
    await call(main, 'POST', '/emit', { body: JSON.stringify({ target: sink, tag: 'SmartCover' }) });
    await call(main, 'POST', '/emit', json(tooBig));

    // /schedules: create (plain and a faulted workflow run), list, one, pause, resume, delete, refusals
    const created = await post('/schedules', {
      target: sink,
      every: '1h',
      tags: ['Transcode'],
      format: 'json',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = (created.body as { id: number }).id;
    await post('/schedules', {
      target: sink,
      cron: '0 0 1 1 *',
      tags: ['Transcode', 'Snapshot'],
      run: true,
      faults: { duplicate: 0.5 },
      limit: 3,
      jitter: '1s',
      headers: { 'X-Test': 'yes' },
    });
    await post('/schedules', {
      target: sink,
      every: '1h',
      tags: ['Transcode', 'Snapshot'],
      weights: { Transcode: 2 },
    });
    await get('/schedules');
    await get(`/schedules/${id}`);
    await call(main, 'POST', `/schedules/${id}/pause`);
    await call(main, 'POST', `/schedules/${id}/resume`);
    await call(main, 'DELETE', `/schedules/${id}`);
    await get(`/schedules/${id}`);
    await call(main, 'POST', `/schedules/${id}/pause`);
    await call(main, 'POST', `/schedules/${id}/resume`);
    await call(main, 'DELETE', `/schedules/${id}`);
    for (const [method, path] of [
      ['GET', '/schedules/abc'],
      ['POST', '/schedules/abc/pause'],
      ['POST', '/schedules/abc/resume'],
      ['DELETE', '/schedules/abc'],
    ] as const) {
      await call(main, method, path);
    }
    await call(main, 'POST', `/schedules/${id}/pause`, json(tooBig));
    await call(main, 'POST', `/schedules/${id}/resume`, json(tooBig));
    await call(main, 'DELETE', `/schedules/${id}`, json(tooBig));
    await post('/schedules', { target: sink, every: '1ms' });
    await post('/schedules', { target: 'http://10.0.0.1/cb', every: '1h' });
    await call(main, 'POST', '/schedules', { body: JSON.stringify({ target: sink, every: '1h' }) });
    await call(main, 'POST', '/schedules', json(tooBig));

    // /deliveries: a page with a next cursor, one delivery, replay, refusals
    await get('/deliveries?limit=2');
    await get('/deliveries?status=failed');
    await get('/deliveries?limit=5000');
    const delivery = (emitted.body as { deliveries: { id: number }[] }).deliveries[0]?.id;
    await get(`/deliveries/${delivery}`);
    const replayed = await call(main, 'POST', `/deliveries/${delivery}/replay`);
    assert.equal(replayed.status, 201, JSON.stringify(replayed.body));
    await get(`/deliveries/${(replayed.body as { id: number }).id}`);
    await get('/deliveries/999999');
    await get('/deliveries/abc');
    await call(main, 'POST', '/deliveries/999999/replay');
    await call(main, 'POST', '/deliveries/abc/replay');
    await call(main, 'POST', `/deliveries/${delivery}/replay`, json(tooBig));

    // /sink
    await call(main, 'POST', '/sink', {
      headers: { 'content-type': 'application/xml', 'x-ci-callback-attempt': '1' },
      body: '<Response/>',
    });
    await call(main, 'POST', '/sink', { body: tooBig });
    await get('/sink');
    await get('/sink?limit=2');
    await get('/sink?limit=0');

    // /load-runs: a real short run to its report, a second one while it runs (409), refusals
    const load = await post('/load-runs', {
      target: loadReceiver.url,
      rate: 40,
      duration: '300ms',
      tags: 'SoundHound',
      failOn: 'p99>5s',
    });
    assert.equal(load.status, 202, JSON.stringify(load.body));
    const busy = await post('/load-runs', { target: loadReceiver.url, rate: 10, duration: '300ms' });
    assert.equal(busy.status, 409, JSON.stringify(busy.body));
    const loadRun = await finished((load.body as { location: string }).location);
    assert.equal(loadRun['status'], 'done', JSON.stringify(loadRun));
    await get('/load-runs/nope');
    await post('/load-runs', { target: loadReceiver.url, rate: 5000, duration: '1s' });
    await post('/load-runs', { target: 'http://10.0.0.1/cb', rate: 10, duration: '1s' });
    await call(main, 'POST', '/load-runs', { body: JSON.stringify({ target: loadReceiver.url, rate: 10 }) });
    await call(main, 'POST', '/load-runs', json(tooBig));

    // /probes: a real run to its report; two held at a gate, so a third is refused (409); refusals
    const probe = await post('/probes', {
      target: probeReceiver.url,
      only: ['duplicate', 'malformed'],
      timeoutMs: 2000,
      seed: 4,
    });
    assert.equal(probe.status, 202, JSON.stringify(probe.body));
    const probeRun = await finished((probe.body as { location: string }).location);
    assert.equal(probeRun['status'], 'done', JSON.stringify(probeRun));
    const gated = [
      await post('/probes', { target: gate.url, only: ['duplicate'], timeoutMs: 2000 }),
      await post('/probes', { target: gate.url, only: ['duplicate'], timeoutMs: 2000 }),
    ];
    const third = await post('/probes', { target: gate.url, only: ['duplicate'], timeoutMs: 2000 });
    assert.equal(third.status, 409, JSON.stringify(third.body));
    gate.release();
    for (const started of gated) await finished((started.body as { location: string }).location);
    await get('/probes/nope');
    await post('/probes', { target: probeReceiver.url, only: ['dupe'] });
    await post('/probes', { target: 'http://10.0.0.1/cb' });
    await call(main, 'POST', '/probes', { body: JSON.stringify({ target: probeReceiver.url }) });
    await call(main, 'POST', '/probes', json(tooBig));

    // every documented operation asked without the token: 401 where the document says it needs one
    for (const { path, method } of operationsOf(document)) {
      const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{tag}' ? 'SmartCover' : '1'));
      const init = method === 'post' ? json({}) : {};
      await call(main, method.toUpperCase(), url, init, false);
    }

    // the same log, opened by a server restarted with a narrower --allow-target, then shutting down
    restarted = buildServer({ dbPath, allowTargets: ['http://localhost:*'] });
    closers.push(() => restarted?.close() ?? Promise.resolve());
    const refused = await call(restarted, 'POST', `/deliveries/${delivery}/replay`);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    restarted.setPhase('stopping');
    await call(restarted, 'GET', '/health');
    await restarted.deliverer.drain();
    await call(restarted, 'POST', '/emit', json({ target: 'http://localhost:9/cb', tag: 'SmartCover' }));
  });

  after(async () => {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
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
      checker.unreached({ 'GET /things/{id}': { '401': 'a test' } }).map((m) => `${m.operation} ${m.status}`),
      ['GET /things -', 'GET /things/{id} 404', 'GET /things/latest -'],
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
