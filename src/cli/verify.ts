/**
 * @module cli/verify
 * `ci-callback verify --provider-base-url URL [...]`: verifies a running receiver against the callback contract
 * and prints a table (variant, pass/FAIL, why). Exit 0 when every selected variant passes, 1 when any fails.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { targetSchema } from '../delivery/target.ts';
import { ReceiverUnreachableError } from '../pact/receiver-reach.ts';
import { formatReport, type VerifyOptions, verifyReceiver } from '../pact/verify.ts';
import { verifyJUnit } from '../pact/verify-junit.ts';
import { formatSchema } from '../payloads/payload-options.ts';
import { headerFlagsSchema, headerLines, listOf, parseFlagValues, urlPathSchema } from './flag-schema.ts';
import { type FlagTable, HEADER_FLAG, parseFlags, requireFlag } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { outputPath } from './output-path.ts';

const VERIFY_FLAGS = {
  'provider-base-url': {
    type: 'string',
    value: 'URL',
    description: 'where the receiver runs, e.g. http://127.0.0.1:3000 (required)',
  },
  path: {
    type: 'string',
    value: '/callback',
    description: 'the callback path on the receiver',
    default: "the pact's, /callback",
  },
  tags: {
    type: 'string',
    value: 'A,B',
    description: 'only these Tags (review:KIND: a moderation kind)',
    default: 'all',
  },
  formats: { type: 'string', value: 'xml,json', description: 'only these formats', default: 'both' },
  pact: { type: 'string', value: 'FILE', description: 'a pact file instead of the committed contract' },
  header: HEADER_FLAG,
  'broker-url': {
    type: 'string',
    value: 'URL',
    description: 'verify the pacts a Pact Broker holds, whole (no --tags, --formats, --path or --pact)',
  },
  'broker-token': {
    type: 'string',
    value: 'T',
    description: "the broker's token (or env PACT_BROKER_TOKEN)",
  },
  'provider-version': { type: 'string', value: 'V', description: 'the receiver version the results are for' },
  publish: { type: 'boolean', description: 'publish the results to the broker (needs --provider-version)' },
  verbose: { type: 'boolean', description: "pact's verifier output on stderr" },
  json: { type: 'string', value: 'FILE', description: 'write the results as JSON' },
  junit: { type: 'string', value: 'FILE', description: 'write the results as JUnit XML' },
} as const satisfies FlagTable;

export const verifyUsage: CommandUsage = {
  synopsis: [
    'verify --provider-base-url URL [--path /callback] [--tags A,B] [--formats xml,json] [--pact FILE]',
    'verify --provider-base-url URL --broker-url URL [--broker-token T] [--provider-version V --publish]',
  ],
  flags: VERIFY_FLAGS,
  notes: ['Prints a table (variant, pass/FAIL, why). Exit 0 when every variant passes, 1 when any fails.'],
};

/** verify's own flags as the API's fields: its URLs are targets, its headers extra headers. */
const verifyFlagsSchema = z.object({
  providerBaseUrl: targetSchema,
  brokerUrl: targetSchema.optional(),
  path: urlPathSchema.optional(),
  formats: z.array(formatSchema).optional(),
  headers: headerFlagsSchema,
});

export const verifyCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, VERIFY_FLAGS);
  const flags = parseFlagValues(
    verifyFlagsSchema,
    {
      providerBaseUrl: requireFlag(values['provider-base-url'], 'provider-base-url'),
      brokerUrl: values['broker-url'],
      path: values.path,
      formats: listOf(values.formats),
      headers: values.header ?? [],
    },
    VERIFY_FLAGS,
  );
  const options: VerifyOptions = { providerBaseUrl: flags.providerBaseUrl.replace(/\/$/, '') };
  if (flags.path !== undefined) options.path = flags.path;
  const tags = listOf(values.tags);
  if (tags) options.tags = tags;
  if (flags.formats) options.formats = flags.formats;
  if (values.pact !== undefined) options.pactFile = values.pact;
  if (values.header) options.headers = headerLines(flags.headers);
  if (values['broker-url'] !== undefined) {
    if (options.tags || options.formats || options.path || options.pactFile) {
      throw new InputError(
        'broker-url',
        '--broker-url verifies the pacts the broker holds, whole: it takes no --tags, --formats, --path or --pact',
      );
    }
    options.broker = {
      url: (flags.brokerUrl ?? values['broker-url']).replace(/\/$/, ''),
      publish: values.publish ?? false,
    };
    const token = values['broker-token'] ?? process.env['PACT_BROKER_TOKEN'];
    if (token) options.broker.token = token;
    if (values['provider-version']) options.broker.providerVersion = values['provider-version'];
    if (options.broker.publish && !options.broker.providerVersion) {
      throw new InputError(
        'publish',
        '--publish needs --provider-version (the receiver version the results are for)',
      );
    }
  }
  const jsonPath = values.json === undefined ? undefined : await outputPath('json', values.json);
  const junitPath = values.junit === undefined ? undefined : await outputPath('junit', values.junit);
  let report: Awaited<ReturnType<typeof verifyReceiver>>;
  try {
    report = await verifyReceiver(options);
  } catch (error) {
    if (!(error instanceof ReceiverUnreachableError)) throw error;
    io.stderr(`ci-callback verify: ${error.message}\n`);
    return 1;
  }
  if (values.verbose) io.stderr(report.verifierOutput);
  io.stdout(formatReport(report));
  if (jsonPath) {
    const { verifierOutput: _output, ...document } = report;
    await writeFile(jsonPath, `${JSON.stringify(document, null, 2)}\n`);
    io.stderr(`wrote ${jsonPath}\n`);
  }
  if (junitPath) {
    await writeFile(junitPath, verifyJUnit(report, options.providerBaseUrl));
    io.stderr(`wrote ${junitPath}\n`);
  }
  return report.passed ? 0 : 1;
};
