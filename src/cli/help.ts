/**
 * @module cli/help
 * The usage text, written from the commands' own flag tables: `ci-callback help` lists the commands,
 * `ci-callback <command> --help` (or `help <command>`) prints one command's synopsis and every flag it parses.
 */
import type { FlagSpec, FlagTable } from './flags.ts';

/** What a command module says about itself, beside its run function. */
export interface CommandUsage {
  /** Ways to call it, without the leading `ci-callback `. */
  readonly synopsis: readonly string[];
  /** The very table the command parses its argv with. */
  readonly flags: FlagTable;
  /** Paragraphs after the flags: environment variables, exit codes, what a subtlety means. */
  readonly notes?: readonly string[];
}

const WIDTH = 100;
/** Where descriptions start; a longer flag pushes its own description right rather than the whole column. */
const DESCRIPTION_COLUMN = 30;
const HELP_FLAG = '-h, --help';

const HELP_FLAG_NOTE = 'this text';

function flagName(name: string, flag: FlagSpec): string {
  return flag.type === 'string' ? `--${name} ${flag.value ?? 'VALUE'}` : `--${name}`;
}

function describe(flag: FlagSpec): string {
  const parts = [flag.description];
  if (flag.multiple) parts.push('repeatable');
  let text = parts.join('; ');
  if (flag.default !== undefined) text += ` (default ${flag.default})`;
  return text;
}

/** `text` in lines of at most `first` characters, then `rest` (a single word longer than that stays whole). */
function wrap(text: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const room = lines.length === 0 ? first : rest;
    if (current !== '' && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  lines.push(current);
  return lines;
}

/** `left` in the flag column, `text` wrapped at WIDTH with continuation lines under the description column. */
function row(left: string, text: string): string {
  const head = `  ${left}`;
  const start = Math.max(DESCRIPTION_COLUMN, head.length + 2);
  const [first, ...rest] = wrap(text, WIDTH - start, WIDTH - DESCRIPTION_COLUMN);
  const indent = ' '.repeat(DESCRIPTION_COLUMN);
  return [head.padEnd(start) + first, ...rest.map((line) => indent + line)].join('\n');
}

/** One line (or a few, wrapped) per flag, in the table's order, then `-h, --help`. */
export function flagLines(flags: FlagTable): string {
  const rows = Object.entries(flags).map(([name, flag]) => row(flagName(name, flag), describe(flag)));
  rows.push(row(HELP_FLAG, HELP_FLAG_NOTE));
  return rows.join('\n');
}

/** `ci-callback <command> --help`. */
export function commandHelp(name: string, summary: string, usage: CommandUsage): string {
  const synopsis = usage.synopsis.map((line) => `  ci-callback ${line}`).join('\n');
  const notes = (usage.notes ?? []).map((note) => `\n${wrap(note, WIDTH, WIDTH).join('\n')}\n`).join('');
  return `ci-callback ${name} — ${summary}\n\nUsage:\n${synopsis}\n\nFlags:\n${flagLines(usage.flags)}\n${notes}`;
}

/** `ci-callback help`: the commands, one line each. */
export function overview(commands: readonly { name: string; summary: string }[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  const list = commands.map(({ name, summary }) => `  ${name.padEnd(width)}${summary}`).join('\n');
  return `ci-callback — stands in for Tencent Cloud Infinite (数据万象) when it calls back your server

Usage:
  ci-callback <command> [flags]

Commands:
${list}

'ci-callback <command> --help' (or -h, or 'ci-callback help <command>') prints a command's usage and flags.
Bad input exits 2 with one line saying what was wrong and what is accepted.
`;
}
