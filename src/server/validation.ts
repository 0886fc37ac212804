/**
 * @module server/validation
 * Request validation with zod (through Hono's validator): a bad request becomes a 400 that names every wrong
 * field and, for unknown fields, lists the accepted ones.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { describeIssue } from '../core/issues.ts';
import { PROBLEMS } from './problem.ts';

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
  const described = issues.map((issue) =>
    describeIssue(
      issue,
      (path) => fieldName(target, path),
      () => acceptedKeys(schema),
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

/** Hono middleware validating one part of the request against `schema`; typed for `c.req.valid()` and hc. */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const validator = zValidator(target, schema, (result) => {
    if (result.success) return;
    const { detail, fields } = describeIssues(target, result.error.issues as z.core.$ZodIssue[], schema);
    throw PROBLEMS.badRequest(`invalid ${target === 'json' ? 'request body' : target}: ${detail}`, fields);
  });
  if (target !== 'json') return validator;
  // Hono parses the body only for these media types and otherwise validates an empty object, blaming the
  // missing fields; so anything it would not parse is refused here, by the same rule
  const requireJson: typeof validator = async (c, next) => {
    const contentType = c.req.header('content-type');
    if (!isJsonMediaType(contentType)) {
      throw PROBLEMS.unsupportedMediaType(
        `the request body must be JSON, got Content-Type ${contentType === undefined ? '(none)' : `'${contentType}'`}; accepted: application/json or application/<name>+json, with optional parameters such as ; charset=utf-8`,
        ['body'],
      );
    }
    return validator(c, next);
  };
  return requireJson;
}
