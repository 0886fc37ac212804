/**
 * @module cli/help
 * The usage text: `ci-callback help` and any bare call.
 */
import { PAYLOAD_FLAGS_HELP } from './flags.ts';
import type { Command } from './io.ts';

export const USAGE = `ci-callback — stands in for Tencent Cloud Infinite (数据万象) when it calls back your server

Usage:
  ci-callback tags [--json]                       the Tags it knows, with their variants
  ci-callback generate --tag TAG [flags]          print one TaskFinish body, exactly as CI would POST it
  ci-callback fixtures --out DIR [--seed N]       write the whole corpus: DIR/<Tag>/<trigger>-<state>.<xml|json>
  ci-callback help                                this text

Payload flags:
${PAYLOAD_FLAGS_HELP}

Bad input exits 2 with one line saying what was wrong and what is accepted.
`;

export const helpCommand: Command = (_argv, io) => {
  io.stdout(USAGE);
  return 0;
};
