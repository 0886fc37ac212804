import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderShapesModule, SHAPES_FILE } from './schema-artifacts.ts';

describe('schema artifacts', () => {
  it('shapes.generated.ts is what the Tag definitions give today (run npm run schemas when this fails)', () => {
    assert.equal(readFileSync(SHAPES_FILE, 'utf8'), renderShapesModule(), 'stale: run npm run schemas');
  });
});
