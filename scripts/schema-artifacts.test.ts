import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderReviewTypeDeclarations } from '../src/schema/review-type-declarations.ts';
import { renderTypeDeclarations } from '../src/schema/type-declarations.ts';
import {
  learnReviewShapes,
  learnShapes,
  REVIEW_SHAPES_FILE,
  REVIEW_TYPES_FILE,
  renderReviewShapesModule,
  renderShapesModule,
  SHAPES_FILE,
  TYPES_FILE,
} from './schema-artifacts.ts';

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

  const reviews = learnReviewShapes();

  it('review-shapes.generated.ts is what the moderation definitions give today (run npm run schemas when this fails)', () => {
    assert.equal(
      readFileSync(REVIEW_SHAPES_FILE, 'utf8'),
      renderReviewShapesModule(reviews),
      'stale: run npm run schemas',
    );
  });

  it('review-types.generated.ts is what the moderation definitions give today (run npm run schemas when this fails)', () => {
    assert.equal(
      readFileSync(REVIEW_TYPES_FILE, 'utf8'),
      renderReviewTypeDeclarations(reviews),
      'stale: run npm run schemas',
    );
  });
});
