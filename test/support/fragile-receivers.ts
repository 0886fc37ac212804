/**
 * @module test/support/fragile-receivers
 * Test support: receivers with one realistic weakness each, built on the reference receiver, so the probe
 * battery can be shown to fail exactly the probes that weakness should fail — and nothing else.
 */
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createReceiver } from '../../examples/receiver/app.ts';
import { CallbackError, parseCallback } from '../../examples/receiver/callback.ts';
import { listenReceiver } from '../../examples/receiver/listen.ts';
import { parseXml } from '../../src/core/render-xml.ts';
import type { Job } from '../../src/core/types.ts';
import { generate } from '../../src/payloads/generate.ts';
import { tagNames } from '../../src/payloads/registry.ts';
import { generateWorkflowFinish } from '../../src/payloads/workflow-finish.ts';

export interface RunningReceiver {
  url: string;
  close(): Promise<void>;
}

/** Short enough for tests; long enough for the large probe (5.6 MiB) on a busy machine. */
export const TEST_REQUEST_TIMEOUT_MS = 2_500;

async function listen(
  app: Hono,
  requestTimeoutMs = TEST_REQUEST_TIMEOUT_MS,
): Promise<RunningReceiver & { server: ServerType }> {
  const { server, url } = await listenReceiver(app, { port: 0, requestTimeoutMs });
  return {
    server,
    url: `${url}/callback`,
    close: () =>
      new Promise<void>((done) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The reference receiver as `examples/receiver/server.ts` runs it, with a test-sized request timeout. */
export function referenceReceiver(): Promise<RunningReceiver> {
  return listen(createReceiver());
}

/** No body timeout (Node's requestTimeout off): a client that stalls half-way holds the request forever. */
export function noBodyTimeoutReceiver(): Promise<RunningReceiver> {
  return listen(createReceiver(), 0);
}

/** Stores each job under a unique JobId and answers 500 when the insert fails: a duplicate is an error. */
export function uniqueJobIdReceiver(): Promise<RunningReceiver> {
  const seen = new Set<string>();
  return listen(
    createReceiver({
      onJob: (job) => {
        if (seen.has(job.jobId)) throw new Error(`UNIQUE constraint failed: jobs.job_id (${job.jobId})`);
        seen.add(job.jobId);
      },
    }),
  );
}

/** Dies — every connection dropped, nothing listening — on the first body that is not well-formed XML. */
export async function crashOnMalformedReceiver(): Promise<RunningReceiver> {
  const app = new Hono();
  let crash: () => void = () => {};
  app.post('/callback', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    try {
      parseCallback(contentType, await c.req.text());
    } catch (error) {
      if (!contentType.includes('json') && error instanceof CallbackError) crash();
      return c.json({ error: 'bad callback' }, 400);
    }
    return c.body(null, 204);
  });
  const running = await listen(app);
  crash = () => {
    running.server.close();
    if ('closeAllConnections' in running.server) running.server.closeAllConnections();
  };
  return running;
}

function elementNames(tree: Job, into: Set<string>): Set<string> {
  for (const [name, value] of Object.entries(tree)) {
    into.add(name);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'object') elementNames(item as Job, into);
    }
  }
  return into;
}

/** Every element name the emitter sends today (each Tag, both triggers and states, and WorkflowFinish). */
const SCHEMA_SEEDS = 40;

function knownElements(): Set<string> {
  const names = new Set<string>();
  // Some elements appear only in some jobs (a partial failure, an optional list): a schema that knows every
  // element the emitter sends learns them over many seeds, so only the probe's unknown fields are refused.
  for (let seed = 1; seed <= SCHEMA_SEEDS; seed++) {
    for (const tag of tagNames()) {
      for (const trigger of ['direct', 'workflow'] as const) {
        for (const state of ['success', 'failed'] as const) {
          elementNames(parseXml(generate({ tag, trigger, state, seed }).body), names);
        }
      }
    }
  }
  for (const state of ['success', 'failed'] as const) {
    elementNames(
      parseXml(generateWorkflowFinish({ tags: ['Transcode', 'Snapshot', 'Animation'], state, seed: 1 }).body),
      names,
    );
  }
  return names;
}

/** Validates against a closed schema: an element it does not know is a 400. */
export function strictSchemaReceiver(): Promise<RunningReceiver> {
  const known = knownElements().add('Response');
  const app = new Hono();
  app.post('/callback', async (c) => {
    const body = await c.req.text();
    let tree: Job;
    try {
      parseCallback(c.req.header('content-type') ?? '', body); // well-formed and a callback at all
      tree = body.trimStart().startsWith('<') ? parseXml(body) : (JSON.parse(body) as Job);
    } catch {
      return c.json({ error: 'not a callback' }, 400);
    }
    const unknown = [...elementNames(tree, new Set())].filter((name) => !known.has(name));
    if (unknown.length > 0) return c.json({ error: `unknown elements: ${unknown.join(', ')}` }, 400);
    return c.body(null, 204);
  });
  return listen(app);
}

/** Reads the event from a fixed position: an XML `<Response>` must start with `<EventName>`. */
export function elementOrderReceiver(): Promise<RunningReceiver> {
  const reference = createReceiver();
  const app = new Hono();
  app.post('/callback', async (c) => {
    const body = await c.req.text();
    if (body.trimStart().startsWith('<') && !/^\s*<Response>\s*<EventName>/.test(body))
      return c.json({ error: 'EventName not found' }, 400);
    return reference.request('/callback', { method: 'POST', body, headers: c.req.header() });
  });
  return listen(app);
}

/** Compares Content-Type literally: anything but exactly `application/xml` or `application/json` is a 415. */
export function literalContentTypeReceiver(): Promise<RunningReceiver> {
  const reference = createReceiver();
  const app = new Hono();
  app.post('/callback', async (c) => {
    const contentType = c.req.header('content-type');
    if (contentType !== 'application/xml' && contentType !== 'application/json') {
      return c.json({ error: `unsupported media type ${contentType}` }, 415);
    }
    return reference.request('/callback', {
      method: 'POST',
      body: await c.req.text(),
      headers: c.req.header(),
    });
  });
  return listen(app);
}
