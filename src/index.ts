/**
 * @module ci-callback-emitter
 * The library: generate Tencent CI TaskFinish and WorkflowFinish callback bodies, and inspect the Tags it knows.
 */
export { TAGS as tagDefinitions } from '../generators/index.ts';
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
export { generate } from './generate.ts';
export { describeTags as tags, findTag, type TagDescription } from './registry.ts';
export type { AppType } from './server/app.ts';
export { type RunningServer, type StartServerOptions, startServer } from './server/start.ts';
export {
  generateWorkflowFinish,
  type WorkflowFinishOptions,
  type WorkflowFinishResult,
} from './workflow-finish.ts';
