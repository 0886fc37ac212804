/**
 * A reference receiver for Tencent CI callbacks, as a Hono app: parse, summarise, acknowledge fast — TaskFinish
 * and WorkflowFinish with 204, content-moderation callbacks with 200 (CI's console takes only a URL that answers
 * 200) — and answer 400 to a body that is not a CI callback. Verified against the emitter's pact in the test
 * suite.
 */
import { Hono } from 'hono';
import {
  CallbackError,
  type CallbackNode,
  type JobSummary,
  parseCallback,
  summarizeJob,
} from './callback.ts';
import {
  CONTENT_VERSION_HEADER,
  looksLikeReview,
  parseReview,
  ReviewError,
  type ReviewSummary,
} from './review.ts';

export interface ReceiverOptions {
  path?: string;
  /** Called for each finished job; a thrown error becomes a 500 so CI (or the emitter) retries. */
  onJob?: (summary: JobSummary, job: CallbackNode) => void | Promise<void>;
  onWorkflow?: (execution: CallbackNode) => void | Promise<void>;
  /** Called for each moderation callback but the console's test request. */
  onReview?: (review: ReviewSummary) => void | Promise<void>;
}

export function createReceiver({
  path = '/callback',
  onJob,
  onWorkflow,
  onReview,
}: ReceiverOptions = {}): Hono {
  const app = new Hono();
  app.post(path, async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    const body = await c.req.text();
    // The header names a moderation callback's form; a Detail one may come without it (documents, web pages).
    const form =
      c.req.header(CONTENT_VERSION_HEADER) ?? (looksLikeReview(contentType, body) ? 'Detail' : undefined);
    if (form !== undefined) {
      let review: ReviewSummary;
      try {
        review = parseReview(form, body);
      } catch (error) {
        if (error instanceof ReviewError)
          return c.json({ error: 'not a CI moderation callback', detail: error.message }, 400);
        throw error;
      }
      if (!review.consoleTest) await onReview?.(review);
      return c.body(null, 200);
    }
    let callback: ReturnType<typeof parseCallback>;
    try {
      callback = parseCallback(contentType, body);
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
