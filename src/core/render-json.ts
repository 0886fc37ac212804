/**
 * @module render-json
 * JSON by CI's conversion from its XML (catalog §6): every scalar a string; empty elements omitted; a container
 * whose children are all empty stays as `{}`; a repeated element is an array from two occurrences on and the
 * bare value when it occurs once. Then JobsDetail takes one of the three shapes seen in published samples.
 * `toJsonDocument` gives the document as a value (for contracts and tests); `renderJson` writes the same document
 * straight from the tree, byte for byte what `JSON.stringify(toJsonDocument(…), null, 4)` gives (a test holds the
 * two together), without building the intermediate objects: a body is rendered on every send.
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
  const layout = compact ? COMPACT : PRETTY;
  switch (shape) {
    case 'object':
      return writeObject(response, 0, layout, false) ?? '{}';
    case 'array':
      return writeObject(response, 0, layout, true) ?? '{}';
    case 'wrapped': {
      const inner = writeObject(response, 1, layout, true) ?? '{}';
      return `{${memberStart(layout, 1, 'Response')}${inner}${lineStart(layout, 0)}}`;
    }
  }
}

/**
 * How a document breaks lines and indents: four spaces a level, as the samples, or nothing when compact.
 * `keys[depth]` remembers each element name as it opens a member at that depth (line start, quoted name,
 * colon): the same few hundred names recur in every body.
 */
interface Layout {
  pretty: boolean;
  lines: string[];
  keys: Map<string, string>[];
}
const PRETTY: Layout = { pretty: true, lines: [], keys: [] };
const COMPACT: Layout = { pretty: false, lines: [], keys: [] };
const MAX_KEYS_PER_DEPTH = 10_000;

function lineStart(layout: Layout, depth: number): string {
  const { lines } = layout;
  for (let d = lines.length; d <= depth; d++) lines.push(layout.pretty ? `\n${'    '.repeat(d)}` : '');
  return lines[depth] as string;
}

/** The start of the member `name` at `depth`: line start, quoted name and colon. */
function memberStart(layout: Layout, depth: number, name: string): string {
  const { keys } = layout;
  for (let d = keys.length; d <= depth; d++) keys.push(new Map());
  const known = keys[depth] as Map<string, string>;
  let start = known.get(name);
  if (start === undefined) {
    start = `${lineStart(layout, depth)}${quote(name)}${layout.pretty ? ': ' : ':'}`;
    if (known.size < MAX_KEYS_PER_DEPTH) known.set(name, start);
  }
  return start;
}

/**
 * A container as a JSON object at `depth`, or undefined when it has no children (CI leaves it out).
 * `jobsDetailAsArray`: the top level of the `array` and `wrapped` shapes, whose JobsDetail is always an array.
 */
function writeObject(
  container: Job,
  depth: number,
  layout: Layout,
  jobsDetailAsArray: boolean,
): string | undefined {
  let json = '';
  let any = false;
  for (const name in container) {
    any = true;
    const value = container[name] as JobValue;
    const asArray = jobsDetailAsArray && name === 'JobsDetail';
    if (typeof value === 'string' && !asArray) {
      if (value === '') continue;
      const member = memberStart(layout, depth + 1, name);
      json += NEEDS_ESCAPING.test(value)
        ? `${json === '' ? '' : ','}${member}${JSON.stringify(value)}`
        : `${json === '' ? '' : ','}${member}"${value}"`;
      continue;
    }
    const written =
      Array.isArray(value) || asArray
        ? writeArray(value, depth + 1, layout, asArray)
        : writeObject(value as Job, depth + 1, layout, false);
    if (written !== undefined)
      json += `${json === '' ? '' : ','}${memberStart(layout, depth + 1, name)}${written}`;
  }
  if (!any) return undefined;
  return json === '' ? '{}' : `{${json}${lineStart(layout, depth)}}`;
}

function writeValue(value: JobValue, depth: number, layout: Layout): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : quote(value);
  if (Array.isArray(value)) return writeArray(value, depth, layout, false);
  return writeObject(value, depth, layout, false);
}

/** Occurrences of an element: undefined when none is non-empty, bare when one is (unless `always`), else an array. */
function writeArray(value: JobValue, depth: number, layout: Layout, always: boolean): string | undefined {
  const occurrences = Array.isArray(value) ? value : [value];
  let present = 0;
  let only: JobValue = '';
  for (const occurrence of occurrences) {
    if (isEmpty(occurrence)) continue;
    present++;
    only = occurrence;
  }
  if (present === 0) return undefined;
  if (present === 1 && !always) return writeValue(only, depth, layout);
  const open = lineStart(layout, depth + 1);
  let json = '';
  for (const occurrence of occurrences) {
    const written = writeValue(occurrence, depth + 1, layout);
    if (written !== undefined) json += `${json === '' ? open : `,${open}`}${written}`;
  }
  return `[${json}${lineStart(layout, depth)}]`;
}

/** Whether CI leaves an element out of JSON: empty text, a container without children, or no such occurrence. */
function isEmpty(value: JobValue): boolean {
  if (typeof value === 'string') return value === '';
  if (Array.isArray(value)) {
    for (const occurrence of value) if (!isEmpty(occurrence)) return false;
    return true;
  }
  for (const _ in value) return false;
  return true;
}

/** Characters JSON must escape (quote, backslash, controls) or that JSON.stringify escapes when unpaired. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON must escape
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
