/**
 * generate() checks its options without zod (payload-rules.ts), the API and the CLI with zod schemas built from
 * the same rules (payload-options.ts). Over any option values, both must accept the same values and refuse the
 * rest with the same words, or the library and the API would say different things of one value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { MAX_SEED } from '../core/faker.ts';
import { checkedInput } from '../core/issues.ts';
import { generate } from './generate.ts';
import { payloadOptionFields } from './payload-options.ts';
import { checkGenerateOptions, checkWorkflowFinishOptions, PAYLOAD_CHOICES } from './payload-rules.ts';

/** What the API and the CLI check generate()'s options with. */
const zodOptions = z.object({ tag: z.string(), ...payloadOptionFields });

/** A value of any kind, and the values near the edges of each field. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...Object.values(PAYLOAD_CHOICES).flat(), 'yaml', '', 'XML'),
  fc.constantFrom(0, 1, -1, 1.5, MAX_SEED, MAX_SEED + 1, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** The first problem's message, or 'accepted'. */
function verdict(check: () => void): string {
  try {
    check();
    return 'accepted';
  } catch (error) {
    assert.ok(error instanceof InputError, `not an InputError: ${error}`);
    return error.message;
  }
}

describe('payload rules: generate() and the API refuse the same option values with the same words', () => {
  it('agrees with the zod schemas on every value of every field', () => {
    fc.assert(
      fc.property(
        fc.record({
          format: anyValue,
          trigger: anyValue,
          state: anyValue,
          jsonShape: anyValue,
          seed: anyValue,
          compact: anyValue,
        }),
        (fields) => {
          const options = { tag: 'SmartCover', ...fields };
          const plain = verdict(() => checkGenerateOptions(options as never));
          const schema = verdict(() => checkedInput(zodOptions, options));
          assert.equal(plain, schema);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses with the field and what it accepts', () => {
    assert.throws(() => generate({ tag: 'SmartCover', format: 'yaml' as never }), {
      message: "format: unknown format 'yaml'; accepted: xml, json",
    });
    assert.throws(() => generate({ tag: 'SmartCover', seed: -1 }), {
      message: /^seed: seed -1 is not a seed; a seed picks/,
    });
    assert.throws(() => generate({ tag: 'SmartCover', seed: '7' as never }), {
      message: /^seed: seed "7" is not a seed/,
    });
    assert.throws(() => generate({ tag: 'SmartCover', compact: 'yes' as never }), {
      message: 'compact: expected true or false, got yes',
    });
    assert.throws(() => generate({} as never), {
      message: 'tag: tag is required: a Tag name, e.g. SpeechRecognition',
    });
    assert.throws(() => generate(undefined as never), {
      message: /^options: expected an object of options, got/,
    });
  });

  it('checks a WorkflowFinish without a trigger: a run is always workflow-triggered', () => {
    assert.equal(
      verdict(() => checkWorkflowFinishOptions({ trigger: 'anything' } as never)),
      'accepted',
    );
    assert.match(
      verdict(() => checkWorkflowFinishOptions({ state: 'done' as never })),
      /^state: unknown state 'done'/,
    );
  });
});
