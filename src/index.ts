/**
 * @module ci-callback-emitter
 * The library: generate Tencent CI TaskFinish and WorkflowFinish callback bodies, inspect the Tags it knows,
 * parse a received callback — TaskFinish, WorkflowFinish or content moderation — into one typed object
 * (`parseCallback`), and give content-moderation (内容审核) callbacks, Simple or Detail (`generateReview`). Only payload code: importing it loads no server, database or
 * HTTP package. The rest has entries of its own —
 * `ci-callback-emitter/server`, `/load`, `/probe`, `/pact`, `/artillery` — so each costs only when used.
 */

export { InputError } from './core/errors.ts';
export { parseOverride } from './core/overrides.ts';
export { toJsonDocument, toJsonValue } from './core/render-json.ts';
export { parseXml } from './core/render-xml.ts';
export { formatTaskTime, formatWorkflowTime, parseCiTime } from './core/time.ts';
export type {
  Format,
  GenerateOptions,
  GenerateResult,
  Job,
  JobState,
  JsonShape,
  Override,
  TagDefinition,
  Trigger,
  Variant,
} from './core/types.ts';
export { FORMATS, JSON_SHAPES, STATES, TRIGGERS } from './core/types.ts';
export {
  CALLBACK_TYPES,
  CALLBACK_VERSIONS,
  type CallbackType,
  type CallbackVersion,
  CONTENT_VERSION_HEADER,
  LIVE_STATES,
  type LiveState,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type ReviewKind,
  type ReviewResult,
} from './moderation/types.ts';
export { generate } from './payloads/generate.ts';
export {
  generateReview,
  type ReviewGenerateResult,
  type ReviewOptions,
  type ReviewVariant,
} from './payloads/generate-review.ts';
export { describeTags as tags, findTag, type TagDescription } from './payloads/registry.ts';
export {
  generateWorkflowFinish,
  type WorkflowFinishOptions,
  type WorkflowFinishResult,
} from './payloads/workflow-finish.ts';
export {
  type CiCallback,
  type ParseCallbackOptions,
  parseCallback,
  type TaskFinishCallback,
  type WorkflowFinishCallback,
} from './schema/parse-callback.ts';
export type {
  ReviewCallback,
  ReviewConsoleTest,
  ReviewConsoleTestData,
  ReviewDetailCallback,
  ReviewSimpleCallback,
} from './schema/parse-review.ts';
export type * from './schema/review-types.generated.ts';
export type * from './schema/types.generated.ts';
export { TAGS as tagDefinitions } from './tags/index.ts';
