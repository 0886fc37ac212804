/**
 * Test support: receivers that mishandle one kind of callback, to show that the contract has teeth (used by
 * src/pact/verify.test.ts and by the README's `verify` example).
 */
import { Hono } from 'hono';
import { type CallbackNode, parseCallback } from '../../examples/receiver/callback.ts';

/** A receiver that reads ObjectName as if it were always an array: it breaks (500) on a single output file. */
export const arrayAssumingReceiver = new Hono().onError((_error, c) => c.text('receiver error', 500));
arrayAssumingReceiver.post('/callback', async (c) => {
  const { jobs } = parseCallback(c.req.header('content-type') ?? '', await c.req.text());
  for (const job of jobs) {
    const file = ((job['Operation'] as CallbackNode)?.['MediaResult'] as CallbackNode)?.[
      'OutputFile'
    ] as CallbackNode;
    if (file) (file['ObjectName'] as unknown as string[]).map((name) => name.toUpperCase());
  }
  return c.body(null, 204);
});

/** A receiver that only accepts jobs submitted through the job API. */
export const workflowRejectingReceiver = new Hono().post('/callback', async (c) => {
  const { jobs } = parseCallback(c.req.header('content-type') ?? '', await c.req.text());
  if (jobs.some((job) => job['Workflow'] !== undefined)) return c.json({ error: 'unexpected Workflow' }, 400);
  return c.body(null, 204);
});
