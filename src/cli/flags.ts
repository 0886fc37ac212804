/**
 * @module cli/flags
 * A command's flag table (one definition per flag, read by the parser and by --help), the strict parser, and
 * the flags that pick a payload (shared by generate and send), parsed into GenerateOptions.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { z } from 'zod';
import { InputError, oneOf } from '../core/errors.ts';
import type { GenerateOptions } from '../core/types.ts';
import { REVIEW_KINDS } from '../moderation/types.ts';
import { overridesSchema, payloadOptionFields, seedTextSchema } from '../payloads/payload-options.ts';
import type { WorkflowFinishOptions } from '../payloads/workflow-finish.ts';
import { definedFields, parseFlagValues } from './flag-schema.ts';

/**
 * One flag of a command: what `parseArgs` needs (type, multiple) and what the help shows (value placeholder,
 * description, default). Each command has one table of these; the parser and `--help` both read it, so a flag
 * cannot exist in one and not the other. `default` is only shown: the command applies it, so that "not given"
 * stays visible to its checks (`--count` and `--every` exclude each other, for instance).
 */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in the help: `URL`, `N`, `xml|json`. */
  readonly value?: string;
  readonly description: string;
  readonly default?: string;
  /** Repeatable: the values come as a list, in order. */
  readonly multiple?: boolean;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** What `parseFlags` returns for a table: a string (or a list, when repeatable) or a boolean per flag given. */
export type FlagValues<T extends FlagTable> = {
  -readonly [K in keyof T]?: T[K]['type'] extends 'boolean'
    ? boolean
    : T[K] extends { multiple: true }
      ? string[]
      : string;
};

/** `--header 'Name: value'`, repeatable: the commands that send (send, probe, verify) take it alike. */
export const HEADER_FLAG = {
  type: 'string',
  value: "'Name: value'",
  description: 'an extra request header (e.g. a shared secret)',
  multiple: true,
} as const satisfies FlagSpec;

/** How a sender retries, shared by serve and send: the API's `retry` grammar (src/delivery/retry-schedule.ts). */
export const RETRY_FLAG = {
  type: 'string',
  value: 'SCHEDULE',
  description:
    'the wait before each attempt: 0,1s,5s,25s; none sends once (at most 20 attempts, waits up to 1h)',
  default: '0,1s,5s,25s',
} as const satisfies FlagSpec;

/** The emitter's own attempt counter, off unless asked (CI sends no such header). */
export const ATTEMPT_HEADER_FLAG = {
  type: 'boolean',
  description: "send X-CI-Callback-Attempt: 1, 2, … with each attempt (the emitter's header: CI sends none)",
} as const satisfies FlagSpec;

/** The flags that pick a payload, shared by generate and send. */
export const PAYLOAD_FLAGS = {
  tag: {
    type: 'string',
    value: 'TAG',
    description: "the job's Tag ('ci-callback tags' lists them; case-insensitive)",
  },
  format: { type: 'string', value: 'xml|json', description: 'body format', default: "xml, CI's default" },
  trigger: {
    type: 'string',
    value: 'direct|workflow',
    description: 'how the job was started',
    default: 'direct',
  },
  state: { type: 'string', value: 'success|failed', description: 'job outcome', default: 'success' },
  seed: {
    type: 'string',
    value: 'N',
    description: '0..4294967295; the same seed gives the same bytes',
    default: 'random, printed to stderr',
  },
  'json-shape': {
    type: 'string',
    value: 'object|array|wrapped',
    description: 'JobsDetail shape in JSON',
    default: "the Tag's documented sample",
  },
  compact: { type: 'boolean', description: 'no indentation' },
  set: {
    type: 'string',
    value: 'path=value',
    description: 'override a field (e.g. --set JobsDetail.Input.Object=videos/a.mp4)',
    multiple: true,
  },
} as const satisfies FlagTable;

/**
 * Parses argv strictly: an unknown flag or a missing value is an InputError, not a stack trace. A value that
 * starts with a dash (`--seed -1`) is taken as the flag's value, so the flag's own check says what it accepts
 * rather than the parser's "argument is ambiguous".
 */
export function parseFlags<T extends FlagTable>(argv: string[], flags: T): { values: FlagValues<T> } {
  const known = Object.keys(flags).map((name) => `--${name}`);
  const options: ParseArgsOptions = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = { type: flag.type, ...(flag.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values } = parseArgs({
      args: joinDashValues(argv, options),
      options,
      strict: true,
      allowPositionals: false,
    });
    return { values: values as FlagValues<T> };
  } catch (error) {
    const unknown = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    throw new InputError('flags', parserProblem(error as NodeJS.ErrnoException), unknown ? known : undefined);
  }
}

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

/** `--flag -x` → `--flag=-x` for string flags whose next word is not itself a flag. */
function joinDashValues(argv: string[], options: ParseArgsOptions): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    const next = argv[i + 1];
    const option = word.startsWith('--') ? options[word.slice(2)] : undefined;
    if (
      option?.type === 'string' &&
      next?.startsWith('-') &&
      !(next.slice(2) in options && next.startsWith('--'))
    ) {
      joined.push(`${word}=${next}`);
      i++;
    } else joined.push(word);
  }
  return joined;
}

