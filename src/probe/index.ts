/**
 * @module ci-callback-emitter/probe
 * The probe battery as a library: the same probes as `ci-callback probe`, run against a receiver, with the
 * report as a table or JUnit XML.
 */
export { formatProbeTable, probeJUnit } from './report.ts';
export {
  PROBE_DEFAULTS,
  type ProbeReport,
  type ProbeResult,
  type ProbeRunOptions,
  probeIds,
  runProbes,
  selectProbes,
  type Verdict,
} from './runner.ts';
