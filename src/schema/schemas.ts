/**
 * @module schema/schemas
 * The published schemas by name: a Tag's TaskFinish schema (the name as `generate` takes it, case-insensitive),
 * WorkflowFinish's, a moderation kind's in one form (`ReviewImage.detail`), and all of them, written from the
 * committed shapes (shapes.generated.ts, review-shapes.generated.ts).
 */
import { CONSOLE_TESTS } from '../moderation/data/console-tests.ts';
import { REVIEWS } from '../moderation/index.ts';
import type { CallbackVersion, JsonObject, ReviewKind } from '../moderation/types.ts';
import { findTag } from '../payloads/registry.ts';
import { checkReviewOptions } from '../payloads/review-rules.ts';
import { type JsonSchema, taskFinishSchema, workflowFinishSchema } from './json-schema.ts';
import { reviewSchema, reviewSchemaName } from './review-json-schema.ts';
import type { ReviewShape } from './review-shape.ts';
import { REVIEW_SHAPES } from './review-shapes.generated.ts';
import type { TaskFinishShape } from './shape.ts';
import { TASK_FINISH_SHAPES, WORKFLOW_FINISH_SHAPE } from './shapes.generated.ts';

/** The learnt shape of a Tag; an unknown Tag is the registry's InputError, listing the known ones. */
export function tagShape(name: string): TaskFinishShape {
  const { tag } = findTag(name);
  const shape = TASK_FINISH_SHAPES.find((candidate) => candidate.tag === tag);
  if (!shape) throw new Error(`no shape learnt for ${tag}: run npm run schemas`);
  return shape;
}

export function schemaForTag(name: string): JsonSchema {
  return taskFinishSchema(tagShape(name));
}

export function workflowFinishJsonSchema(): JsonSchema {
  return workflowFinishSchema(WORKFLOW_FINISH_SHAPE);
}

/** Every schema by the name it is published under: each Tag, then WorkflowFinish. */
export function allSchemas(): Map<string, JsonSchema> {
  const schemas = new Map<string, JsonSchema>();
  for (const shape of TASK_FINISH_SHAPES) schemas.set(shape.tag, taskFinishSchema(shape));
  schemas.set('WorkflowFinish', workflowFinishJsonSchema());
  return schemas;
}

/**
 * A moderation kind's schema in one form (default: CI's default form for the kind). An unknown kind, or a form
 * the kind lacks, is generateReview's InputError, naming what is accepted.
 */
export function schemaForReview(review: string, callbackVersion?: string): JsonSchema {
  checkReviewOptions({ review, ...(callbackVersion === undefined ? {} : { callbackVersion }) });
  const form = callbackVersion ?? REVIEWS[review as ReviewKind].versions[0];
  const shape = REVIEW_SHAPES.find((candidate) => candidate.kind === review && candidate.form === form);
  if (!shape) throw new Error(`no shape learnt for ${review} ${form}: run npm run schemas`);
  return reviewSchemaOf(shape);
}

function reviewSchemaOf(shape: ReviewShape): JsonSchema {
  const consoleTest =
    shape.form === 'simple'
      ? (CONSOLE_TESTS as Partial<Record<ReviewKind, JsonObject>>)[shape.kind as ReviewKind]
      : undefined;
  return reviewSchema(shape, consoleTest);
}

/** Every moderation schema by the name it is published under (`ReviewImage.detail`, …), kinds in order. */
export function allReviewSchemas(): Map<string, JsonSchema> {
  return new Map(
    REVIEW_SHAPES.map((shape) => [
      reviewSchemaName(shape.kind, shape.form as CallbackVersion),
      reviewSchemaOf(shape),
    ]),
  );
}
