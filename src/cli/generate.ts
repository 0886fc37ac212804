/**
 * @module cli/generate
 * `ci-callback generate --tag T [...]`: prints exactly the body CI would POST; notes go to stderr.
 */
import { generate } from '../generate.ts';
import { tagNames } from '../registry.ts';
import { PAYLOAD_FLAGS, parseFlags, payloadOptions, requireFlag } from './flags.ts';
import type { Command } from './io.ts';

export const generateCommand: Command = (argv, io) => {
  const { values } = parseFlags(argv, PAYLOAD_FLAGS);
  const options = payloadOptions(values, requireFlag(values.tag, 'tag', tagNames()));
  const result = generate(options);
  if (options.seed === undefined) io.stderr(`seed ${result.seed} (reproduce with --seed ${result.seed})\n`);
  io.stdout(io.isTty ? `${result.body}\n` : result.body);
  return 0;
};
