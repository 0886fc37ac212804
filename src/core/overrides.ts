/**
 * @module overrides
 * One small grammar to change any field, in the spirit of `stripe trigger --override`:
 * `JobsDetail.Input.Object=videos/a.mp4`. Segments are element names from the `Response` root; a number picks one
 * occurrence of a repeated element (`…Words.0.Word=你好`). Overrides apply last and verbatim: the rest of the
 * payload is not re-derived from them. A missing element is created at the end of its parent.
 */
import { type FieldPath, InputError } from './errors.ts';
import type { Job, JobValue, Override } from './types.ts';

const SEGMENT = /^(?:[A-Za-z_][\w-]*|\d+)$/;
/** Names that would walk a JS object into its prototype chain; no Tencent element is called that. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * One `path=value` override; `index` is its place in the caller's list of overrides, so an error names it
 * (`overrides[2]`).
 */
export function parseOverride(text: string, index?: number): Override {
  const field = fieldOf(index);
  const equals = text.indexOf('=');
  const fix = 'expected path=value, e.g. JobsDetail.Input.Object=videos/a.mp4';
  if (equals <= 0) throw new InputError(field, `malformed override '${text}': ${fix}`);
  const path = text.slice(0, equals).split('.');
  const bad = path.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    throw new InputError(
      field,
      `malformed override '${text}': '${bad}' is not an element name or index; ${fix}`,
    );
  }
  const forbidden = path.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) {
    throw new InputError(
      field,
      `malformed override '${text}': '${forbidden}' is not an element name (${[...FORBIDDEN_SEGMENTS].join(', ')} are refused); ${fix}`,
    );
  }
  return { path, value: text.slice(equals + 1) };
}

/** Applies overrides to a response tree in place. */
export function applyOverrides(response: Job, overrides: readonly (string | Override)[]): void {
  overrides.forEach((entry, index) => {
    const override = typeof entry === 'string' ? parseOverride(entry, index) : entry;
    setPath(response, override, fieldOf(index));
  });
}

function fieldOf(index: number | undefined): FieldPath {
  return index === undefined ? ['overrides'] : ['overrides', index];
}

function setPath(response: Job, { path, value }: Override, field: FieldPath): void {
  let node: JobValue = response;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string;
    const where = path.slice(0, i).join('.') || 'Response';
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      const index = Number(segment);
      if (!/^\d+$/.test(segment) || index >= node.length) {
        throw new InputError(
          field,
          `${where} occurs ${node.length} times: pick one with an index from 0 to ${node.length - 1}, e.g. ${where}.0`,
        );
      }
      if (last) {
        if (typeof node[index] !== 'string')
          throw containerError(field, `${where}.${segment}`, node[index] as JobValue);
        node[index] = value;
        return;
      }
      node = node[index] as JobValue;
      continue;
    }
    if (typeof node === 'string') {
      throw new InputError(field, `${where} is a value, not a container: it has no element '${segment}'`);
    }
    if (/^\d+$/.test(segment))
      throw new InputError(field, `${where} occurs once: it takes no index '${segment}'`);
    // own properties only: never walk into the prototype chain, whatever the path says
    const child: JobValue | undefined = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (last) {
      if (child !== undefined && typeof child !== 'string')
        throw containerError(field, `${where}.${segment}`, child);
      node[segment] = value;
      return;
    }
    if (child === undefined || child === '') node[segment] = {};
    node = node[segment] as JobValue;
  }
}

function containerError(field: FieldPath, path: string, value: JobValue): InputError {
  const problem = Array.isArray(value)
    ? `${path} occurs ${value.length} times: pick one with an index, e.g. ${path}.0`
    : `${path} is a container, not a value: set one of its children: ${Object.keys(value).join(', ')}`;
  return new InputError(field, problem);
}
