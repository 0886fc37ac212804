/**
 * @module schema/json-schema
 * JSON Schema (draft 2020-12) of a callback's JSON body, written from its learnt shape (./shape.ts): every
 * element a string, object or list as CI's XML-to-JSON conversion makes it (src/core/render-json.ts) — a
 * repeated element one bare value or an array of two or more, an empty element absent — and each of the
 * documented dialects: JobsDetail an object or a one-item array, the whole under a top-level `Response` or not.
 * Nothing else passes: no element the emitter never sends (`additionalProperties: false`), every element it
 * always sends required, and a failed job and a successful one each held to their own branch (a failed job has
 * no result, a successful one must have it), told apart by Code.
 */
import type { ElementShape, TaskFinishShape, TextRule, WorkflowFinishShape } from './shape.ts';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A JSON Schema document or subschema. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

/** `$defs` being filled while a schema is written: one entry per repeated element, referred to twice. */
type Defs = Record<string, JsonSchema>;

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

export function taskFinishSchema(shape: TaskFinishShape): JsonSchema {
  const defs: Defs = {};
  defs['success'] = elementBody(shape.success, 'success', '', defs);
  defs['failed'] = elementBody(shape.failed, 'failed', '', defs);
  defs['JobsDetail'] = { oneOf: [ref('success'), ref('failed')] };
  defs['callback'] = {
    type: 'object',
    properties: {
      EventName: { const: 'TaskFinish' },
      JobsDetail: {
        anyOf: [ref('JobsDetail'), { type: 'array', items: ref('JobsDetail'), minItems: 1, maxItems: 1 }],
      },
    },
    required: ['EventName', 'JobsDetail'],
    additionalProperties: false,
  };
  return document(
    `${shape.tag} TaskFinish callback (JSON)`,
    `The JSON body CI POSTs when a ${shape.tag} job ends: JobsDetail as an object or a one-item array, optionally under a top-level Response. Every value is a string.`,
    defs,
  );
}

export function workflowFinishSchema(shape: WorkflowFinishShape): JsonSchema {
  const defs: Defs = {};
  defs['WorkflowExecution'] = elementBody(shape.execution, 'WorkflowExecution', '', defs);
  defs['callback'] = {
    type: 'object',
    properties: { EventName: { const: 'WorkflowFinish' }, WorkflowExecution: ref('WorkflowExecution') },
    required: ['EventName', 'WorkflowExecution'],
    additionalProperties: false,
  };
  return document(
    'WorkflowFinish callback (JSON)',
    'The JSON body CI POSTs when a workflow run ends, optionally under a top-level Response. Every value is a string.',
    defs,
  );
}

function document(title: string, description: string, defs: Defs): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title,
    description,
    anyOf: [
      ref('callback'),
      {
        type: 'object',
        properties: { Response: ref('callback') },
        required: ['Response'],
        additionalProperties: false,
      },
    ],
    $defs: defs,
  };
}

/**
 * One element: a repeated one is its item (kept once in `$defs`, named by branch and path) or an array of two or
 * more items — one occurrence is the bare item in JSON.
 */
function element(shape: ElementShape, branch: string, path: string, defs: Defs): JsonSchema {
  const body = elementBody(shape, branch, path, defs);
  if (!shape.repeated) return body;
  const name = `${branch}.${path}`;
  defs[name] = body;
  return { anyOf: [ref(name), { type: 'array', items: ref(name), minItems: 2 }] };
}

/** One occurrence: text, a container, or (when both were seen) either. */
function elementBody(shape: ElementShape, branch: string, path: string, defs: Defs): JsonSchema {
  const forms: JsonSchema[] = [];
  if (shape.text) forms.push(textSchema(shape.text));
  if (shape.children) forms.push(objectSchema(shape.children, branch, path, defs));
  return forms.length === 1 ? (forms[0] as JsonSchema) : { anyOf: forms };
}

function objectSchema(
  children: Record<string, ElementShape>,
  branch: string,
  path: string,
  defs: Defs,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, child] of Object.entries(children)) {
    properties[name] = element(child, branch, path ? `${path}.${name}` : name, defs);
  }
  const required = Object.entries(children)
    .filter(([, child]) => child.required)
    .map(([name]) => name);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

function textSchema(rule: TextRule): JsonSchema {
  if (rule.enum?.length === 1) return { const: rule.enum[0] };
  if (rule.enum) return { enum: [...rule.enum] };
  return rule.pattern === undefined ? { type: 'string' } : { type: 'string', pattern: rule.pattern };
}
