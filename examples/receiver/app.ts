/**
 * A reference receiver for Tencent CI callbacks, as a Hono app: parse, summarise, acknowledge with 204 fast,
 * answer 400 to a body that is not a CI callback. Verified against the emitter's pact in the test suite.
 */
import { Hono } from 'hono';
import {
  CallbackError,
  type CallbackNode,
  type JobSummary,
  parseCallback,
  summarizeJob,
} from './callback.ts';

export interface ReceiverOptions {
  path?: string;
  /** Called for each finished job; a thrown error becomes a 500 so CI (or the emitter) retries. */
  onJob?: (summary: JobSummary, job: CallbackNode) => void | Promise<void>;
  onWorkflow?: (execution: CallbackNode) => void | Promise<void>;
}

export function createReceiver({ path = '/callback', onJob, onWorkflow }: ReceiverOptions = {}): Hono {
  const app = new Hono();
  app.post(path, async (c) => {
    let callback: ReturnType<typeof parseCallback>;
    try {
      callback = parseCallback(c.req.header('content-type') ?? '', await c.req.text());
    } catch (error) {
      if (error instanceof CallbackError)
        return c.json({ error: 'not a CI callback', detail: error.message }, 400);
      throw error;
    }
    for (const job of callback.jobs) await onJob?.(summarizeJob(job), job);
    if (callback.workflowExecution) await onWorkflow?.(callback.workflowExecution);
    return c.body(null, 204);
  });
  return app;
}
