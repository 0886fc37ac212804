import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { parseCallback } from '../../examples/receiver/callback.ts';
import { testApp } from '../../test/support/app.ts';
import { startReceiver } from '../../test/support/receiver.ts';

const postJson = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** What a receiver reads from a callback: which event, which node Tag, which RunId. */
function readCallback(contentType: string, body: string) {
  const callback = parseCallback(contentType, body);
  if (callback.workflowExecution) {
    return { event: 'WorkflowFinish', runId: callback.workflowExecution['RunId'] as string };
  }
  const job = callback.jobs[0] as Record<string, unknown>;
  return {
    event: job['Tag'] as string,
    runId: (job['Workflow'] as Record<string, string>)['RunId'] as string,
  };
}

interface EmitAnswer {
  delivered: number;
  failed: number;
  deliveries: { id: number; tag: string; status: string; fault: string | null; seed: number }[];
  runs: { runId: string; seed: number; order: string; deliveries: number[] }[];
}

describe('POST /emit: WorkflowFinish and whole workflow runs', async () => {
  const receiver = await startReceiver();
  const { app, store, close } = testApp();
  after(async () => {
    await close();
    await receiver.close();
  });

  it('run: true delivers each node’s TaskFinish, then the WorkflowFinish, one RunId, each one logged', async () => {
    receiver.received.length = 0;
    const response = await app.request(
      '/emit',
      postJson({ target: receiver.url, tags: ['Transcode', 'Snapshot'], run: true, seed: 11 }),
    );
    assert.equal(response.status, 200);
    const answer = (await response.json()) as EmitAnswer;
    assert.equal(answer.delivered, 3);
    assert.deepEqual(
      answer.deliveries.map((d) => d.tag),
      ['Transcode', 'Snapshot', 'WorkflowFinish'],
    );
    const got = receiver.received.map((r) => readCallback(String(r.headers['content-type']), r.body));
    assert.deepEqual(
      got.map((c) => c.event),
      ['Transcode', 'Snapshot', 'WorkflowFinish'],
    );
    const [run] = answer.runs;
    assert.equal(new Set(got.map((c) => c.runId)).size, 1);
    assert.equal(got[0]?.runId, run?.runId);
    assert.deepEqual(
      run?.deliveries,
      answer.deliveries.map((d) => d.id),
    );
    for (const delivery of answer.deliveries) {
      const logged = store.getDelivery(delivery.id);
      assert.equal(logged?.status, 'delivered');
      assert.equal(logged?.trigger, 'workflow');
      assert.equal(logged?.seed, 11);
    }
  });

  it('event workflow-finish alone sends the one WorkflowFinish; count sends that many runs from seed, seed+1', async () => {
    receiver.received.length = 0;
    const response = await app.request(
      '/emit',
      postJson({
        target: receiver.url,
        event: 'workflow-finish',
        tags: ['Snapshot'],
        format: 'json',
        count: 2,
        seed: 40,
      }),
    );
    const answer = (await response.json()) as EmitAnswer;
    assert.deepEqual(
      answer.deliveries.map((d) => [d.tag, d.seed]),
      [
        ['WorkflowFinish', 40],
        ['WorkflowFinish', 41],
      ],
    );
    assert.deepEqual(
      receiver.received.map((r) => readCallback(String(r.headers['content-type']), r.body).event),
      ['WorkflowFinish', 'WorkflowFinish'],
    );
    assert.match(String(receiver.received[0]?.headers['content-type']), /json/);
  });

  it('the reorder fault sends a run WorkflowFinish first, every delivery marked', async () => {
    receiver.received.length = 0;
    const response = await app.request(
      '/emit',
      postJson({
        target: receiver.url,
        tags: ['Transcode', 'Snapshot'],
        run: true,
        seed: 3,
        faults: { reorder: true },
      }),
    );
    const answer = (await response.json()) as EmitAnswer;
    assert.deepEqual(
      answer.deliveries.map((d) => [d.tag, d.fault]),
      [
        ['WorkflowFinish', 'reorder/workflow-first'],
        ['Snapshot', 'reorder/workflow-first'],
        ['Transcode', 'reorder/workflow-first'],
      ],
    );
    assert.equal(answer.runs[0]?.order, 'workflow-first');
    assert.equal(
      readCallback(String(receiver.received[0]?.headers['content-type']), receiver.received[0]?.body ?? '')
        .event,
      'WorkflowFinish',
    );
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['event without tags', { event: 'workflow-finish' }, /event "workflow-finish" needs tags/],
    ['run without tags', { run: true, tag: 'Transcode' }, /run needs tags.*tag does not go with run/s],
    [
      'run with event task-finish',
      { run: true, event: 'task-finish', tags: ['Transcode'] },
      /run sends a workflow run/,
    ],
    [
      'trigger with a run',
      { run: true, tags: ['Transcode'], trigger: 'direct' },
      /trigger does not go with run/,
    ],
    [
      'burst with a run',
      { run: true, tags: ['Transcode'], faults: { burst: true } },
      /burst does not go with run/,
    ],
    [
      'reorder without run',
      { event: 'workflow-finish', tags: ['Transcode'], faults: { reorder: true } },
      /reorder needs run: true/,
    ],
    [
      'too many deliveries',
      { run: true, tags: ['Transcode', 'Snapshot', 'Animation'], count: 30 },
      /is 120; accepted: at most 100/,
    ],
  ];
  for (const [name, fields, message] of refusals) {
    it(`400 for ${name}, saying why, nothing sent`, async () => {
      const before = receiver.received.length;
      const response = await app.request('/emit', postJson({ target: receiver.url, ...fields }));
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { detail: string }).detail, message);
      assert.equal(receiver.received.length, before);
    });
  }

  it('400 for an unknown Tag among the nodes, listing the Tags', async () => {
    const response = await app.request(
      '/emit',
      postJson({ target: receiver.url, run: true, tags: ['Transcode', 'Foo'] }),
    );
    assert.equal(response.status, 400);
    const { detail } = (await response.json()) as { detail: string };
    assert.match(detail, /Foo/);
    assert.match(detail, /SpeechRecognition/);
  });
});

