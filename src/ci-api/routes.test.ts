/**
 * CI's paths in-process (`app.request()`): what the SDK test does not reach — a server bound beyond loopback, a
 * workflow's own callback, delivery faults on jobs' callbacks, lists and their pages, the limits.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import { createSinkLog } from '../api/sink-log.ts';
import { createTargetPolicy } from '../api/target-policy.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { createDeliverer } from '../delivery/deliverer.ts';
import { createFaultInjector } from '../delivery/fault-injector.ts';
import { createScheduler } from '../delivery/scheduler.ts';
import { createDeliveryStore } from '../delivery/store.ts';
import { createApp } from '../server/app.ts';
import { type CiApiOptions, createCiApi } from './index.ts';

function ciApp(options: Partial<CiApiOptions> = {}) {
  const store = createDeliveryStore({ path: ':memory:' });
  const client = createDeliveryClient({ timeoutMs: 2_000 });
  const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
  const faultInjector = createFaultInjector({ store, timeoutMs: 2_000 });
  const scheduler = createScheduler({ store, deliverer, faultInjector });
  const targetPolicy = createTargetPolicy(['http://127.0.0.1:*']);
  const ciApi = createCiApi({ store, deliverer, targetPolicy, faultInjector, jobTimeMs: 20, ...options });
  const app = createApp({
    store,
    deliverer,
    faultInjector,
    scheduler,
    sinkLog: createSinkLog(),
    targetPolicy,
    ciApi,
  });
  const close = async () => {
    ciApi.close();
    scheduler.stop();
    await faultInjector.drain();
    await deliverer.drain();
    await client.close();
    store.close();
  };
  return { app, ciApi, store, close };
}

const submit = (app: ReturnType<typeof ciApp>['app'], xml: string, path = '/jobs') =>
  app.request(path, { method: 'POST', body: xml });
const job = (object: string, extra = '') =>
  `<Request><Tag>Snapshot</Tag><Input><Object>${object}</Object></Input><Operation/>${extra}</Request>`;
const jobIdOf = (xml: string) => /<JobId>(\w+)<\/JobId>/.exec(xml)?.[1] ?? '';

describe('CI job API routes', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(() => receiver.close());

  it('on a server bound beyond loopback, refuses every CI request without --ci-secret (403 AccessDenied)', async () => {
    const { app, close } = ciApp({ exposed: true });
    try {
      for (const [method, path] of [
        ['POST', '/jobs'],
        ['GET', '/jobs'],
        ['POST', '/triggerworkflow?workflowId=w&object=a'],
        ['PUT', '/queue/p1'],
      ]) {
        const answer = await app.request(path as string, {
          method,
          ...(method === 'GET' ? {} : { body: job('a.mp4') }),
        });
        assert.equal(answer.status, 403, `${method} ${path}`);
        assert.match(
          await answer.text(),
          /<Code>AccessDenied<\/Code><Message>this server listens beyond loopback/,
        );
      }
    } finally {
      await close();
    }
  });

  it('refuses what a web page sends (Origin, Sec-Fetch-Site): no cross-site job submits, no DNS rebinding', async () => {
    const { app, close } = ciApp();
    try {
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-origin' },
      ]) {
        const answer = await app.request('http://attacker.example:8787/jobs', {
          method: 'POST',
          headers,
          body: job('a.mp4'),
        });
        assert.equal(answer.status, 403, JSON.stringify(headers));
        assert.match(
          await answer.text(),
          /<Code>AccessDenied<\/Code><Message>CI's job API answers SDKs, not web pages/,
        );
      }
      const sdk = await app.request('/jobs', {
        method: 'POST',
        headers: { 'sec-fetch-site': 'none' },
        body: job('a.mp4'),
      });
      assert.equal(sdk.status, 200);
    } finally {
      await close();
    }
  });

  it("sends a workflow's runs to its own callback, WorkflowFinish last", async () => {
    const { app, ciApi, close } = ciApp({
      workflows: [{ id: 'wown', tags: ['MediaInfo'], callback: `${receiver.url}?workflow=wown` }],
    });
    try {
      const start = receiver.received.length;
      const answer = await app.request('/triggerworkflow/?workflowId=wown&object=up/a.mp4', {
        method: 'POST',
      });
      const runId = /<InstanceId>(\w+)<\/InstanceId>/.exec(await answer.text())?.[1] ?? '';
      const got = (await receiver.waitFor(start + 2, 5_000)).slice(start);
      assert.deepEqual(
        got.map((c) => [c.path, /<EventName>(\w+)</.exec(c.body)?.[1], c.body.includes(runId)]),
        [
          ['/callback?workflow=wown', 'TaskFinish', true],
          ['/callback?workflow=wown', 'WorkflowFinish', true],
        ],
      );
      assert.equal(ciApi.runs.get(runId)?.state, 'Success');
    } finally {
      await close();
    }
  });

  it('draws the configured delivery faults for each job’s callback (PUT /ci/faults)', async () => {
    const { app, store, close } = ciApp();
    try {
      const put = await app.request('/ci/faults', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ faults: { duplicate: 1 } }),
      });
      assert.equal(put.status, 200);
      assert.deepEqual(await put.json(), { faults: { duplicate: { probability: 1, delayMs: 0 } } });
      const start = receiver.received.length;
      const id = jobIdOf(
        await (await submit(app, job('dup.mp4', `<CallBack>${receiver.url}?dup</CallBack>`))).text(),
      );
      const got = (await receiver.waitFor(start + 2, 5_000)).slice(start);
      assert.deepEqual(
        got.map((c) => jobIdOf(c.body)),
        [id, id],
      );
      const faulted = store.listDeliveries({ limit: 10 }).filter((d) => d.fault !== null);
      assert.equal(faulted[0]?.fault, 'duplicate');
      const refused = await app.request('/ci/faults', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ faults: { burst: 1 } }),
      });
      assert.equal(refused.status, 400, 'burst shapes a batch; a job is one callback');
    } finally {
      await close();
    }
  });

  it('lists jobs page by page with NextToken, by state and tag; bounds what it is asked', async () => {
    const { app, close } = ciApp({ jobTimeMs: 3_600_000 });
    try {
      for (let i = 0; i < 3; i++) await submit(app, job(`l/${i}.mp4`, '<CallBack>no</CallBack>'));
      await submit(app, job('l/x.mp4', '<CallBack>no</CallBack>').replace('Snapshot', 'Transcode'));
      const page1 = await (await app.request('/jobs?tag=Snapshot&size=2')).text();
      assert.equal(page1.match(/<JobId>/g)?.length, 2);
      const token = /<NextToken>(\d+)<\/NextToken>/.exec(page1)?.[1];
      assert.ok(token);
      const page2 = await (await app.request(`/jobs?tag=Snapshot&size=2&nextToken=${token}`)).text();
      assert.equal(page2.match(/<JobId>/g)?.length, 1);
      assert.match(page2, /<NextToken\/>/);
      assert.match(page2, /<Object>l\/0\.mp4<\/Object>/, 'newest first: the first job is last');
      const running = await (await app.request('/jobs?states=Running,Success')).text();
      assert.doesNotMatch(running, /<JobId>/);
      for (const bad of [
        'size=0',
        'size=101',
        'states=Done',
        'orderByTime=Up',
        'startCreationTime=yesterday',
      ]) {
        const answer = await app.request(`/jobs?${bad}`);
        assert.equal(answer.status, 400, bad);
        assert.match(await answer.text(), /<Code>InvalidArgument<\/Code>/);
      }
      const many = Array.from({ length: 101 }, () => 'j00000000000000000000000000000000').join(',');
      assert.equal((await app.request(`/jobs/${many}`)).status, 400);
      const big = await submit(app, `<Request>${'<a>x</a>'.repeat(40_000)}</Request>`);
      assert.equal(big.status, 413);
      assert.match(await big.text(), /<Code>InvalidContent<\/Code>/);
      const doctype = await submit(app, '<!DOCTYPE r [<!ENTITY a "b">]><Request><Tag>&a;</Tag></Request>');
      assert.match(await doctype.text(), /<Code>MalformedXML<\/Code>/);
      const unknown = await app.request('/jobs/j00000000000000000000000000000000', { method: 'DELETE' });
      assert.equal(unknown.status, 404);
      assert.match(await unknown.text(), /<Code>InvalidUrl<\/Code>/);
      const refused = await submit(app, job('a.mp4', '<CallBack>http://10.0.0.1/cb</CallBack>'));
      assert.equal(refused.status, 403, 'a callback outside --allow-target');
    } finally {
      await close();
    }
  });
});
