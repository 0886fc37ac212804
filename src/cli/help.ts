/**
 * @module cli/help
 * The usage text: `ci-callback help` and any bare call.
 */
import { ARTILLERY_HELP } from './artillery.ts';
import { GENERATE_FLAGS_HELP, PAYLOAD_FLAGS_HELP } from './flags.ts';
import type { Command } from './io.ts';
import { LOAD_FLAGS_HELP } from './load.ts';
import { PROBE_HELP } from './probe.ts';
import { SEND_HELP } from './send.ts';
import { SERVE_HELP } from './serve.ts';

export const USAGE = `ci-callback — stands in for Tencent Cloud Infinite (数据万象) when it calls back your server

Usage:
  ci-callback tags [--json]                       the Tags it knows, with their variants
  ci-callback generate --tag TAG [flags]          print one TaskFinish body, exactly as CI would POST it
  ci-callback generate --event workflow-finish --tags A,B [flags]
                                                  print the WorkflowFinish body of a workflow run of those nodes
  ci-callback fixtures --out DIR [--seed N]       write the whole corpus: DIR/<Tag>/<trigger>-<state>.<xml|json>
  ci-callback fixtures --out DIR --count N [--seed N]
                                                  write N bodies: one corpus per seed from --seed on, in DIR/<seed>/
  ci-callback serve [serve flags]                 the fixture server: HTTP API, schedules, delivery log (npm start)
  ci-callback send --target URL --tag TAG [payload flags] [--count N | --every 2s --limit N]
                                                  send callbacks now, without a server; one line per delivery
  ci-callback verify --provider-base-url URL [--path /callback] [--tags A,B] [--formats xml,json] [--pact FILE]
                     [--header 'X-Token: s'] [--broker-url URL [--broker-token T] [--provider-version V] [--publish]]
                     [--json FILE] [--junit FILE]
                                                  verify a running receiver against the callback contract
  ci-callback verify-messages --pact FILE         check a consumer's message pact against what the generators produce
  ci-callback load --target URL (--rate N | --connections N) [load flags]
                                                  drive a receiver with unique, realistic callbacks and report
  ci-callback artillery init [artillery flags]   write an Artillery test (YAML + processor) that sends these callbacks,
                                                  and print how to run it here and across machines
  ci-callback probe --target URL [probe flags]    run every delivery fault against a receiver; PASS/FAIL per probe
  ci-callback help                                this text

Payload flags:
${PAYLOAD_FLAGS_HELP}
${GENERATE_FLAGS_HELP}

Serve flags:
${SERVE_HELP}

Send flags:
${SEND_HELP}

Load flags:
${LOAD_FLAGS_HELP}

Artillery flags:
${ARTILLERY_HELP}

Probe flags:
${PROBE_HELP}

Bad input exits 2 with one line saying what was wrong and what is accepted.
`;

export const helpCommand: Command = (_argv, io) => {
  io.stdout(USAGE);
  return 0;
};
