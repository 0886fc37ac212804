/**
 * @module cli/verify-messages
 * `ci-callback verify-messages --pact FILE`: checks a consumer's message pact (the fields it reads, per variant)
 * against what the generators produce. Exit 0 when every message passes, 1 when any fails.
 */

import { formatReport } from '../../contracts/verify.ts';
import { verifyMessages } from '../../contracts/verify-messages.ts';
import { parseFlags, requireFlag } from './flags.ts';
import type { Command } from './io.ts';

export const verifyMessagesCommand: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { pact: { type: 'string' }, verbose: { type: 'boolean' } });
  const report = await verifyMessages({ pactFile: requireFlag(values.pact, 'pact') });
  if (values.verbose) io.stderr(report.verifierOutput);
  io.stdout(formatReport(report));
  return report.passed ? 0 : 1;
};
