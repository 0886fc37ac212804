/**
 * @module ci-api/control-routes
 * The control API's side of CI's job API (JSON, in /openapi.json, behind the bearer token): the fail rules
 * (`/ci/fail-rules`), the workflows and their nodes (`/ci/workflows/{id}`), and the jobs submitted with their
 * state and callback delivery (`/ci/jobs`, what the dashboard's Jobs page lists). Thin: validate, call the
 * configuration or the job book, answer.
 */
import { apiRoute, apiRouter, jsonBody, jsonResponse, problemResponse } from '../api/api-route.ts';
import { PROBLEMS } from '../api/problem.ts';
import { type FaultsInput, faultPlanOf } from '../faults/options.ts';
import type { CiConfig, CiWorkflow } from './ci-config.ts';
import {
  ciFaultsSchema,
  ciJobListSchema,
  ciJobQuery,
  failRulesSchema,
  workflowBodySchema,
  workflowListSchema,
  workflowParam,
  workflowSchema,
} from './control-schemas.ts';
import type { CiJob, JobBook } from './job-book.ts';

const getFailRules = apiRoute({
  method: 'get',
  path: '/fail-rules',
  summary: 'The rules that make CI jobs fail: by Input.Object pattern, with a Code',
  responses: { 200: jsonResponse(failRulesSchema, 'The rules, in order') },
});

const putFailRules = apiRoute({
  method: 'put',
  path: '/fail-rules',
  summary: 'Replace the fail rules (jobs submitted from now on follow them)',
  request: { body: jsonBody(failRulesSchema) },
  responses: { 200: jsonResponse(failRulesSchema, 'The rules now in force') },
});

const listWorkflows = apiRoute({
  method: 'get',
  path: '/workflows',
  summary: 'The workflows POST /triggerworkflow runs (an unknown workflowId runs Transcode, Snapshot)',
  responses: { 200: jsonResponse(workflowListSchema, 'The configured workflows') },
});

const putWorkflow = apiRoute({
  method: 'put',
  path: '/workflows/{id}',
  summary: 'Set a workflow’s nodes, one Tag each',
  request: { params: workflowParam, body: jsonBody(workflowBodySchema) },
  responses: { 200: jsonResponse(workflowSchema, 'The workflow') },
});

const deleteWorkflow = apiRoute({
  method: 'delete',
  path: '/workflows/{id}',
  summary: 'Forget a workflow (triggers of it then run the default nodes)',
  request: { params: workflowParam },
  responses: { 204: { description: 'Forgotten' }, 404: problemResponse('No such workflow') },
});

const getFaults = apiRoute({
  method: 'get',
  path: '/faults',
  summary: 'The delivery faults drawn for every CI job’s callback',
  responses: { 200: jsonResponse(ciFaultsSchema, 'The faults ({} for none)') },
});

const putFaults = apiRoute({
  method: 'put',
  path: '/faults',
  summary: 'Set the delivery faults drawn for every CI job’s callback (as POST /emit takes them)',
  request: { body: jsonBody(ciFaultsSchema) },
  responses: { 200: jsonResponse(ciFaultsSchema, 'The faults now in force') },
});

const listJobs = apiRoute({
  method: 'get',
  path: '/jobs',
  summary: 'The jobs submitted to CI’s job API, newest first, with their state and callback delivery',
  request: { query: ciJobQuery },
  responses: { 200: jsonResponse(ciJobListSchema, 'The jobs') },
});

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

const workflowView = (w: CiWorkflow) => ({
  id: w.id,
  tags: [...w.tags],
  ...(w.callback !== undefined ? { callback: w.callback } : {}),
});

/** A job as the control API and the dashboard show it. */
export function jobSummary(job: CiJob) {
  return {
    jobId: job.jobId,
    tag: job.tag,
    state: job.state,
    queueId: job.queueId,
    object: job.object,
    createdAt: new Date(job.createdAt).toISOString(),
    endedAt: iso(job.endedAt),
    code: job.failure?.code ?? null,
    runId: job.workflow?.runId ?? null,
    deliveryId: job.deliveryId ?? null,
    noCallback: job.noCallback ?? null,
  };
}

/** A fault plan as the API shows it: `{ name: { probability, delayMs } }`. */
const faultsView = (config: CiConfig): FaultsInput =>
  Object.fromEntries(
    Object.entries(config.faults).map(([name, s]) => [
      name,
      { probability: s.probability, delayMs: s.delayMs },
    ]),
  );

export function ciControlRouter(deps: {
  config: CiConfig;
  book: JobBook;
  checkTarget: (url: string) => void;
}) {
  const { config, book } = deps;
  return apiRouter()
    .openapi(getFailRules, (c) => c.json({ rules: [...config.failRules] }, 200))
    .openapi(putFailRules, (c) => {
      config.setFailRules(c.req.valid('json').rules);
      return c.json({ rules: [...config.failRules] }, 200);
    })
    .openapi(listWorkflows, (c) => c.json({ workflows: config.workflows.map(workflowView) }, 200))
    .openapi(putWorkflow, (c) => {
      const { id } = c.req.valid('param');
      const { tags, callback } = c.req.valid('json');
      if (callback !== undefined) deps.checkTarget(callback);
      config.setWorkflow({ id, tags, ...(callback !== undefined ? { callback } : {}) });
      const set = config.workflows.find((w) => w.id === id);
      return c.json(set ? workflowView(set) : { id, tags }, 200);
    })
    .openapi(getFaults, (c) => c.json({ faults: faultsView(config) }, 200))
    .openapi(putFaults, (c) => {
      config.setFaults(faultPlanOf(c.req.valid('json').faults, 'single'));
      return c.json({ faults: faultsView(config) }, 200);
    })
    .openapi(deleteWorkflow, (c) => {
      const { id } = c.req.valid('param');
      if (!config.deleteWorkflow(id))
        throw PROBLEMS.notFound(`no workflow ${id}; GET /ci/workflows lists them`);
      return c.body(null, 204);
    })
    .openapi(listJobs, (c) => {
      const { state, limit } = c.req.valid('query');
      const { jobs } = book.list({
        size: limit === undefined ? 100 : Number(limit),
        ...(state ? { states: [state] } : {}),
      });
      return c.json({ jobs: jobs.map(jobSummary) }, 200);
    });
}
