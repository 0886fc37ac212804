/**
 * The committed corpus (fixtures/) is exactly what the generators produce from its seed: any drift in a generator
 * shows up as a failing test and, once regenerated with `npm run fixtures`, as a visible diff.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildCorpus, buildWorkflowFinishCorpus } from '../src/payloads/corpus.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function committedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'reference' && dir === FIXTURES ? [] : committedFiles(path);
    return /\.(xml|json)$/.test(entry.name) ? [relative(FIXTURES, path)] : [];
  });
}

describe('fixtures/', () => {
  const corpus = [...buildCorpus(), ...buildWorkflowFinishCorpus()];

  it('holds every Tag × format × trigger × state and each WorkflowFinish example, byte for byte as generated', () => {
    for (const file of corpus) {
      let committed: string;
      try {
        committed = readFileSync(join(FIXTURES, file.path), 'utf8');
      } catch {
        assert.fail(`fixtures/${file.path} is missing: run npm run fixtures`);
      }
      assert.equal(
        committed,
        file.body,
        `fixtures/${file.path} differs from the generator: run npm run fixtures`,
      );
    }
  });

  it('holds nothing the generators no longer produce', () => {
    const expected = new Set(corpus.map((file) => file.path));
    const stale = committedFiles(FIXTURES).filter((path) => !expected.has(path));
    assert.deepEqual(stale, [], 'stale fixture files');
  });
});
