/**
 * @module render-json
 * JSON by CI's conversion from its XML (catalog §6): every scalar a string; empty elements omitted; a container
 * whose children are all empty stays as `{}`; a repeated element is an array from two occurrences on and the
 * bare value when it occurs once. Then JobsDetail takes one of the three shapes seen in published samples.
 */
import type { Job, JobValue, JsonShape } from './types.ts';

export const JSON_CONTENT_TYPE = 'application/json';

export type JsonValue = string | JsonValue[] | { [key: string]: JsonValue };

/** The JSON value of one element, or undefined when CI would leave it out. */
export function toJsonValue(value: JobValue): JsonValue | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(toJsonValue).filter((item) => item !== undefined);
    if (items.length === 0) return undefined;
    return items.length === 1 ? items[0] : items;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return undefined;
  const object: { [key: string]: JsonValue } = {};
  for (const [name, child] of entries) {
    const converted = toJsonValue(child);
    if (converted !== undefined) object[name] = converted;
  }
  return object;
}

/** The whole JSON document for a response tree (`EventName`, `JobsDetail`, …) in the given shape. */
export function toJsonDocument(response: Job, shape: JsonShape): JsonValue {
  const converted = toJsonValue(response);
  const body = typeof converted === 'object' && !Array.isArray(converted) ? converted : {};
  const detail = body['JobsDetail'];
  switch (shape) {
    case 'object':
      return body;
    case 'array':
      return detail === undefined ? body : { ...body, JobsDetail: Array.isArray(detail) ? detail : [detail] };
    case 'wrapped':
      return { Response: toJsonDocument(response, 'array') };
  }
}

export function renderJson(response: Job, shape: JsonShape, { compact = false } = {}): string {
  return JSON.stringify(toJsonDocument(response, shape), null, compact ? undefined : 4);
}
