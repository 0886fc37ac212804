/**
 * @module server/validation
 * How a request that fails its zod schemas is described: one line per wrong field, naming it as the caller
 * wrote it and, for unknown fields, listing the accepted ones. The routes answer it as a 400
 * (src/server/api-route.ts); the dashboard shows it beside the form.
 */
import type { ValidationTargets } from 'hono';
import { z } from 'zod';

/** Where a field sits, as a caller would name it: `count`, `headers.X-Token`, `query.limit`. */
function fieldName(target: keyof ValidationTargets, path: readonly PropertyKey[]): string {
  const inside = path.map(String).join('.');
  if (target === 'json') return inside || 'body';
  return inside ? `${target}.${inside}` : target;
}

function acceptedKeys(schema: z.ZodType): string[] | undefined {
  // a body normalised by a transform is an object piped into it
  if (schema instanceof z.ZodPipe) return acceptedKeys(schema.in as z.ZodType);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/** One line per issue, e.g. `count: Too big: expected number to be <=100`. */
export function describeIssues(
  target: keyof ValidationTargets,
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
): { detail: string; fields: string[] } {
  const fields: string[] = [];
  const lines = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((key) => fieldName(target, [...issue.path, key]));
      fields.push(...names);
      const accepted = issue.path.length === 0 ? acceptedKeys(schema) : undefined;
      return `unknown field ${names.map((n) => `'${n}'`).join(', ')}${accepted ? `; accepted: ${accepted.join(', ')}` : ''}`;
    }
    const name = fieldName(target, issue.path);
    fields.push(name);
    return `${name}: ${issue.message}`;
  });
  return { detail: lines.join('; '), fields: [...new Set(fields)] };
}

/** The media types Hono's validator parses as JSON (hono/validator's own test). */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
  return JSON_MEDIA_TYPE.test(mediaType);
}
