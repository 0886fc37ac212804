/**
 * docs/receivers.md states how many bodies the schema tests validate; those figures must be the ones the tests
 * use. (Its examples run with every other page's in test/readme.test.ts.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { contractVariants } from '../src/pact/variants.ts';
import { TAGS } from '../src/tags/index.ts';
import { UNSEEN_SEEDS } from './support/unseen-seeds.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const markdown = readFileSync(join(ROOT, 'docs/receivers.md'), 'utf8');

describe('docs/receivers.md', () => {
  it('states the number of bodies the schema tests validate', () => {
    const json = contractVariants().filter((variant) => variant.format === 'json').length;
    const unseen = TAGS.length * 2 * 2 * 3 * UNSEEN_SEEDS.length;
    const total = unseen + json * 3;
    assert.ok(markdown.includes(`${total.toLocaleString('en-US')} TaskFinish bodies`), `expected ${total}`);
    assert.ok(markdown.includes(`${unseen.toLocaleString('en-US')} bodies from seeds`), `expected ${unseen}`);
    assert.ok(markdown.includes(`contract's ${json} JSON variants`), `expected ${json}`);
  });
});
