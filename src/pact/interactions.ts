/**
 * @module pact/interactions
 * One Pact HTTP interaction per variant, built from the generator registry — never written by hand. The emitter
 * is the consumer (it sends the request); the receiver is the provider, expected to answer with any 2xx.
 */
import { HTTPResponseStatusClass, MatchersV3, type PactV4 } from '@pact-foundation/pact';
import type { GenerateResult, Job } from '../core/types.ts';
import { CONTENT_VERSION_HEADER } from '../moderation/types.ts';
import { generate } from '../payloads/generate.ts';
import { findTag } from '../payloads/registry.ts';
import { jsonPactBody, xmlPactBody } from './pact-body.ts';
import { reviewPactBody } from './review-pact-body.ts';
import {
  describeReviewVariant,
  type ReviewContractVariant,
  reviewVariantPayload,
} from './review-variants.ts';
import { type ContractVariant, describeVariant } from './variants.ts';

export const CONSUMER = 'ci-callback-emitter';
export const PROVIDER = 'callback-receiver';
export const PACT_FILE_NAME = `${CONSUMER}-${PROVIDER}.json`;
/** The path interactions are recorded with; `verify --path` rewrites it for a receiver elsewhere. */
export const CALLBACK_PATH = '/callback';
export const PROVIDER_STATE = 'a receiver that accepts CI callbacks';

/** The callback a variant sends: the generated body and its full response tree. */
export function variantPayload(variant: ContractVariant): GenerateResult & { response: Job } {
  const result = generate({
    tag: variant.tag,
    format: variant.format,
    trigger: variant.trigger,
    state: variant.state,
    seed: variant.seed,
  });
  return { ...result, response: { EventName: 'TaskFinish', JobsDetail: result.job } };
}

/** Adds the variant's interaction to a V4 pact, ready for executeTest. */
export function defineInteraction(
  interaction: ReturnType<PactV4['addInteraction']>,
  variant: ContractVariant,
) {
  const payload = variantPayload(variant);
  const def = findTag(variant.tag);
  const options = { def, state: variant.state };
  return interaction
    .given(PROVIDER_STATE, {
      tag: variant.tag,
      format: variant.format,
      trigger: variant.trigger,
      state: variant.state,
      lists: variant.lists ?? 'n/a',
      seed: String(variant.seed),
    })
    .uponReceiving(describeVariant(variant))
    .withRequest('POST', CALLBACK_PATH, (request) => {
      request.headers({ 'Content-Type': payload.contentType });
      if (variant.format === 'xml') request.xmlBody(xmlPactBody(payload.response, options));
      else request.jsonBody(jsonPactBody(payload.response, payload.variant.jsonShape, options));
    })
    .willRespondWith(MatchersV3.matchStatus(200, HTTPResponseStatusClass.Success));
}

/**
 * Adds a moderation variant's interaction: its JSON body, `Content-Type` and the `X-Ci-Content-Version` that names
 * its form, answered with exactly 200 — CI's console only takes a moderation callback URL that answers 200.
 */
export function defineReviewInteraction(
  interaction: ReturnType<PactV4['addInteraction']>,
  variant: ReviewContractVariant,
) {
  const payload = reviewVariantPayload(variant);
  return interaction
    .given(PROVIDER_STATE, {
      review: variant.review,
      callbackVersion: variant.callbackVersion,
      result: variant.result,
      seed: String(variant.seed),
    })
    .uponReceiving(describeReviewVariant(variant))
    .withRequest('POST', CALLBACK_PATH, (request) => {
      request.headers({
        'Content-Type': payload.contentType,
        [CONTENT_VERSION_HEADER]: payload.headers[CONTENT_VERSION_HEADER],
      });
      request.jsonBody(reviewPactBody(payload.document));
    })
    .willRespondWith(200);
}
