/**
 * @module cli/main
 * Dispatches `ci-callback <command>`; turns bad input into one line on stderr and exit code 2.
 *
 * A command's module is imported only when that command runs (or its help is asked for), so `generate` does not
 * pay for the HTTP server, SQLite, undici or pact: start-up is what the command uses (bench/startup.ts).
 */
import { pathToFileURL } from 'node:url';
import { InputError } from '../core/errors.ts';
import { inFlagTerms } from './flag-names.ts';
import type { FlagTable } from './flags.ts';
import { type CommandUsage, commandHelp, overview } from './help.ts';
import { type CliIo, type Command, endQuietlyWhenStdoutCloses, processIo } from './io.ts';

/** A command as `main` knows it before loading it: one line for `help`, and how to load the rest. */
interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<{ usage: CommandUsage; run: Command }>;
}

const HELP_USAGE: CommandUsage = {
  synopsis: ['help', 'help <command>'],
  flags: {},
  notes: ["'ci-callback <command> --help' and '-h' print the same as 'ci-callback help <command>'."],
};

export const COMMANDS: Record<string, CommandEntry> = {
  tags: {
    summary: 'the Tags it knows, with their variants',
    load: async () => {
      const { tagsCommand, tagsUsage } = await import('./tags.ts');
      return { usage: tagsUsage, run: tagsCommand };
    },
  },
  generate: {
    summary:
      'print one callback body (TaskFinish, WorkflowFinish or moderation), exactly as CI would POST it',
    load: async () => {
      const { generateCommand, generateUsage } = await import('./generate.ts');
      return { usage: generateUsage, run: generateCommand };
    },
  },
  fixtures: {
    summary: 'write the whole corpus (or N bodies) to a directory, one file per Tag × variant',
    load: async () => {
      const { fixturesCommand, fixturesUsage } = await import('./fixtures.ts');
      return { usage: fixturesUsage, run: fixturesCommand };
    },
  },
  reviews: {
    summary: 'the content-moderation kinds it knows, with their forms (Simple, Detail)',
    load: async () => {
      const { reviewsCommand, reviewsUsage } = await import('./reviews.ts');
      return { usage: reviewsUsage, run: reviewsCommand };
    },
  },
  schema: {
    summary:
      'print a Tag’s or moderation kind’s JSON Schema, or write every schema and the AsyncAPI document',
    load: async () => {
      const { schemaCommand, schemaUsage } = await import('./schema.ts');
      return { usage: schemaUsage, run: schemaCommand };
    },
  },
  serve: {
    summary: 'the fixture server: HTTP API, dashboard, schedules, delivery log (npm start)',
    load: async () => {
      const { serveCommand, serveUsage } = await import('./serve.ts');
      return { usage: serveUsage, run: serveCommand };
    },
  },
  send: {
    summary: 'send callbacks now, without a server; one line per delivery',
    load: async () => {
      const { sendCommand, sendUsage } = await import('./send.ts');
      return { usage: sendUsage, run: sendCommand };
    },
  },
  verify: {
    summary: 'verify a running receiver against the callback contract (Pact)',
    load: async () => {
      const { verifyCommand, verifyUsage } = await import('./verify.ts');
      return { usage: verifyUsage, run: verifyCommand };
    },
  },
  'verify-messages': {
    summary: "check a consumer's message pact against what the generators produce",
    load: async () => {
      const { verifyMessagesCommand, verifyMessagesUsage } = await import('./verify-messages.ts');
      return { usage: verifyMessagesUsage, run: verifyMessagesCommand };
    },
  },
  load: {
    summary: 'drive a receiver with unique, realistic callbacks and report latency and errors',
    load: async () => {
      const { loadCommand, loadUsage } = await import('./load.ts');
      return { usage: loadUsage, run: loadCommand };
    },
  },
  artillery: {
    summary: 'init: write an Artillery test (YAML + processor) that sends these callbacks',
    load: async () => {
      const { artilleryCommand, artilleryUsage } = await import('./artillery.ts');
      return { usage: artilleryUsage, run: artilleryCommand };
    },
  },
  probe: {
    summary: 'run every delivery fault against a receiver; PASS/FAIL per probe',
    load: async () => {
      const { probeCommand, probeUsage } = await import('./probe.ts');
      return { usage: probeUsage, run: probeCommand };
    },
  },
  help: {
    summary: "this list, or a command's usage: ci-callback help <command>",
    load: async () => ({ usage: HELP_USAGE, run: helpCommand }),
  },
};

function findCommand(name: string): CommandEntry {
  const entry = COMMANDS[name];
  if (!entry) throw new InputError('command', `unknown command '${name}'`, Object.keys(COMMANDS));
  return entry;
}

async function printUsage(name: string, io: CliIo): Promise<0> {
  const entry = findCommand(name);
  io.stdout(commandHelp(name, entry.summary, (await entry.load()).usage));
  return 0;
}

/** `ci-callback help [command]`. */
const helpCommand: Command = async (argv, io) => {
  const [name, ...extra] = argv;
  if (extra.length > 0) throw new InputError('help', `help takes one command name, got '${argv.join(' ')}'`);
  if (name !== undefined) return printUsage(name, io);
  const list = Object.entries(COMMANDS).map(([command, entry]) => ({
    name: command,
    summary: entry.summary,
  }));
  io.stdout(overview(list));
  return 0;
};

/** `--help` or `-h` anywhere on the line asks for the usage instead of running the command. */
function asksForHelp(argv: readonly string[]): boolean {
  return argv.some((word) => word === '--help' || word === '-h');
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name = 'help', ...rest] = argv;
  let flags: FlagTable = {};
  if (io === processIo) endQuietlyWhenStdoutCloses();
  try {
    if (name === '--help' || name === '-h') return (await helpCommand([], io)) ?? 0;
    if (asksForHelp(rest)) return await printUsage(name, io);
    const command = await findCommand(name).load();
    flags = command.usage.flags;
    return (await command.run(rest, io)) ?? 0;
  } catch (error) {
    if (error instanceof InputError) {
      // the library names its fields in its own terms; here they are the flags typed
      io.stderr(`ci-callback ${name}: ${(inFlagTerms(error, flags) as InputError).message}\n`);
      return 2;
    }
    io.stderr(`ci-callback ${name}: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
