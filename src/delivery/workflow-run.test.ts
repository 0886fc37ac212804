import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCallback } from '../../examples/receiver/callback.ts';
import { startReceiver } from '../../test/support/receiver.ts';
import { createDeliveryClient } from './client.ts';
import { createDeliverer } from './deliverer.ts';
import { createDeliveryStore } from './store.ts';
import { deliverWorkflowRun, planWorkflowRun } from './workflow-run.ts';

const runIdOf = (body: string): string => {
  const callback = parseCallback('application/xml', body);
  const node = (callback.workflowExecution ?? callback.jobs[0]?.['Workflow']) as Record<string, string>;
  return node['RunId'] as string;
};

describe('delivering a workflow run', () => {
  it('plans every node’s TaskFinish and the WorkflowFinish of one run, in the order asked', () => {
    const spec = { tags: ['Transcode', 'Snapshot'], seed: 21 };
    const natural = planWorkflowRun(spec).callbacks;
    assert.deepEqual(
      natural.map((c) => c.tag ?? c.event),
      ['Transcode', 'Snapshot', 'WorkflowFinish'],
    );
    assert.equal(new Set(natural.map((c) => runIdOf(c.body))).size, 1, 'one RunId');
    const first = planWorkflowRun({ ...spec, order: 'workflow-first' }).callbacks;
    assert.deepEqual(
      first.map((c) => c.tag ?? c.event),
      ['WorkflowFinish', 'Snapshot', 'Transcode'],
    );
    assert.deepEqual(
      first.map((c) => c.body),
      [natural[2], natural[1], natural[0]].map((c) => c?.body),
    );
    const shuffled = planWorkflowRun({
      tags: ['Transcode', 'Snapshot', 'Animation', 'SmartCover'],
      seed: 5,
      order: 'shuffled',
    });
    assert.deepEqual(
      shuffled.callbacks.map((c) => c.body).sort(),
      planWorkflowRun({ tags: ['Transcode', 'Snapshot', 'Animation', 'SmartCover'], seed: 5 })
        .callbacks.map((c) => c.body)
        .sort(),
      'the same callbacks',
    );
    assert.deepEqual(
      planWorkflowRun({
        tags: ['Transcode', 'Snapshot', 'Animation', 'SmartCover'],
        seed: 5,
        order: 'shuffled',
      }).callbacks,
      shuffled.callbacks,
      'the same order for the same seed',
    );
  });

  it('sends them one after another, each a logged delivery marked with the reorder', async () => {
    const receiver = await startReceiver();
    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient({ timeoutMs: 1000 });
    const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
    try {
      const plan = planWorkflowRun({ tags: ['Transcode', 'Snapshot'], seed: 21, order: 'workflow-first' });
      const delivered = await deliverWorkflowRun(deliverer, plan, { target: receiver.url });
      assert.deepEqual(
        delivered.map((d) => [d.tag, d.status, d.fault]),
        [
          ['WorkflowFinish', 'delivered', 'reorder/workflow-first'],
          ['Snapshot', 'delivered', 'reorder/workflow-first'],
          ['Transcode', 'delivered', 'reorder/workflow-first'],
        ],
      );
      assert.deepEqual(
        receiver.received.map((r) => r.body),
        plan.callbacks.map((c) => c.body),
      );
    } finally {
      await deliverer.drain();
      await client.close();
      store.close();
      await receiver.close();
    }
  });
});
