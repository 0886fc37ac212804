import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderTypeDeclarations } from '../src/schema/type-declarations.ts';
import { learnShapes, renderShapesModule, SHAPES_FILE, TYPES_FILE } from './schema-artifacts.ts';

describe('schema artifacts', () => {
  const shapes = learnShapes();

  it('shapes.generated.ts is what the Tag definitions give today (run npm run schemas when this fails)', () => {
    assert.equal(readFileSync(SHAPES_FILE, 'utf8'), renderShapesModule(shapes), 'stale: run npm run schemas');
  });

  it('types.generated.ts is what the Tag definitions give today (run npm run schemas when this fails)', () => {
    assert.equal(
      readFileSync(TYPES_FILE, 'utf8'),
      renderTypeDeclarations(shapes.tags, shapes.workflow),
      'stale: run npm run schemas',
    );
  });
});
