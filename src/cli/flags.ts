/**
 * @module cli/flags
 * The flags that pick a payload (shared by generate, send and others), parsed into GenerateOptions.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InputError, oneOf } from '../core/errors.ts';
import type { Format, GenerateOptions, JobState, JsonShape, Trigger } from '../core/types.ts';
import { checkSeed } from '../generate.ts';
import type { WorkflowFinishOptions } from '../workflow-finish.ts';

export const PAYLOAD_FLAGS = {
  tag: { type: 'string' },
  format: { type: 'string' },
  trigger: { type: 'string' },
  state: { type: 'string' },
  seed: { type: 'string' },
  'json-shape': { type: 'string' },
  compact: { type: 'boolean' },
  set: { type: 'string', multiple: true },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const PAYLOAD_FLAGS_HELP = `  --format xml|json           body format (default xml, CI's default)
  --trigger direct|workflow   how the job was started (default direct)
  --state success|failed      job outcome (default success)
  --seed N                    0..4294967295; the same seed gives the same bytes (default random, printed to stderr)
  --json-shape object|array|wrapped   JobsDetail shape in JSON (default: the Tag's documented sample)
  --compact                   no indentation
  --set path=value            override a field, repeatable (e.g. --set JobsDetail.Input.Object=videos/a.mp4)`;

/** Parses argv strictly: an unknown flag or a missing value is an InputError, not a stack trace. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    const known = Object.keys(options).map((name) => `--${name}`);
    const oneLine = (error as Error).message.replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
    throw new InputError('flags', oneLine, known);
  }
}

/** The callbacks `generate` prints: one job's TaskFinish, or the WorkflowFinish of a workflow run. */
export const EVENTS = ['task-finish', 'workflow-finish'] as const;
export type EventKind = (typeof EVENTS)[number];

/** `generate`'s flags: the payload flags plus the event and, for workflow-finish, the nodes. */
export const GENERATE_FLAGS = {
  ...PAYLOAD_FLAGS,
  event: { type: 'string' },
  tags: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const GENERATE_FLAGS_HELP = `  --event task-finish|workflow-finish   the callback (default task-finish)
  --tags A,B,...              workflow-finish: the workflow's nodes, one Tag each, in order`;

type PayloadValues = {
  [K in keyof typeof PAYLOAD_FLAGS]?: (typeof PAYLOAD_FLAGS)[K]['type'] extends 'boolean'
    ? boolean
    : K extends 'set'
      ? string[]
      : string;
};

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text))
    throw new InputError('seed', `--seed must be a whole number from 0 to 4294967295, got '${text}'`);
  return checkSeed(Number(text));
}

/** The GenerateOptions the payload flags describe (without `tag` when it is not required here). */
export function payloadOptions(values: PayloadValues, tag: string): GenerateOptions {
  const options: GenerateOptions = { tag };
  if (values.format !== undefined) options.format = values.format as Format;
  if (values.trigger !== undefined) options.trigger = values.trigger as Trigger;
  if (values.state !== undefined) options.state = values.state as JobState;
  if (values['json-shape'] !== undefined) options.jsonShape = values['json-shape'] as JsonShape;
  if (values.seed !== undefined) options.seed = parseSeed(values.seed);
  if (values.compact) options.compact = true;
  if (values.set) options.overrides = values.set;
  return options;
}

type GenerateValues = PayloadValues & { event?: string; tags?: string };

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
