/**
 * @module cli/io
 * What a command writes to, injected so commands run in-process in tests.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (then a body gets a trailing newline). */
  isTty: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
};

let quietOnClosedPipe = false;

/**
 * `ci-callback reviews | head` closes stdout early: the next write fails with EPIPE, which Node raises as an
 * unhandled 'error' event and a stack trace. A Unix tool ends quietly there, as if killed by SIGPIPE, so we do.
 */
export function endQuietlyWhenStdoutCloses(): void {
  if (quietOnClosedPipe) return;
  quietOnClosedPipe = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export type Command = (argv: string[], io: CliIo) => Promise<number | undefined> | number | undefined;
