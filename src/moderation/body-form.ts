/**
 * @module moderation/body-form
 * Which form a moderation body is in, from the body alone: Detail is `{EventName: "Review…", JobsDetail}`,
 * Simple `{code, message, data}`. For code that holds a callback's bytes but not the headers it was made with
 * (load's fault lane), so what it sends on carries the `X-Ci-Content-Version` that names the form.
 */
import { type CONTENT_VERSION, CONTENT_VERSION_HEADER } from './types.ts';

type ContentVersion = (typeof CONTENT_VERSION)[keyof typeof CONTENT_VERSION];

/** `Simple` or `Detail` for a moderation body, undefined for anything else (TaskFinish, XML, not JSON). */
export function contentVersionOf(body: string): ContentVersion | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const { EventName: eventName, code, data } = document as Record<string, unknown>;
  if (typeof eventName === 'string') return eventName.startsWith('Review') ? 'Detail' : undefined;
  return typeof code === 'number' && typeof data === 'object' && data !== null ? 'Simple' : undefined;
}

/** `{ 'X-Ci-Content-Version': form }` for a moderation body, else no headers. */
export function contentVersionHeaders(body: string): Record<string, string> {
  const form = contentVersionOf(body);
  return form ? { [CONTENT_VERSION_HEADER]: form } : {};
}
