/**
 * @module api/workflow-finish-preview
 * `GET /workflow-finish/payload`: a preview of the WorkflowFinish body CI POSTs when a workflow run ends, for
 * the nodes asked for, with the seed used in X-CI-Callback-Seed.
 */
import { generateWorkflowFinish, type WorkflowFinishOptions } from '../payloads/workflow-finish.ts';
import { apiRoute, apiRouter } from './api-route.ts';
import { workflowFinishQuery } from './schemas.ts';
import { previewResponse, SEED_HEADER } from './tags.ts';

const payload = apiRoute({
  method: 'get',
  path: '/payload',
  summary: 'A preview of the WorkflowFinish body for the nodes given; the seed used is in X-CI-Callback-Seed',
  request: { query: workflowFinishQuery },
  responses: { 200: previewResponse('The body CI would POST when the workflow run ends') },
});

export function workflowFinishRouter() {
  return apiRouter().openapi(payload, (c) => {
    const query = c.req.valid('query');
    const options: WorkflowFinishOptions = { tags: query.nodes };
    if (query.format) options.format = query.format;
    if (query.state) options.state = query.state;
    if (query.jsonShape) options.jsonShape = query.jsonShape;
    if (query.seed !== undefined) options.seed = query.seed;
    if (query.compact === 'true') options.compact = true;
    if (query.overrides) options.overrides = query.overrides;
    const payload = generateWorkflowFinish(options);
    return c.body(payload.body, 200, {
      'Content-Type': payload.contentType,
      [SEED_HEADER]: String(payload.seed),
    });
  });
}
