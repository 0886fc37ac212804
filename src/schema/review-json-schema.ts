/**
 * @module schema/review-json-schema
 * JSON Schema (draft 2020-12) of a content-moderation callback body in one form, written from its learnt shape
 * (./review-shape.ts). As strict as the TaskFinish schemas: every property the generator always sends required,
 * nothing it never sends allowed (`additionalProperties: false`), numbers as JSON numbers (integers where every
 * one was), result codes and the event as the values the definitions use, the JobId and the times by pattern.
 * A Simple schema also accepts the console's test request, one fixed body, as it is (`const`).
 */
import type { CallbackVersion, JsonObject } from '../moderation/types.ts';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from './json-schema.ts';
import { type ReviewShape, type ReviewValueShape, reviewKindName } from './review-shape.ts';

/** The name a kind's schema in one form is published under: `ReviewImage.detail`, `ReviewLive.simple`. */
export function reviewSchemaName(kind: string, form: CallbackVersion): string {
  return `${reviewKindName(kind)}.${form}`;
}

/**
 * @param consoleTest the console's test request for the kind, when it has one (Simple only).
 */
export function reviewSchema(shape: ReviewShape, consoleTest?: JsonObject): JsonSchema {
  const form = shape.form === 'simple' ? 'Simple' : 'Detail';
  const callback = valueSchema(shape.body);
  const live = shape.kind === 'live' ? ' (a live stream: ReviewVideo with Type live_video)' : '';
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: `${reviewSchemaName(shape.kind, shape.form)}: ${shape.event} callback, ${form} form`,
    description:
      `The JSON body CI POSTs with X-Ci-Content-Version: ${form} when a ${shape.kind} moderation job ends${live}. ` +
      'Numbers are JSON numbers; every list is an array.' +
      (consoleTest ? ' Also the fixed test request the console sends when the callback URL is saved.' : ''),
    ...(consoleTest
      ? { anyOf: [{ $ref: '#/$defs/callback' }, { $ref: '#/$defs/consoleTest' }] }
      : { $ref: '#/$defs/callback' }),
    $defs: { callback, ...(consoleTest ? { consoleTest: { const: consoleTest } } : {}) },
  };
}

function valueSchema(shape: ReviewValueShape): JsonSchema {
  const forms: JsonSchema[] = [];
  if (shape.string) {
    const { pattern, enum: values } = shape.string;
    forms.push(
      values?.length === 1
        ? { const: values[0] }
        : values
          ? { enum: [...values] }
          : { type: 'string', ...(pattern === undefined ? {} : { pattern }) },
    );
  }
  if (shape.number) {
    const { integer, minimum, enum: values } = shape.number;
    const type = integer ? 'integer' : 'number';
    forms.push(
      values?.length === 1
        ? { const: values[0] }
        : values
          ? { enum: [...values] }
          : { type, ...(minimum === undefined ? {} : { minimum }) },
    );
  }
  if (shape.object) {
    const properties = Object.fromEntries(
      Object.entries(shape.object).map(([name, child]) => [name, valueSchema(child)]),
    );
    const required = Object.entries(shape.object)
      .filter(([, child]) => child.required)
      .map(([name]) => name);
    forms.push({
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    });
  }
  if (shape.array) {
    forms.push({
      type: 'array',
      ...(shape.array.items ? { items: valueSchema(shape.array.items) } : { maxItems: 0 }),
      ...(shape.array.nonEmpty ? { minItems: 1 } : {}),
    });
  }
  return forms.length === 1 ? (forms[0] as JsonSchema) : { anyOf: forms };
}
