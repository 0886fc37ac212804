/**
 * @module ci-callback-emitter/load
 * The load mode as a library: resolve a plan from the same options as `ci-callback load`, run it, and read,
 * gate (thresholds) and render its report.
 */
export { type LoadHooks, type LoadProgress, runLoad } from './engine.ts';
export { renderHtmlReport } from './html-report.ts';
export {
  LOAD_DEFAULTS,
  type LoadInput,
  type LoadModel,
  type LoadPlan,
  resolveLoadPlan,
  type TagWeight,
} from './plan.ts';
export { formatReport as formatLoadReport, type LatencySummary, type LoadReport } from './report.ts';
export {
  evaluateThresholds,
  formatThresholdResults,
  parseThresholds,
  type Threshold,
  type ThresholdResult,
  thresholdsJUnit,
} from './thresholds.ts';
