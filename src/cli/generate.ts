/**
 * @module cli/generate
 * `ci-callback generate --tag T [...]`: prints exactly the body CI would POST; notes go to stderr.
 * `--event workflow-finish --tags A,B` prints the WorkflowFinish body of a workflow run of those nodes instead,
 * and `--review KIND` a content-moderation callback (its X-Ci-Content-Version header is noted on stderr).
 */
import { InputError } from '../core/errors.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { tagNames } from '../payloads/registry.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import {
  GENERATE_FLAGS,
  parseEvent,
  parseFlags,
  payloadOptions,
  requireFlag,
  workflowFinishOptions,
} from './flags.ts';
import type { CommandUsage } from './help.ts';
import type { Command } from './io.ts';
import { asksForReview, reviewOptions } from './review-flags.ts';

export const generateUsage: CommandUsage = {
  synopsis: [
    'generate --tag TAG [flags]',
    'generate --event workflow-finish --tags A,B [flags]',
    'generate --review KIND [--callback-version simple|detail] [--result R] [flags]',
  ],
  flags: GENERATE_FLAGS,
  notes: [
    'Prints exactly the body CI would POST on stdout, nothing else; notes (the seed used) go to stderr.',
  ],
};

export const generateCommand: Command = (argv, io) => {
  const { values } = parseFlags(argv, GENERATE_FLAGS);
  if (asksForReview(values)) {
    const options = reviewOptions(values, GENERATE_FLAGS);
    const review = generateReview(options);
    const notes = Object.entries(review.headers).map(([name, value]) => `sent with ${name}: ${value}`);
    if (options.seed === undefined && !review.variant.consoleTest)
      notes.push(`seed ${review.seed} (reproduce with --seed ${review.seed})`);
    io.stderr(`${notes.join('\n')}\n`);
    io.stdout(io.isTty ? `${review.body}\n` : review.body);
    return 0;
  }
  const event = parseEvent(values.event);
  let result: { body: string; seed: number };
  let seeded: boolean;
  switch (event) {
    case 'task-finish': {
      if (values.tags !== undefined)
        throw new InputError(
          'tags',
          '--tags needs --event workflow-finish; for one TaskFinish use --tag TAG',
        );
      const options = payloadOptions(values, requireFlag(values.tag, 'tag', tagNames()));
      seeded = options.seed !== undefined;
      result = generate(options);
      break;
    }
    case 'workflow-finish': {
      const options = workflowFinishOptions(values, tagNames());
      seeded = options.seed !== undefined;
      result = generateWorkflowFinish(options);
      break;
    }
  }
  if (!seeded) io.stderr(`seed ${result.seed} (reproduce with --seed ${result.seed})\n`);
  io.stdout(io.isTty ? `${result.body}\n` : result.body);
  return 0;
};
