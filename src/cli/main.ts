/**
 * @module cli/main
 * Dispatches `ci-callback <command>`; turns bad input into one line on stderr and exit code 2.
 */
import { pathToFileURL } from 'node:url';
import { InputError } from '../core/errors.ts';
import { artilleryCommand } from './artillery.ts';
import { fixturesCommand } from './fixtures.ts';
import { generateCommand } from './generate.ts';
import { helpCommand } from './help.ts';
import { type CliIo, type Command, processIo } from './io.ts';
import { loadCommand } from './load.ts';
import { probeCommand } from './probe.ts';
import { sendCommand } from './send.ts';
import { serveCommand } from './serve.ts';
import { tagsCommand } from './tags.ts';
import { verifyCommand } from './verify.ts';
import { verifyMessagesCommand } from './verify-messages.ts';

export const COMMANDS: Record<string, Command> = {
  tags: tagsCommand,
  generate: generateCommand,
  fixtures: fixturesCommand,
  serve: serveCommand,
  send: sendCommand,
  verify: verifyCommand,
  'verify-messages': verifyMessagesCommand,
  load: loadCommand,
  artillery: artilleryCommand,
  probe: probeCommand,
  help: helpCommand,
};

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = name === '--help' || name === '-h' ? helpCommand : COMMANDS[name];
  try {
    if (!command) throw new InputError('command', `unknown command '${name}'`, Object.keys(COMMANDS));
    return (await command(rest, io)) ?? 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`ci-callback ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`ci-callback ${name}: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