describe('POST /schedules: workflow runs on a schedule', async () => {
  const receiver = await startReceiver();
  const { app, store, close } = testApp();
  after(async () => {
    await close();
    await receiver.close();
  });

  it('each run of a run schedule sends a whole workflow run; limit counts runs', async () => {
    const response = await app.request(
      '/schedules',
      postJson({ target: receiver.url, every: '50ms', tags: ['Transcode', 'Snapshot'], run: true, limit: 2 }),
    );
    assert.equal(response.status, 201);
    const created = (await response.json()) as { id: number; event: string; run: boolean };
    assert.deepEqual([created.event, created.run], ['workflow-finish', true]);
    const got = (await receiver.waitFor(6, 5000)).map((r) =>
      readCallback(String(r.headers['content-type']), r.body),
    );
    // two runs, each in CI's order (runs closer than a run takes may overlap: each keeps its own order)
    const runs = new Map<string, string[]>();
    for (const { runId, event } of got) runs.set(runId, [...(runs.get(runId) ?? []), event]);
    assert.deepEqual(
      [...runs.values()],
      [
        ['Transcode', 'Snapshot', 'WorkflowFinish'],
        ['Transcode', 'Snapshot', 'WorkflowFinish'],
      ],
    );
    const view = (await (await app.request(`/schedules/${created.id}`)).json()) as {
      status: string;
      sent: number;
    };
    assert.deepEqual([view.status, view.sent], ['done', 6]);
    const logged = store.listDeliveries({ scheduleId: created.id, limit: 10 });
    assert.equal(logged.filter((d) => d.tag === 'WorkflowFinish').length, 2);
  });

  it('reorder on a run schedule sends each run WorkflowFinish first, and the run still counts towards limit', async () => {
    const response = await app.request(
      '/schedules',
      postJson({
        target: receiver.url,
        every: '50ms',
        tags: ['Transcode', 'Snapshot'],
        run: true,
        limit: 1,
        faults: { reorder: true },
      }),
    );
    assert.equal(response.status, 201);
    const { id } = (await response.json()) as { id: number };
    const before = receiver.received.length;
    const got = (await receiver.waitFor(before + 3, 5000)).slice(before);
    assert.deepEqual(
      got.map((r) => readCallback(String(r.headers['content-type']), r.body).event),
      ['WorkflowFinish', 'Snapshot', 'Transcode'],
    );
    const view = (await (await app.request(`/schedules/${id}`)).json()) as { status: string; sent: number };
    assert.deepEqual([view.status, view.sent], ['done', 3]);
  });

  it('the OpenAPI document describes event and run for emits and schedules', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    for (const path of ['/emit', '/schedules']) {
      const schema = doc.paths[path]?.post.requestBody.content['application/json']?.schema as {
        properties: Record<string, { enum?: string[]; type?: string; description?: string }>;
      };
      assert.deepEqual(schema.properties['event']?.enum, ['task-finish', 'workflow-finish']);
      assert.equal(schema.properties['run']?.type, 'boolean');
      assert.match(schema.properties['run']?.description ?? '', /TaskFinish then the WorkflowFinish/);
    }
  });

  it('refuses a workflow schedule without tags, or with weights, saying why', async () => {
    const noTags = await app.request(
      '/schedules',
      postJson({ target: receiver.url, every: '1s', event: 'workflow-finish' }),
    );
    assert.equal(noTags.status, 400);
    assert.match(((await noTags.json()) as { detail: string }).detail, /needs tags/);
    const weighted = await app.request(
      '/schedules',
      postJson({ target: receiver.url, every: '1s', run: true, weights: { Transcode: 1 } }),
    );
    assert.equal(weighted.status, 400);
    assert.match(((await weighted.json()) as { detail: string }).detail, /weights does not go with run/);
  });
});
