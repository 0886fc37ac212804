/**
 * @module cli/verify-messages
 * `ci-callback verify-messages --pact FILE`: checks a consumer's message pact (the fields it reads, per variant)
 * against what the generators produce. Exit 0 when every message passes, 1 when any fails.
 */

import { formatReport } from '../pact/verify.ts';
import { verifyMessages } from '../pact/verify-messages.ts';
import { type FlagTable, parseFlags, requireFlag } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';

const VERIFY_MESSAGES_FLAGS = {
  pact: { type: 'string', value: 'FILE', description: "the consumer's message pact (JSON)" },
  verbose: { type: 'boolean', description: "pact's verifier output on stderr" },
} as const satisfies FlagTable;

export const verifyMessagesUsage: CommandUsage = {
  synopsis: ['verify-messages --pact FILE [--verbose]'],
  flags: VERIFY_MESSAGES_FLAGS,
  notes: ['Exit 0 when every message passes, 1 when any fails.'],
};

export const verifyMessagesCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, VERIFY_MESSAGES_FLAGS);
  const report = await verifyMessages({ pactFile: requireFlag(values.pact, 'pact') });
  if (values.verbose) io.stderr(report.verifierOutput);
  io.stdout(formatReport(report));
  return report.passed ? 0 : 1;
};
