/**
 * @module ci-callback-emitter/pact
 * The callback contract: verify a running receiver against the committed pact (`COMMITTED_PACT`, also
 * `ci-callback-emitter/pacts/<file>`), check a consumer's own message pact against the generators, and list the
 * variants the contract covers (TaskFinish and moderation).
 */
export {
  CALLBACK_PATH,
  CONSUMER,
  PACT_FILE_NAME,
  PROVIDER,
  PROVIDER_STATE,
} from './interactions.ts';
export { ReceiverUnreachableError } from './receiver-reach.ts';
export {
  describeReviewVariant,
  type ReviewContractVariant,
  reviewContractVariants,
} from './review-variants.ts';
export { type ContractVariant, contractVariants, describeVariant } from './variants.ts';
export {
  COMMITTED_PACT,
  formatReport as formatVerifyReport,
  type VariantResult,
  type VerifyOptions,
  type VerifyReport,
  verifyReceiver,
} from './verify.ts';
export { verifyJUnit } from './verify-junit.ts';
export { verifyMessages } from './verify-messages.ts';
