/**
 * Test support: receivers that mishandle one kind of callback, to show that the contract has teeth (used by
 * src/pact/verify.test.ts and by the README's `verify` example).
 */
import { Hono } from 'hono';
import { type CallbackNode, parseCallback } from '../../examples/receiver/callback.ts';
import { CONTENT_VERSION_HEADER, parseReview } from '../../examples/receiver/review.ts';

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

/** A receiver of TaskFinish only: a moderation callback is not a CI callback to it (400). */
export const reviewRejectingReceiver = new Hono().post('/callback', async (c) => {
  try {
    parseCallback(c.req.header('content-type') ?? '', await c.req.text());
  } catch (error) {
    return c.json({ error: (error as Error).message }, 400);
  }
  return c.body(null, 204);
});

/** A receiver that ignores X-Ci-Content-Version and reads every moderation body as Detail. */
export const headerIgnoringReceiver = new Hono().post('/callback', async (c) => {
  try {
    parseReview('Detail', await c.req.text());
  } catch (error) {
    return c.json({ error: (error as Error).message }, 400);
  }
  return c.body(null, 200);
});

/** A receiver that takes moderation callbacks but answers 204, which CI's console does not take for 200. */
export const noContentReviewReceiver = new Hono().post('/callback', async (c) => {
  parseReview(c.req.header(CONTENT_VERSION_HEADER) ?? '', await c.req.text());
  return c.body(null, 204);
});
