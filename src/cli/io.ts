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

export type Command = (argv: string[], io: CliIo) => Promise<number | undefined> | number | undefined;
