import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Hono } from 'hono';
import { type RunningReceiver, referenceReceiver } from '../../test/support/fragile-receivers.ts';
import { probesRouter } from './probes.ts';
import { toProblem } from './problem.ts';
import { createTargetPolicy } from './target-policy.ts';

function testApp() {
  const app = new Hono();
  app.onError((error, c) => {
    const { problem } = toProblem(error);
    return c.json(problem.body, problem.status);
  });
  return app.route('/probes', probesRouter({ targetPolicy: createTargetPolicy(['http://127.0.0.1:*']) }));
}

const postJson = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('POST /probes, GET /probes/:id', () => {
  const app = testApp();
  const receivers: RunningReceiver[] = [];
  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('runs the selected probes in the background and shows the report when done, credentials masked', async () => {
    const receiver = await referenceReceiver();
    receivers.push(receiver);
    const target = receiver.url.replace('http://', 'http://probe-user:s3cret-pw@');
    const started = await app.request(
      '/probes',
      postJson({ target, only: ['duplicate', 'unknown-tag'], timeoutMs: 2000, seed: 4 }),
    );
    assert.equal(started.status, 202);
    const { id, location, probes } = (await started.json()) as {
      id: string;
      location: string;
      probes: string[];
    };
    assert.equal(location, `/probes/${id}`);
    assert.deepEqual(probes, ['duplicate/same-body', 'unknown-tag/FutureTagFromCi']);
    let run: {
      status: string;
      planned: string[];
      passed: boolean | null;
      report: { probes: { verdict: string }[] } | null;
    } = { status: 'running', planned: [], passed: null, report: null };
    let shown = '';
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown = await (await app.request(location)).text();
      run = JSON.parse(shown) as typeof run;
    }
    assert.doesNotMatch(shown, /s3cret-pw/);
    assert.match(shown, /"target":"http:\/\/\*\*\*@127\.0\.0\.1:/);
    assert.equal(run.status, 'done');
    assert.deepEqual(run.planned, probes);
    assert.equal(run.passed, true);
    assert.deepEqual(
      run.report?.probes.map((p) => p.verdict),
      ['pass', 'pass'],
    );
  });

  it('refuses a target outside the policy, unknown probes and unknown ids', async () => {
    const forbidden = await app.request('/probes', postJson({ target: 'http://example.com/cb' }));
    assert.equal(forbidden.status, 403);
    const unknown = await app.request(
      '/probes',
      postJson({ target: 'http://127.0.0.1:9/cb', only: ['dupe'] }),
    );
    assert.equal(unknown.status, 400);
    // in the request's terms: the field, never a CLI flag
    const refusal = JSON.stringify(await unknown.json());
    assert.match(refusal, /only: unknown probe 'dupe'; accepted: duplicate/);
    assert.doesNotMatch(refusal, /--only/);
    const badTimeout = await app.request(
      '/probes',
      postJson({ target: 'http://127.0.0.1:9/cb', timeoutMs: 5 }),
    );
    assert.equal(badTimeout.status, 400);
    const missing = await app.request('/probes/nope');
    assert.equal(missing.status, 404);
  });
});
