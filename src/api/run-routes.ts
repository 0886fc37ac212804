/**
 * @module api/run-routes
 * The routes of a run that goes on in the background (load runs, probe runs): `POST /` starts one and answers
 * 202 with its id and `Location`; `GET /{id}` follows it until it is done and shows its report.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { apiRoute, jsonBody, jsonResponse, PROBLEM_RESPONSES, problemResponse } from './api-route.ts';
import { PROBLEMS } from './problem.ts';

/** A run's id in the path, as POST answered with it. */
const runIdParam = z.object({
  id: z
    .string()
    .regex(/^[\w-]{1,64}$/, 'a run id: 1 to 64 letters, digits, - or _, as POST answered with it')
    .meta({ description: 'The id POST answered with' }),
});

interface RunKind<B extends z.ZodType, S extends z.ZodType, R extends z.ZodType> {
  /** `load run`, `probe run`. */
  noun: string;
  startSummary: string;
  getSummary: string;
  body: B;
  /** What the 202 answers. */
  started: S;
  /** What GET answers. */
  run: R;
}

export function runRoutes<const B extends z.ZodType, const S extends z.ZodType, const R extends z.ZodType>(
  kind: RunKind<B, S, R>,
) {
  const start = apiRoute({
    method: 'post',
    path: '/',
    summary: kind.startSummary,
    request: { body: jsonBody(kind.body) },
    responses: {
      202: {
        ...jsonResponse(kind.started, 'Started; follow the location'),
        headers: z.object({ Location: z.string().meta({ description: 'Where to follow the run' }) }),
      },
      403: PROBLEM_RESPONSES[403],
      409: problemResponse(`As many ${kind.noun}s as the server allows are running`),
    },
  });
  const one = apiRoute({
    method: 'get',
    path: '/{id}',
    summary: kind.getSummary,
    request: { params: runIdParam },
    responses: {
      200: jsonResponse(kind.run, `The ${kind.noun}`),
      404: problemResponse(`No such ${kind.noun}: ids come from POST and only the latest are kept`),
    },
  });
  return { start, one };
}

/** Sets the Location of the run just started and returns it. */
export function locate(c: Context, id: string): string {
  const location = `${c.req.path.replace(/\/$/, '')}/${id}`;
  c.header('Location', location);
  return location;
}

/** The run `id`, or a 404 saying where ids come from. */
export function runOrNotFound<T>(
  runs: { get(id: string): T | undefined; readonly keepFinished: number },
  id: string,
  noun: string,
): T {
  const run = runs.get(id);
  if (!run) {
    throw PROBLEMS.notFound(
      `no ${noun} '${id}'; ids come from POST and the latest ${runs.keepFinished} are kept`,
      ['id'],
    );
  }
  return run;
}
