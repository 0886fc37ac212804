import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testApp } from '../../test/support/app.ts';
import type { ProblemBody } from '../api/problem.ts';
import { isCiApiPath } from '../ci-api/index.ts';
import { isDashboardPath } from '../dashboard/paths.ts';
import { generate } from '../payloads/generate.ts';
import { tagNames } from '../payloads/registry.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import { MAX_BODY_BYTES } from './app.ts';

const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function problemOf(response: Response): Promise<ProblemBody> {
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  const body = (await response.json()) as ProblemBody;
  assert.equal(typeof body.error, 'string');
  assert.equal(typeof body.detail, 'string');
  return body;
}

describe('HTTP app', () => {
  const { app, internalErrors, close } = testApp();
  after(close);

  it('GET /health answers ok', async () => {
    const response = await app.request('/health');
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'ok');
  });

  it('GET /tags lists every Tag', async () => {
    const { tags } = (await (await app.request('/tags')).json()) as { tags: { tag: string }[] };
    assert.deepEqual(
      tags.map((t) => t.tag),
      tagNames(),
    );
  });

  it('GET /tags/:tag/payload previews the body with its real content type and the seed used', async () => {
    const response = await app.request(
      '/tags/speechrecognition/payload?format=json&trigger=workflow&seed=42',
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('x-ci-callback-seed'), '42');
    const expected = generate({ tag: 'SpeechRecognition', format: 'json', trigger: 'workflow', seed: 42 });
    assert.equal(await response.text(), expected.body);

    const xml = await app.request('/tags/SmartCover/payload');
    assert.equal(xml.headers.get('content-type'), 'application/xml');
    const seed = Number(xml.headers.get('x-ci-callback-seed'));
    assert.equal(await xml.text(), generate({ tag: 'SmartCover', seed }).body);
  });

  it('GET /tags/:tag/payload applies overrides and names a malformed one', async () => {
    const query =
      'format=json&seed=3&overrides=JobsDetail.Code%3DInputObjectNotExist&overrides=JobsDetail.State%3DFailed';
    const response = await app.request(`/tags/SpeechRecognition/payload?${query}`);
    assert.equal(response.status, 200);
    const expected = generate({
      tag: 'SpeechRecognition',
      format: 'json',
      seed: 3,
      overrides: ['JobsDetail.Code=InputObjectNotExist', 'JobsDetail.State=Failed'],
    });
    assert.equal(await response.text(), expected.body);
    const bad = await app.request('/tags/SpeechRecognition/payload?overrides=nonsense');
    assert.equal(bad.status, 400);
    const problem = await problemOf(bad);
    assert.match(problem.detail, /^overrides\.0: malformed override 'nonsense': expected path=value/);
    assert.deepEqual(problem.fields, ['overrides.0']);
  });

  it('GET /workflow-finish/payload previews the WorkflowFinish body of the nodes given', async () => {
    const response = await app.request(
      '/workflow-finish/payload?nodes=SpeechRecognition,VoiceSeparate&format=json&state=failed&seed=9',
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-ci-callback-seed'), '9');
    const expected = generateWorkflowFinish({
      tags: ['SpeechRecognition', 'VoiceSeparate'],
      format: 'json',
      state: 'failed',
      seed: 9,
    });
    assert.equal(await response.text(), expected.body);
    const missing = await app.request('/workflow-finish/payload?format=json');
    assert.equal(missing.status, 400);
    assert.match((await problemOf(missing)).detail, /query\.nodes/);
  });

  it('answers an unknown Tag with a 404 listing the known ones', async () => {
    const response = await app.request('/tags/Foo/payload');
    assert.equal(response.status, 404);
    const problem = await problemOf(response);
    assert.match(problem.detail, /unknown tag 'Foo'; accepted: .*SmartCover/);
  });

  it('answers a bad request with a 400 naming every wrong field', async () => {
    const response = await app.request(
      '/emit',
      postJson({ target: 'ftp://x', tag: 'SmartCover', count: 0, tg: 1 }),
    );
    assert.equal(response.status, 400);
    const problem = await problemOf(response);
    assert.equal(problem.error, 'bad_request');
    assert.deepEqual(new Set(problem.fields), new Set(['target', 'count', 'tg']));
    assert.match(problem.detail, /target: 'ftp:\/\/x' is not an absolute http:\/\/ or https:\/\/ URL/);
    assert.match(problem.detail, /unknown field 'tg'; accepted: target, tag, tags, format/);
  });

  it('says which values an enum field accepts', async () => {
    const response = await app.request(
      '/emit',
      postJson({ target: 'http://127.0.0.1:9/', tag: 'SmartCover', format: 'yaml' }),
    );
    const problem = await problemOf(response);
    assert.equal(response.status, 400);
    assert.deepEqual(problem.fields, ['format']);
    assert.match(problem.detail, /format: unknown format 'yaml'; accepted: xml, json/);
  });

  it('turns a library InputError (an unknown Tag in a body) into a 400 with the field', async () => {
    const response = await app.request('/emit', postJson({ target: 'http://127.0.0.1:9/', tag: 'Nope' }));
    assert.equal(response.status, 400);
    const problem = await problemOf(response);
    assert.deepEqual(problem.fields, ['tag']);
    assert.match(problem.detail, /^tag: unknown tag 'Nope'; accepted: /);
  });

  it('answers malformed JSON with a 400, not a stack trace', async () => {
    const response = await app.request('/emit', postJson('{"target": '));
    assert.equal(response.status, 400);
    const problem = await problemOf(response);
    assert.doesNotMatch(problem.detail, /at .*\.ts:\d+/);
  });

  it('asks for a JSON content type (415) instead of blaming missing fields', async () => {
    const response = await app.request('/emit', { method: 'POST', body: '{"target":"http://127.0.0.1:9/"}' });
    assert.equal(response.status, 415);
    assert.match(
      (await problemOf(response)).detail,
      /accepted: application\/json or application\/<name>\+json/,
    );
  });

  it('names a malformed override by its body field', async () => {
    const response = await app.request(
      '/emit',
      postJson({ target: 'http://127.0.0.1:9/', tag: 'SmartCover', overrides: ['no-equals'] }),
    );
    assert.equal(response.status, 400);
    const problem = await problemOf(response);
    assert.deepEqual(problem.fields, ['overrides.0']);
    assert.match(problem.detail, /^overrides\.0: malformed override 'no-equals': expected path=value/);
  });

  it('checks query and path values', async () => {
    const limit = await app.request('/deliveries?limit=5000&status=lost');
    assert.equal(limit.status, 400);
    assert.deepEqual(new Set((await problemOf(limit)).fields), new Set(['query.limit', 'query.status']));
    const id = await app.request('/deliveries/abc');
    assert.equal(id.status, 400);
    assert.match((await problemOf(id)).detail, /param.id: must be a whole number/);
  });

  it('answers 404 JSON for an unknown route and for an unknown id', async () => {
    const route = await app.request('/nope');
    assert.equal(route.status, 404);
    assert.match((await problemOf(route)).detail, /no route GET \/nope; GET \/openapi.json lists the routes/);
    for (const path of ['/deliveries/999', '/schedules/999']) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      assert.equal((await problemOf(response)).error, 'not_found');
    }
    const replay = await app.request('/deliveries/999/replay', { method: 'POST' });
    assert.equal(replay.status, 404);
  });

  it('answers a body over 1 MiB with a 413', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    for (const path of ['/emit', '/sink']) {
      const response = await app.request(path, postJson(big));
      assert.equal(response.status, 413, path);
      assert.equal((await problemOf(response)).error, 'payload_too_large');
    }
    const atLimit = await app.request('/sink', { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES) });
    assert.equal(atLimit.status, 200);
  });

  it('refuses a schedule with both every and cron, or an unknown Tag', async () => {
    const both = await app.request(
      '/schedules',
      postJson({ target: 'http://127.0.0.1:9/', every: '1s', cron: '* * * * *' }),
    );
    assert.equal(both.status, 400);
    assert.deepEqual((await problemOf(both)).fields, ['cron']);
    const unknown = await app.request(
      '/schedules',
      postJson({ target: 'http://127.0.0.1:9/', every: '1s', tags: ['X'] }),
    );
    assert.equal(unknown.status, 400);
    assert.match((await problemOf(unknown)).detail, /unknown tag 'X'/);
    const fast = await app.request('/schedules', postJson({ target: 'http://127.0.0.1:9/', every: '1ms' }));
    assert.equal(fast.status, 400);
    assert.match(
      (await problemOf(fast)).detail,
      /every: must be a number with a unit \(250ms, 5s, 2m, 1h\) or a bare number of seconds \(60\), from 50ms to 168h, got '1ms'$/,
    );
  });

  it('the sink keeps what it receives, bounded, newest first', async () => {
    for (let i = 0; i < 7; i++) {
      await app.request('/sink', {
        method: 'POST',
        headers: { 'content-type': 'application/xml', 'x-ci-callback-attempt': '1' },
        body: `<n>${i}</n>`,
      });
    }
    const sink = (await (await app.request('/sink?limit=2')).json()) as {
      capacity: number;
      callbacks: { body: string; contentType: string; attempt: string }[];
    };
    assert.equal(sink.capacity, 5);
    assert.deepEqual(
      sink.callbacks.map((c) => c.body),
      ['<n>6</n>', '<n>5</n>'],
    );
    assert.equal(sink.callbacks[0]?.contentType, 'application/xml');
    assert.equal(sink.callbacks[0]?.attempt, '1');
  });

  it('documents every route in /openapi.json', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    assert.equal(document.openapi, '3.1.0');
    // the dashboard's pages (at / and /ui/…) are HTML for people, and CI's job API (/jobs, …) speaks CI's XML:
    // neither is part of this API's document
    const routes = app.routes.filter(
      (route) => route.method !== 'ALL' && !isDashboardPath(route.path) && !isCiApiPath(route.path),
    );
    assert.equal(document.paths['/jobs'], undefined);
    assert.ok(routes.length >= 15, `${routes.length} routes`);
    for (const { method, path } of routes) {
      const openApiPath = path.replace(/:(\w+)/g, '{$1}');
      assert.ok(
        document.paths[openApiPath]?.[method.toLowerCase()],
        `${method} ${path} is not in /openapi.json`,
      );
    }
    const emit = document.paths['/emit']?.['post'] as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    };
    assert.ok(emit.requestBody.content['application/json'].schema.properties['target']);
  });

  it('never answered a request above with a 500', () => {
    assert.deepEqual(internalErrors, []);
  });
});