/** node:util's parser messages, reworded in this CLI's voice: lower case, the flag as typed, one line. */
function parserProblem(error: NodeJS.ErrnoException): string {
  const flag = /'(--?[\w-]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag '${flag}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message)
        ? `${flag} takes no value`
        : `${flag} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${/'([^']*)'/.exec(error.message)?.[1] ?? ''}': every value follows its flag`;
    default:
      return error.message.replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
  }
}

/** The flags that pick a content-moderation callback (parsed in review-flags.ts), shared by generate and send. */
export const REVIEW_FLAGS = {
  review: {
    type: 'string',
    value: REVIEW_KINDS.join('|'),
    description: "a content-moderation callback of this kind instead of a TaskFinish ('ci-callback reviews')",
  },
  'callback-version': {
    type: 'string',
    value: 'simple|detail',
    description: 'with --review: the body form (sent as X-Ci-Content-Version)',
    default: "CI's default for the kind",
  },
  result: {
    type: 'string',
    value: 'normal|violation|suspected',
    description: 'with --review: the moderation result',
    default: 'normal',
  },
  'callback-type': {
    type: 'string',
    value: '1|2',
    description: 'with --review: 1 every snapshot/section/page, 2 only the non-compliant ones',
    default: '1',
  },
  'live-state': {
    type: 'string',
    value: 'auditing|success',
    description: 'with --review live: an in-progress callback or the final one',
    default: 'success',
  },
  'console-test': {
    type: 'boolean',
    description: "with --review: the console's test request, sent when a callback URL is saved",
  },
} as const satisfies FlagTable;

/** The callbacks `generate` prints: one job's TaskFinish, or the WorkflowFinish of a workflow run. */
export const EVENTS = ['task-finish', 'workflow-finish'] as const;
export type EventKind = (typeof EVENTS)[number];

/** `generate`'s flags: the payload flags plus the event and, for workflow-finish, the nodes. */
export const GENERATE_FLAGS = {
  ...PAYLOAD_FLAGS,
  event: {
    type: 'string',
    value: 'task-finish|workflow-finish',
    description: 'the callback',
    default: 'task-finish',
  },
  tags: {
    type: 'string',
    value: 'A,B,...',
    description: "workflow-finish: the workflow's nodes, one Tag each, in order",
  },
  ...REVIEW_FLAGS,
} as const satisfies FlagTable;

type PayloadValues = FlagValues<typeof PAYLOAD_FLAGS>;

/** The payload flags as the API's payload fields (src/payloads/payload-options.ts), with a seed written as text. */
const payloadFlagsSchema = z.object({
  format: payloadOptionFields.format,
  trigger: payloadOptionFields.trigger,
  state: payloadOptionFields.state,
  jsonShape: payloadOptionFields.jsonShape,
  seed: seedTextSchema.optional(),
  overrides: overridesSchema.optional(),
});

/** The GenerateOptions the payload flags describe (without `tag` when it is not required here). */
export function payloadOptions(values: PayloadValues, tag: string): GenerateOptions {
  const parsed = parseFlagValues(
    payloadFlagsSchema,
    {
      format: values.format,
      trigger: values.trigger,
      state: values.state,
      jsonShape: values['json-shape'],
      seed: values.seed,
      overrides: values.set,
    },
    PAYLOAD_FLAGS,
  );
  const options: GenerateOptions = { tag, ...definedFields(parsed) };
  if (values.compact) options.compact = true;
  return options;
}

type GenerateValues = FlagValues<typeof GENERATE_FLAGS>;

export function parseEvent(value: string | undefined): EventKind {
  return value === undefined ? 'task-finish' : oneOf('event', value, EVENTS);
}

/**
 * The WorkflowFinishOptions the generate flags describe. `--tag` and `--trigger` describe one TaskFinish, so
 * they are refused here rather than silently ignored.
 */
export function workflowFinishOptions(
  values: GenerateValues,
  accepted: readonly string[],
): WorkflowFinishOptions {
  if (values.tag !== undefined)
    throw new InputError(
      'tag',
      '--tag is for one TaskFinish; with --event workflow-finish list the nodes: --tags A,B',
    );
  if (values.trigger !== undefined)
    throw new InputError(
      'trigger',
      '--trigger does not apply to --event workflow-finish: every job of a workflow run is workflow-triggered',
    );
  const list = requireFlag(values.tags, 'tags', accepted);
  const tags = list.split(',').map((name) => name.trim());
  if (tags.some((name) => name === ''))
    throw new InputError(
      'tags',
      `--tags '${list}' has an empty entry: expected Tags separated by commas`,
      accepted,
    );
  const { tag: _tag, trigger: _trigger, ...shared } = payloadOptions(values, '');
  return { ...shared, tags };
}

export function requireFlag(value: string | undefined, flag: string, accepted?: readonly string[]): string {
  if (value === undefined || value === '') throw new InputError(flag, `--${flag} is required`, accepted);
  return value;
}
