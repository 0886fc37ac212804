/**
 * @module schema/schemas
 * The published schemas by name: a Tag's TaskFinish schema (the name as `generate` takes it, case-insensitive),
 * WorkflowFinish's, and all of them, written from the committed shapes (shapes.generated.ts).
 */
import { findTag } from '../payloads/registry.ts';
import { type JsonSchema, taskFinishSchema, workflowFinishSchema } from './json-schema.ts';
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
