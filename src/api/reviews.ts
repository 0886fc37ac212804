/**
 * @module api/reviews
 * `GET /reviews` and `GET /reviews/:review/payload`: the content-moderation kinds, and a preview of one callback
 * body with the `X-Ci-Content-Version` header CI sends with it.
 */
import { z } from '@hono/zod-openapi';
import { CONTENT_VERSION_HEADER, REVIEW_KINDS, type ReviewKind } from '../moderation/types.ts';
import { generateReview, type ReviewOptions } from '../payloads/generate-review.ts';
import { describeReviews } from '../payloads/review-catalog.ts';
import { reviewCombinationProblem, unknownReview } from '../payloads/review-rules.ts';
import { apiRoute, apiRouter, jsonResponse, problemResponse } from './api-route.ts';
import { PROBLEMS } from './problem.ts';
import { reviewListSchema } from './responses.ts';
import { reviewParam, reviewPayloadQuery } from './schemas.ts';
import { SEED_HEADER } from './tags.ts';

const list = apiRoute({
  method: 'get',
  path: '/',
  summary: 'The content-moderation kinds the emitter knows, with their forms and options',
  responses: { 200: jsonResponse(reviewListSchema, 'The moderation kinds') },
});

const payload = apiRoute({
  method: 'get',
  path: '/{review}/payload',
  summary:
    'A preview: one moderation callback body; its form is in X-Ci-Content-Version, the seed in X-CI-Callback-Seed',
  request: { params: reviewParam, query: reviewPayloadQuery },
  responses: {
    200: {
      description: 'The body CI would POST',
      headers: z.object({
        [CONTENT_VERSION_HEADER]: z
          .enum(['Simple', 'Detail'])
          .meta({ description: 'The body form, as CI sends it' }),
        [SEED_HEADER]: z
          .string()
          .meta({ description: 'The seed used; ask again with it for the same bytes' }),
      }),
      content: {
        'application/json': {
          schema: z.unknown().meta({ description: 'A Review* callback body, Simple or Detail' }),
        },
      },
    },
    400: problemResponse('An option the kind does not take, e.g. the simple form of a document'),
    404: problemResponse('No such kind: GET /reviews lists them'),
  },
});

export function reviewsRouter() {
  return apiRouter()
    .openapi(list, (c) => c.json({ reviews: describeReviews() }, 200))
    .openapi(payload, (c) => {
      const review = c.req.valid('param').review;
      if (!(REVIEW_KINDS as readonly string[]).includes(review))
        throw PROBLEMS.notFound(unknownReview(review), ['review']);
      const query = c.req.valid('query');
      const options: ReviewOptions = { review: review as ReviewKind };
      if (query.callbackVersion) options.callbackVersion = query.callbackVersion;
      if (query.result) options.result = query.result;
      if (query.callbackType !== undefined) options.callbackType = query.callbackType;
      if (query.liveState) options.liveState = query.liveState;
      if (query.consoleTest === 'true') options.consoleTest = true;
      if (query.seed !== undefined) options.seed = query.seed;
      if (query.compact === 'true') options.compact = true;
      const problem = reviewCombinationProblem(options);
      if (problem)
        throw PROBLEMS.badRequest(`query.${problem.field}: ${problem.problem}`, [`query.${problem.field}`]);
      const generated = generateReview(options);
      // The bytes CI would send, as generated (c.json would write them anew); typed as the JSON it documents.
      return c.body(generated.body, 200, {
        'Content-Type': generated.contentType,
        ...generated.headers,
        [SEED_HEADER]: String(generated.seed),
      }) as never;
    });
}
