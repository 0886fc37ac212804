/**
 * Test support: running CLI commands in-process with their output captured.
 */
import type { CliIo, Command } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

/** A CliIo that keeps what is written, and the buffers it writes to. */
export function captureIo(): { out: { stdout: string; stderr: string }; io: CliIo } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    isTty: false,
  };
  return { out, io };
}

/** Runs a command line through the CLI entry point (or one command directly) and returns what it did. */
export async function runCaptured(argv: string[], command?: Command) {
  const { out, io } = captureIo();
  const code = command ? ((await command(argv, io)) ?? 0) : await runCli(argv, io);
  return { code, ...out };
}
