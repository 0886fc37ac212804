/**
 * @module cli/artillery
 * `ci-callback artillery init [--tags …] [--rate N] [--duration D] [--target URL] [--out DIR] [--force]`: writes
 * an Artillery test script and its processor file, and prints how to run them here and across machines.
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  PROCESSOR_FILE,
  PROCESSOR_SOURCE,
  renderTestScript,
  resolveTestScript,
  SCRIPT_FILE,
  TEST_SCRIPT_DEFAULTS,
} from '../artillery/test-script.ts';
import { InputError } from '../core/errors.ts';
import { type FlagTable, parseFlags } from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';

const INIT_FLAGS = {
  tags: {
    type: 'string',
    value: 'all|Tag[:weight],…',
    description: 'the mix of Tags',
    default: TEST_SCRIPT_DEFAULTS.tags,
  },
  rate: {
    type: 'string',
    value: 'N',
    description: 'arrivals (callbacks) per second, per worker',
    default: String(TEST_SCRIPT_DEFAULTS.rate),
  },
  duration: {
    type: 'string',
    value: 'D',
    description: 'how long, in whole seconds: 30s, 2m',
    default: String(TEST_SCRIPT_DEFAULTS.duration),
  },
  target: { type: 'string', value: 'URL', description: 'the receiver', default: TEST_SCRIPT_DEFAULTS.target },
  out: {
    type: 'string',
    value: 'DIR',
    description: `where to write ${SCRIPT_FILE} and ${PROCESSOR_FILE}`,
    default: '.',
  },
  force: { type: 'boolean', description: 'overwrite those files if they exist' },
} as const satisfies FlagTable;

export const artilleryUsage: CommandUsage = {
  synopsis: ['artillery init [flags]'],
  flags: INIT_FLAGS,
  notes: ['Then prints how to run the test here and across machines.'],
};

export const artilleryCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'init') {
    throw new InputError(
      'artillery',
      sub === undefined || sub.startsWith('-')
        ? 'artillery needs a subcommand first, e.g. ci-callback artillery init --rate 50'
        : `unknown artillery subcommand '${sub}'`,
      ['init'],
    );
  }
  const { values } = parseFlags(rest, INIT_FLAGS);
  const plan = resolveTestScript(values);
  const out = resolve(values.out ?? '.');
  const files = [
    { path: join(out, SCRIPT_FILE), text: renderTestScript(plan) },
    { path: join(out, PROCESSOR_FILE), text: PROCESSOR_SOURCE },
  ];
  if (!values.force) {
    for (const file of files) {
      if (await exists(file.path)) {
        throw new InputError('out', `${file.path} already exists; pass --force to overwrite it or --out DIR`);
      }
    }
  }
  await mkdir(out, { recursive: true });
  for (const file of files) await writeFile(file.path, file.text);
  const script = relative(process.cwd(), files[0]?.path ?? '') || SCRIPT_FILE;
  io.stdout(
    runInstructions(
      script,
      files.map((f) => f.path),
    ),
  );
  return 0;
};

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function runInstructions(script: string, written: string[]): string {
  return `wrote ${written.join(' and ')}

Needs, in the folder with the script (Artillery 2.0.20 is the newest that runs on Node 20):
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i -D ci-callback-emitter artillery@2.0.20

Run it here (one machine; Artillery spreads the rate over worker threads):
  npx artillery run ${script} --output report.json
  Per-Tag figures are in the report: ci_callback.sent.<Tag>, ci_callback.non_2xx.<Tag>,
  ci_callback.errors.<Tag>, ci_callback.response_time.<Tag>.

Run it from many machines (each worker sends the script's rate; JobIds stay unique across workers):
  npx artillery run-fargate --count 10 --region us-east-1 ${script}
  npx artillery run-lambda --count 10 --region us-east-1 ${script}
  Both need AWS credentials allowed to run Artillery's workers (see Artillery's docs for the IAM policy), a
  target reachable from AWS (not 127.0.0.1), and a package.json beside the script listing ci-callback-emitter
  in dependencies: Artillery bundles the script and processor, and each worker npm-installs those packages.
`;
}