describe('HTTP app with --allow-target', () => {
  const { app, close } = testApp({ allowTargets: ['http://127.0.0.1:*'] });
  after(close);

  it('answers 403 for a target outside the patterns, naming them', async () => {
    for (const [path, body] of [
      ['/emit', { target: 'http://10.1.2.3/cb', tag: 'SmartCover' }],
      ['/schedules', { target: 'http://10.1.2.3/cb', every: '1s' }],
      ['/load-runs', { target: 'http://10.1.2.3/cb', rate: 10, duration: '1s' }],
    ] as const) {
      const response = await app.request(path, postJson(body));
      assert.equal(response.status, 403, path);
      const problem = await problemOf(response);
      assert.equal(problem.error, 'target_not_allowed');
      assert.match(problem.detail, /accepted: targets matching http:\/\/127\.0\.0\.1:\*/);
    }
  });
});

describe("HTTP app with the owner's load-run limits", () => {
  const { app, close } = testApp({ loadRunLimits: { maxRate: 50, maxDurationSeconds: 5 } });
  after(close);

  it('refuses a load run above the limits with a 400 that states them, starting nothing', async () => {
    for (const body of [
      { target: 'http://127.0.0.1:9/cb', rate: 500, duration: '1s' },
      { target: 'http://127.0.0.1:9/cb', rate: 10, duration: '1m' },
    ]) {
      const response = await app.request('/load-runs', postJson(body));
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match((await problemOf(response)).detail, /accepted: at most (50|5 s) on this server/);
    }
  });
});

describe('HTTP app with --token', () => {
  const { app, close } = testApp({ token: 'correct horse' });
  after(close);

  it('asks for the bearer token on the control API', async () => {
    const missing = await app.request('/schedules');
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    assert.match((await problemOf(missing)).detail, /Authorization: Bearer <token>/);
    const wrong = await app.request('/schedules', { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    const right = await app.request('/schedules', { headers: { authorization: 'Bearer correct horse' } });
    assert.equal(right.status, 200);
  });

  it('leaves /health and /sink open', async () => {
    assert.equal((await app.request('/health')).status, 200);
    assert.equal((await app.request('/sink', { method: 'POST', body: '<x/>' })).status, 200);
    assert.equal((await app.request('/sink')).status, 200);
  });
});
