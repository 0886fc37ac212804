/**
 * The fixture server against the input a fuzzer found harmful: each case was a real bug (a 200 that broke the
 * server, a 500, a misleading 400, a secret shown, a dropped connection); these tests keep them fixed.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { MAX_BODY_BYTES } from '../server/app.ts';
import { type RunningServer, startServer } from '../server/start.ts';
import type { ProblemBody } from './problem.ts';

const json = (body: unknown, contentType = 'application/json') => ({
  method: 'POST',
  headers: { 'content-type': contentType },
  body: JSON.stringify(body),
});

describe('fixture server hardening', () => {
  let server: RunningServer;
  let receiver: TestReceiver;
  const lines: string[] = [];
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  const problem = async (response: Response) => (await response.json()) as ProblemBody;

  before(async () => {
    receiver = await startReceiver();
    server = await startServer({ retryPolicy: { delaysMs: [10, 10, 10] }, log: (line) => lines.push(line) });
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it('refuses prototype-polluting overrides and keeps answering JSON requests and /sink', async () => {
    for (const override of ['__proto__.x=1', 'constructor.prototype.x=1']) {
      const emit = await call(
        '/emit',
        json({ target: receiver.url, tag: 'Transcode', overrides: [override] }),
      );
      assert.equal(emit.status, 400, override);
      assert.deepEqual((await problem(emit)).fields, ['overrides.0']);
      const schedule = await call(
        '/schedules',
        json({ target: receiver.url, every: '1h', overrides: [override] }),
      );
      assert.equal(schedule.status, 400, override);
    }
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
    const emit = await call('/emit', json({ target: receiver.url, tag: 'Transcode' }));
    assert.equal(emit.status, 200);
    const sink = await call('/sink', { method: 'POST', body: '<Response/>' });
    assert.equal(sink.status, 200);
  });

  it('answers 400, not 500, for a value that cannot be turned into text (found by the fuzzer)', async () => {
    const odd = { toString: '' }; // String() throws on it
    for (const [path, body, field] of [
      ['/schedules', { target: receiver.url, every: '1h', state: odd }, 'state'],
      ['/emit', { target: receiver.url, tag: 'Transcode', format: odd }, 'format'],
      ['/load-runs', { target: receiver.url, rate: odd }, 'rate'],
    ] as const) {
      const response = await call(path, json(body));
      assert.equal(response.status, 400, path);
      const { detail, fields } = await problem(response);
      assert.deepEqual(fields, [field]);
      assert.match(detail, /\{"toString":""\}/, path);
    }
  });

  it('refuses header values that can never be sent, naming the header, and stores nothing', async () => {
    const before = (await (await call('/deliveries')).json()) as { deliveries: unknown[] };
    for (const value of ['€', 'a\u0000b', 'a\u007fb', 'a\u2028b', '😀']) {
      const response = await call(
        '/emit',
        json({ target: receiver.url, tag: 'Transcode', headers: { 'X-A': value } }),
      );
      assert.equal(response.status, 400, JSON.stringify(value));
      const body = await problem(response);
      assert.deepEqual(body.fields, ['headers.X-A']);
      assert.match(body.detail, /visible US-ASCII/);
    }
    const after = (await (await call('/deliveries')).json()) as { deliveries: unknown[] };
    assert.equal(after.deliveries.length, before.deliveries.length);
    const fine = await call(
      '/emit',
      json({ target: receiver.url, tag: 'Transcode', headers: { 'X-A': 'v 1\t2' } }),
    );
    assert.equal(fine.status, 200);
  });

  it('closes the connection it answered 413 on, so the next request opens a new one', async () => {
    const agent = new Agent({ connections: 1 });
    try {
      const big = await request(`${server.url}/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
        dispatcher: agent,
      });
      assert.equal(big.statusCode, 413);
      assert.equal(big.headers['connection'], 'close');
      await big.body.json();
      const next = await request(`${server.url}/health`, { dispatcher: agent });
      assert.equal(next.statusCode, 200);
      await next.body.json();
    } finally {
      await agent.close();
    }
  });

  it('answers 415 naming the accepted types when a body is not sent as JSON', async () => {
    const body = { target: receiver.url, tag: 'Transcode' };
    for (const type of [
      'application/json-seq',
      'application/json, text/plain',
      'application/a+b+json',
      'text/plain',
    ]) {
      const response = await call('/emit', json(body, type));
      assert.equal(response.status, 415, type);
      const problemBody = await problem(response);
      assert.equal(problemBody.error, 'unsupported_media_type');
      assert.match(problemBody.detail, /accepted: application\/json or application\/<name>\+json/);
    }
    for (const type of ['application/json; charset=utf-8', 'application/vnd.ci+json']) {
      assert.equal((await call('/emit', json(body, type))).status, 200, type);
    }
  });

  it('refuses a load-run rate that would send nothing, before starting anything', async () => {
    const response = await call('/load-runs', json({ target: receiver.url, rate: 0.001, duration: '1s' }));
    assert.equal(response.status, 400);
    const body = await problem(response);
    assert.deepEqual(body.fields, ['rate']);
    assert.match(body.detail, /sends no request in 1 s/);
  });

  it('names the request fields of /load-runs, not CLI flags', async () => {
    const cases: [unknown, string[], RegExp][] = [
      [{}, ['rate'], /^rate: give rate .* or connections/],
      [{ connections: 2, maxInFlight: 3 }, ['maxInFlight'], /^maxInFlight applies/],
      [{ rate: 10, failOn: 'p42>1' }, ['failOn'], /failOn condition/],
      [{ rate: 10, tags: 'Nope' }, ['tags'], /unknown tag 'Nope'/],
    ];
    for (const [fields, expected, detail] of cases) {
      const response = await call('/load-runs', json({ target: receiver.url, ...(fields as object) }));
      assert.equal(response.status, 400);
      const body = await problem(response);
      assert.deepEqual(body.fields, expected, JSON.stringify(fields));
      assert.match(body.detail, detail);
    }
  });

  it('names an unknown Tag of a schedule by its place in the list, as sent', async () => {
    const cases: [unknown, string[], RegExp][] = [
      [{ tags: ['Transcode', 'SmartCover', 'Nope'] }, ['tags.2'], /^tags\.2: unknown tag 'Nope'; accepted: /],
      [
        { weights: { Transcode: 1, Nope: 2 } },
        ['weights.Nope'],
        /^weights\.Nope: unknown tag 'Nope'; accepted: /,
      ],
    ];
    for (const [fields, expected, detail] of cases) {
      const response = await call(
        '/schedules',
        json({ target: receiver.url, every: '1h', ...(fields as object) }),
      );
      assert.equal(response.status, 400);
      const body = await problem(response);
      assert.deepEqual(body.fields, expected, JSON.stringify(fields));
      assert.match(body.detail, detail);
    }
  });

  it('masks credentials of a target wherever it is shown, and still sends them', async () => {
    const secret = receiver.url.replace('http://', 'http://user:pa55@');
    const emit = await call('/emit', json({ target: `${secret}?token=t0p`, tag: 'Transcode' }));
    assert.equal(emit.status, 200);
    const { deliveries } = (await emit.json()) as { deliveries: { id: number; target: string }[] };
    const [delivery] = deliveries;
    assert.ok(delivery);
    const shown = [
      JSON.stringify(deliveries),
      await (await call('/deliveries')).text(),
      await (await call(`/deliveries/${delivery.id}`)).text(),
      await (await call(`/deliveries/${delivery.id}/replay`, { method: 'POST' })).text(),
      lines.join('\n'),
    ];
    for (const text of shown) {
      assert.doesNotMatch(text, /pa55|t0p/);
      assert.match(text, /\*\*\*@127\.0\.0\.1/);
    }
    const created = await call('/schedules', json({ target: secret, every: '1h' }));
    assert.doesNotMatch(await created.text(), /pa55/);
    const sent = receiver.received.at(-1);
    assert.equal(sent?.headers['authorization'], `Basic ${Buffer.from('user:pa55').toString('base64')}`);
  });

  it('answers a method no page takes (PUT, PROPFIND, TRACE on /) with a 404, not the CSRF 403', async () => {
    // fetch refuses to send TRACE: a plain HTTP client does
    const raw = (method: string, path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${server.url}${path}`, { method }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const method of ['PUT', 'PROPFIND', 'TRACE', 'PATCH', 'DELETE']) {
      for (const path of ['/', '/ui', '/ui/deliveries']) {
        const { status, body } = await raw(method, path);
        assert.equal(status, 404, `${method} ${path}: ${body}`);
        assert.match((JSON.parse(body) as ProblemBody).detail, new RegExp(`no route ${method} ${path}`));
      }
    }
    // what does change something still needs the CSRF token: the sign-in form and the API door
    assert.equal((await raw('POST', '/ui/api/schedules')).status, 403);
    assert.equal((await raw('POST', '/ui/login')).status, 403);
  });

  it('documents the rules a header must keep, so a client generated from /openapi.json keeps them too', async () => {
    const document = (await (await call('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    for (const path of ['/emit', '/schedules', '/probes']) {
      const body = document.paths[path]?.['post']?.requestBody.content['application/json']?.schema as {
        properties: {
          headers: {
            propertyNames: { pattern: string };
            additionalProperties: { pattern: string };
            maxProperties: number;
          };
        };
      };
      const { headers } = body.properties;
      const name = new RegExp(headers.propertyNames.pattern, 'u');
      const value = new RegExp(headers.additionalProperties.pattern, 'u');
      assert.equal(headers.maxProperties, 50, path);
      // the document and the server agree on every value: each one the document allows, the server sends
      for (const [text, allowed] of [
        ['s3cret', true],
        ['a b\tc ~!', true],
        ['', true],
        ['s€cret', false],
        ['emoji 😀', false],
        ['line\nbreak', false],
        ['nul\u0000', false],
        ['del\u007f', false],
        ['latin é', false],
      ] as const) {
        assert.equal(value.test(text), allowed, `${path} value ${JSON.stringify(text)}`);
        if (path === '/probes') continue; // a probe run is a battery of requests: emit and schedules suffice
        const fields = path === '/emit' ? { tag: 'Transcode' } : { every: '1h' };
        const sent = await call(
          path,
          json({ target: receiver.url, ...fields, headers: { 'X-Value': text } }),
        );
        assert.equal(sent.status === 400, !allowed, `${path} ${JSON.stringify(text)}: ${sent.status}`);
      }
      for (const [text, allowed] of [
        ['X-Token', true],
        ["x!#$%&'*+.^_`|~-9", true],
        ['X Token', false],
        ['X:Token', false],
        ['', false],
      ] as const) {
        assert.equal(name.test(text), allowed, `${path} name ${JSON.stringify(text)}`);
      }
    }
  });

  it('documents the 403 of a replay whose target is no longer allowed, and the 415', async () => {
    const paths = ((await (await call('/openapi.json')).json()) as { paths: unknown }).paths as Record<
      string,
      Record<string, { responses: Record<string, unknown> }>
    >;
    assert.ok(paths['/deliveries/{id}/replay']?.['post']?.responses['403']);
    for (const path of ['/emit', '/schedules', '/load-runs'])
      assert.ok(paths[path]?.['post']?.responses['415'], path);
  });
});
