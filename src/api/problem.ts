/**
 * @module api/problem
 * HTTP errors as named constants filled with a detail, and the one translation of any thrown error into a
 * JSON problem `{ error, detail }` (plus `fields` when request fields were wrong). Never a stack trace.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FieldNaming, InputError, inCallerTerms } from '../core/errors.ts';
import { ShuttingDownError } from '../delivery/deliverer.ts';

export interface ProblemBody {
  /** A stable, machine-readable name, e.g. `bad_request`. */
  error: string;
  /** What was wrong and what is accepted. */
  detail: string;
  /** The request fields that were wrong, when known (e.g. `count`, `query.limit`). */
  fields?: string[];
}

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: ProblemBody,
  ) {
    super(body.detail);
  }
}

const problem =
  (status: ContentfulStatusCode, error: string) =>
  (detail: string, fields?: string[]): HttpProblem =>
    new HttpProblem(status, fields ? { error, detail, fields } : { error, detail });

export const PROBLEMS = {
  badRequest: problem(400, 'bad_request'),
  unauthorized: problem(401, 'unauthorized'),
  forbidden: problem(403, 'forbidden'),
  targetNotAllowed: problem(403, 'target_not_allowed'),
  notFound: problem(404, 'not_found'),
  conflict: problem(409, 'conflict'),
  payloadTooLarge: problem(413, 'payload_too_large'),
  unsupportedMediaType: problem(415, 'unsupported_media_type'),
  internal: problem(500, 'internal_error'),
  shuttingDown: problem(503, 'shutting_down'),
} as const;

/** A library field as a JSON caller writes its path: `overrides.2`, `maxInFlight` (as zod's issues do). */
export const requestFieldName: FieldNaming = (path) => path.join('.');

/** The problem to answer for `error`; `internal` reports whether it was unexpected (worth logging). */
export function toProblem(error: unknown): { problem: HttpProblem; internal: boolean } {
  if (error instanceof HttpProblem) return { problem: error, internal: false };
  if (error instanceof InputError) {
    const restated = inCallerTerms(error, requestFieldName);
    return { problem: PROBLEMS.badRequest(restated.message, [restated.field]), internal: false };
  }
  if (error instanceof ShuttingDownError)
    return { problem: PROBLEMS.shuttingDown(error.message), internal: false };
  if (error instanceof HTTPException && error.status < 500) {
    // e.g. a malformed JSON body, reported by the validator
    const status = error.status as ContentfulStatusCode;
    return {
      problem: new HttpProblem(status, { error: 'bad_request', detail: error.message }),
      internal: false,
    };
  }
  return {
    problem: PROBLEMS.internal('the server failed to handle this request; the error is in its log'),
    internal: true,
  };
}
