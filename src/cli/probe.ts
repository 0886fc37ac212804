/**
 * @module cli/probe
 * `ci-callback probe --target URL [...]`: runs the delivery-fault battery against a receiver, a canary after
 * each probe, and prints the table. Exit 0 when every selected probe passes, 1 otherwise, 2 on bad flags.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { numberFromText } from '../core/number-fields.ts';
import { seedTextSchema } from '../payloads/payload-options.ts';
import { formatProbeTable, probeJUnit } from '../probe/report.ts';
import { probeBody } from '../probe/run-request.ts';
import { type ProbeRunOptions, runProbes, selectProbes } from '../probe/runner.ts';
import {
  definedFields,
  headerFlagsSchema,
  listOf,
  msFromDurationText,
  parseFlagValues,
  urlPathSchema,
} from './flag-schema.ts';
import { type FlagTable, HEADER_FLAG, parseFlags, requireFlag } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { outputPath } from './output-path.ts';

const PROBE_FLAGS = {
  target: {
    type: 'string',
    value: 'URL',
    description: "the receiver's callback URL (or env CI_CALLBACK_TARGET)",
  },
  path: { type: 'string', value: '/callback', description: "replace the target's path" },
  only: {
    type: 'string',
    value: 'a,b',
    description: 'faults (malformed) or probes (malformed/empty) to run',
    default: 'all',
  },
  skip: { type: 'string', value: 'a,b', description: 'faults or probes to leave out' },
  format: { type: 'string', value: 'xml|json', description: "the bodies' format", default: 'xml' },
  timeout: {
    type: 'string',
    value: 'D',
    description: 'how long a probe waits for an answer, 100ms..1m (slow-body dribbles over a fifth)',
    default: '10s',
  },
  burst: {
    type: 'string',
    value: 'N',
    description: 'callbacks sent at once by the burst probe, at most 200',
    default: '20',
  },
  review: {
    type: 'string',
    value: 'KIND',
    description: 'a receiver of moderation callbacks: the canary is one, and the review probes run',
  },
  header: HEADER_FLAG,
  seed: { type: 'string', value: 'N', description: "the bodies' first seed", default: 'random, printed' },
  json: { type: 'string', value: 'FILE', description: 'write the results as JSON' },
  junit: {
    type: 'string',
    value: 'FILE',
    description: 'write the results as JUnit XML (GitHub Actions, GitLab, Jenkins)',
  },
} as const satisfies FlagTable;

export const probeUsage: CommandUsage = {
  synopsis: ['probe --target URL [flags]'],
  flags: PROBE_FLAGS,
  notes: ['Exit 0 when every selected probe passes, 1 when any fails.'],
};

/** probe's flags as POST /probes' fields (src/probe/run-request.ts), from the text typed. */
const probeFlagsSchema = z.object({
  target: probeBody.shape.target,
  headers: headerFlagsSchema,
  format: probeBody.shape.format,
  only: probeBody.shape.only,
  skip: probeBody.shape.skip,
  timeoutMs: msFromDurationText(probeBody.shape.timeoutMs.unwrap()).optional(),
  burstSize: numberFromText(probeBody.shape.burstSize.unwrap()).optional(),
  seed: seedTextSchema.optional(),
  path: urlPathSchema.optional(),
  review: probeBody.shape.review,
});

export const probeCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, PROBE_FLAGS);
  const flags = parseFlagValues(
    probeFlagsSchema,
    {
      target: requireFlag(values.target ?? process.env['CI_CALLBACK_TARGET'], 'target'),
      headers: values.header ?? [],
      format: values.format,
      only: listOf(values.only),
      skip: listOf(values.skip),
      timeoutMs: values.timeout,
      burstSize: values.burst,
      seed: values.seed,
      path: values.path,
      review: values.review,
    },
    PROBE_FLAGS,
  );
  const url = new URL(flags.target);
  if (flags.path !== undefined) url.pathname = flags.path;
  const { target: _target, path: _path, ...rest } = flags;
  const options: ProbeRunOptions = { target: url.href, only: [], skip: [], ...definedFields(rest) };
  // a bad name fails here, before anything is sent (naming --only/--skip: cli/main)
  selectProbes(options.only, options.skip, options.review);
  const jsonPath = values.json === undefined ? undefined : await outputPath('json', values.json);
  const junitPath = values.junit === undefined ? undefined : await outputPath('junit', values.junit);

  const report = await runProbes(options);
  io.stdout(formatProbeTable(report));
  if (jsonPath) {
    await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    io.stderr(`wrote ${jsonPath}\n`);
  }
  if (junitPath) {
    await writeFile(junitPath, probeJUnit(report));
    io.stderr(`wrote ${junitPath}\n`);
  }
  return report.passed ? 0 : 1;
};
