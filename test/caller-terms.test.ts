import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toProblem } from '../src/api/problem.ts';
import { flagNaming } from '../src/cli/flag-names.ts';
import { InputError, inCallerTerms } from '../src/core/errors.ts';
import { generate } from '../src/payloads/generate.ts';
import { formatSchema } from '../src/payloads/payload-options.ts';

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail('expected an InputError');
}

describe('errors in the caller’s terms', () => {
  const bad = () =>
    errorOf(() =>
      generate({ tag: 'SmartCover', seed: 1, overrides: ['JobsDetail.Code=X', 'a=1', 'no-equals'] }),
    );

  it('the library names an override by its place in the list', () => {
    assert.equal(bad().field, 'overrides[2]');
    assert.match(bad().message, /^malformed override 'no-equals'/);
  });

  it('the CLI names it as the flag typed', () => {
    const restated = inCallerTerms(bad(), flagNaming({ set: { type: 'string', multiple: true } }));
    assert.equal(restated.field, '--set');
    assert.equal(restated.message, `--set: ${bad().message}`);
  });

  it('the HTTP API names it as the body path', () => {
    const { problem } = toProblem(bad());
    assert.deepEqual(problem.body.fields, ['overrides.2']);
    assert.match(problem.body.detail, /^overrides\.2: malformed override 'no-equals'/);
  });

  it('restates a message that starts with the field, and keeps the accepted list', () => {
    const error = new InputError('maxInFlight', 'maxInFlight must be a whole number, got 1.5', ['1', '2']);
    const restated = inCallerTerms(error, flagNaming({ 'max-in-flight': { type: 'string' } }));
    assert.equal(restated.message, '--max-in-flight must be a whole number, got 1.5; accepted: 1, 2');
    assert.deepEqual(restated.accepted, ['1', '2']);
    // a field the command has no flag for keeps the library's name
    assert.equal(inCallerTerms(error, flagNaming({})).message, error.message);
  });

  it('the library refuses a bad option with the same words as the API schema', () => {
    const error = errorOf(() => generate({ tag: 'SmartCover', format: 'yaml' as 'xml' }));
    assert.equal(error.field, 'format');
    assert.equal(error.message, "format: unknown format 'yaml'; accepted: xml, json");
    assert.equal(`format: ${formatSchema.safeParse('yaml').error?.issues[0]?.message}`, error.message);
  });
});
