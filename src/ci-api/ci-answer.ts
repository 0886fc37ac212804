/**
 * @module ci-api/ci-answer
 * How CI's job API answers: `<Response>…</Response>` (well-formed, unlike some doc samples), `application/xml`,
 * `Server: tencent-ci` and an `x-ci-request-id`; an error is a CiError rendered as CI's `<Error>` body. Anything
 * else thrown in a CI handler is answered as CI's 500 InternalError, never as the control API's JSON problem.
 */
import type { Context } from 'hono';
import { renderXml, XML_CONTENT_TYPE } from '../core/render-xml.ts';
import type { Job } from '../core/types.ts';
import { CiError, ciErrorBody, ciRequestId } from './ci-error.ts';

const headersOf = (requestId: string) => ({
  'Content-Type': XML_CONTENT_TYPE,
  Server: 'tencent-ci',
  'x-ci-request-id': requestId,
});

/** A 200 with `<Response>` holding `tree`'s elements. */
export function xmlAnswer(tree: Job, requestId: string = ciRequestId()): Response {
  return new Response(renderXml(tree), { status: 200, headers: headersOf(requestId) });
}

/** A 200 with no body (cancel, as CI answers it). */
export function emptyAnswer(): Response {
  return new Response(null, {
    status: 200,
    headers: { Server: 'tencent-ci', 'x-ci-request-id': ciRequestId() },
  });
}

/** An error in CI's form; `onInternal` hears about what was not a CiError (answered 500 InternalError). */
export function errorAnswer(c: Context, error: unknown, onInternal?: (error: Error) => void): Response {
  const requestId = ciRequestId();
  let known: CiError;
  let status: number;
  if (error instanceof CiError) {
    known = error;
    status = error.status;
  } else {
    onInternal?.(error as Error);
    known = new CiError(400, 'InternalError', 'Internal error, please try again later.');
    status = 500;
  }
  const host = c.req.header('host') ?? '';
  const body = ciErrorBody(known, { requestId, resource: `${host}${c.req.path}` });
  return new Response(body, { status, headers: headersOf(requestId) });
}
