/**
 * @module api/validation
 * How a request that fails its zod schemas is described: one line per wrong field, naming it as the caller
 * wrote it and, for unknown fields, listing the accepted ones. The routes answer it as a 400
 * (src/api/api-route.ts); the dashboard shows it beside the form.
 */
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { describeIssue } from '../core/issues.ts';

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
  schema?: z.ZodType,
): { detail: string; fields: string[] } {
  const described = issues.map((issue) =>
    describeIssue(
      issue,
      (path) => fieldName(target, path),
      () => (schema ? acceptedKeys(schema) : undefined),
    ),
  );
  return {
    detail: described.map(({ line }) => line).join('; '),
    fields: [...new Set(described.flatMap(({ fields }) => fields))],
  };
}

/** The media types Hono's validator parses as JSON (hono/validator's own test). */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
  return JSON_MEDIA_TYPE.test(mediaType);
}
