/**
 * @module api/deliveries
 * `/deliveries`: the delivery log, newest first, with filters and a cursor; one delivery with its request and
 * every attempt; and replay, which sends a logged delivery again as a new one.
 */
import { withMaskedTarget } from '../delivery/mask-target.ts';
import type { DeliveryFilter } from '../delivery/store.ts';
import { findTag } from '../payloads/registry.ts';
import { apiRoute, apiRouter, jsonResponse, PROBLEM_RESPONSES, problemResponse } from './api-route.ts';
import type { AppDeps } from './deps.ts';
import { PROBLEMS } from './problem.ts';
import { deliveryDetailSchema, deliveryPageSchema } from './responses.ts';
import { deliveriesQuery, idParam } from './schemas.ts';

const NO_DELIVERY = problemResponse('No such delivery');

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'The delivery log, newest first',
  request: { query: deliveriesQuery },
  responses: { 200: jsonResponse(deliveryPageSchema, 'A page of deliveries') },
});

const one = apiRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One delivery: the request sent and every attempt',
  request: { params: idParam },
  responses: { 200: jsonResponse(deliveryDetailSchema, 'The delivery'), 404: NO_DELIVERY },
});

const replay = apiRoute({
  method: 'post',
  path: '/{id}/replay',
  summary: 'Send a logged delivery again (same target, headers and body) as a new delivery',
  request: { params: idParam },
  responses: {
    201: jsonResponse(deliveryDetailSchema, 'The new delivery'),
    403: problemResponse(
      "The delivery's target no longer matches the --allow-target patterns this server was started with",
    ),
    404: NO_DELIVERY,
    503: PROBLEM_RESPONSES[503],
  },
});

const DEFAULT_PAGE = 50;

export function deliveriesRouter(deps: Pick<AppDeps, 'store' | 'deliverer' | 'targetPolicy'>) {
  const missing = (id: number) =>
    PROBLEMS.notFound(`no delivery ${id}; GET /deliveries lists them, newest first`, ['id']);
  return apiRouter()
    .openapi(list, (c) => {
      const query = c.req.valid('query');
      const filter: DeliveryFilter = { limit: query.limit ?? DEFAULT_PAGE };
      if (query.schedule !== undefined) filter.scheduleId = query.schedule;
      if (query.status !== undefined) filter.status = query.status;
      if (query.tag !== undefined) filter.tag = findTag(query.tag).tag;
      if (query.target !== undefined) filter.targetContains = query.target;
      if (query.cursor !== undefined) filter.before = query.cursor;
      const deliveries = deps.store.listDeliveries(filter).map(withMaskedTarget);
      const last = deliveries.at(-1);
      const nextCursor = deliveries.length === filter.limit && last ? String(last.id) : null;
      return c.json({ deliveries, nextCursor }, 200);
    })
    .openapi(one, (c) => {
      const { id } = c.req.valid('param');
      const delivery = deps.store.getDelivery(id);
      if (!delivery) throw missing(id);
      return c.json(withMaskedTarget(delivery), 200);
    })
    .openapi(replay, async (c) => {
      const { id } = c.req.valid('param');
      const original = deps.store.getDelivery(id);
      if (!original) throw missing(id);
      deps.targetPolicy.check(original.target);
      const replay = await deps.deliverer.replay(id);
      if (!replay) throw missing(id);
      return c.json(withMaskedTarget(replay), 201);
    });
}
