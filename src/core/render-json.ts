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

/**
 * The body is written as a list of pieces joined once at the end: joining gives one flat string, where `+=` built a
 * rope of hundreds of pieces that V8 then flattened (as long again as writing it) the first time it became bytes.
 * One list serves every call (rendering is synchronous and never re-entered).
 */
const pieces: string[] = [];

export function renderJson(response: Job, shape: JsonShape, { compact = false } = {}): string {
  const layout = compact ? COMPACT : PRETTY;
  pieces.length = 0;
  switch (shape) {
    case 'object':
      writeDocument(response, 0, layout, false);
      break;
    case 'array':
      writeDocument(response, 0, layout, true);
      break;
    case 'wrapped':
      pieces.push('{', memberStarts(layout, 1, 'Response').first);
      writeDocument(response, 1, layout, true);
      pieces.push(piecesAt(layout, 0).close);
      break;
  }
  const json = pieces.join('');
  pieces.length = 0;
  return json;
}

/** The document's top object; `{}` when the tree has no elements at all. */
function writeDocument(response: Job, depth: number, layout: Layout, jobsDetailAsArray: boolean): void {
  if (isEmpty(response)) pieces.push('{}');
  else writeObject(response, depth, layout, jobsDetailAsArray);
}

/**
 * How a document breaks lines and indents: four spaces a level, as the samples, or nothing when compact.
 * `keys[depth]` remembers each element name as it opens a member at that depth (line start, quoted name,
 * colon, see MemberStarts): the same few hundred names recur in every body. `depths[depth]`: DepthPieces.
 */
interface Layout {
  pretty: boolean;
  lines: string[];
  keys: Map<string, MemberStarts>[];
  depths: DepthPieces[];
}
/**
 * The starts of one member: comma or not (`first`), and with the closing quote of the string member before it
 * (`after*`) or the opening quote of its own string value (`*Quoted`) folded in, so a string member is two pieces.
 */
interface MemberStarts {
  first: string;
  next: string;
  firstQuoted: string;
  nextQuoted: string;
  afterString: string;
  afterStringQuoted: string;
}
const PRETTY: Layout = { pretty: true, lines: [], keys: [], depths: [] };
const COMPACT: Layout = { pretty: false, lines: [], keys: [], depths: [] };
const MAX_KEYS_PER_DEPTH = 10_000;

function lineStart(layout: Layout, depth: number): string {
  const { lines } = layout;
  for (let d = lines.length; d <= depth; d++) lines.push(layout.pretty ? `\n${'    '.repeat(d)}` : '');
  return lines[depth] as string;
}

/** The starts of the member `name` at `depth`: comma or not, line start, quoted name and colon (see MemberStarts). */
function memberStarts(layout: Layout, depth: number, name: string): MemberStarts {
  const { keys } = layout;
  for (let d = keys.length; d <= depth; d++) keys.push(new Map());
  const known = keys[depth] as Map<string, MemberStarts>;
  let starts = known.get(name);
  if (starts === undefined) {
    // joined, not concatenated: flat strings, copied straight into every body
    const start = [lineStart(layout, depth), quote(name), layout.pretty ? ': ' : ':'];
    starts = {
      first: start.join(''),
      next: [',', ...start].join(''),
      firstQuoted: [...start, '"'].join(''),
      nextQuoted: [',', ...start, '"'].join(''),
      afterString: ['",', ...start].join(''),
      afterStringQuoted: ['",', ...start, '"'].join(''),
    };
    if (known.size < MAX_KEYS_PER_DEPTH) known.set(name, starts);
  }
  return starts;
}

/** The pieces that close objects and arrays and start array items at one depth. */
interface DepthPieces {
  /** `\n}`, and `"\n}` after a string member. */
  close: string;
  closeAfterString: string;
  /** `\n]` */
  closeArray: string;
  /** `\n    ` and `,\n    `: the first and the next item of an array opened at this depth. */
  firstItem: string;
  nextItem: string;
}

function piecesAt(layout: Layout, depth: number): DepthPieces {
  const { depths } = layout;
  for (let d = depths.length; d <= depth; d++) {
    const line = lineStart(layout, d);
    const inner = lineStart(layout, d + 1);
    // joined, not concatenated: flat strings, copied straight into every body
    depths.push({
      close: [line, '}'].join(''),
      closeAfterString: ['"', line, '}'].join(''),
      closeArray: [line, ']'].join(''),
      firstItem: inner,
      nextItem: [',', inner].join(''),
    });
  }
  return depths[depth] as DepthPieces;
}

/**
 * A container with at least one child as a JSON object at `depth` (CI leaves out one without: callers check
 * isEmpty first); `{}` when every child is left out. `jobsDetailAsArray`: the top level of the `array` and
 * `wrapped` shapes, whose JobsDetail is always an array.
 */
function writeObject(container: Job, depth: number, layout: Layout, jobsDetailAsArray: boolean): void {
  const open = pieces.length;
  pieces.push('{');
  let first = true;
  // the last member written was a string whose closing quote is still to come (folded into the next piece)
  let quoteOpen = false;
  for (const name in container) {
    const value = container[name] as JobValue;
    const asArray = jobsDetailAsArray && name === 'JobsDetail';
    if (typeof value === 'string' && !asArray) {
      if (value === '') continue;
      const starts = memberStarts(layout, depth + 1, name);
      if (NEEDS_ESCAPING.test(value)) {
        pieces.push(
          first ? starts.first : quoteOpen ? starts.afterString : starts.next,
          JSON.stringify(value),
        );
        quoteOpen = false;
      } else {
        pieces.push(
          first ? starts.firstQuoted : quoteOpen ? starts.afterStringQuoted : starts.nextQuoted,
          value,
        );
        quoteOpen = true;
      }
      first = false;
      continue;
    }
    if (isEmpty(value)) continue;
    const starts = memberStarts(layout, depth + 1, name);
    pieces.push(first ? starts.first : quoteOpen ? starts.afterString : starts.next);
    first = false;
    quoteOpen = false;
    if (Array.isArray(value) || asArray) writeArray(value, depth + 1, layout, asArray);
    else writeObject(value as Job, depth + 1, layout, false);
  }
  if (first) pieces[open] = '{}';
  else {
    const at = piecesAt(layout, depth);
    pieces.push(quoteOpen ? at.closeAfterString : at.close);
  }
}

/** A value that is not empty (see isEmpty). */
function writeValue(value: JobValue, depth: number, layout: Layout): void {
  if (typeof value === 'string') pieces.push(quote(value));
  else if (Array.isArray(value)) writeArray(value, depth, layout, false);
  else writeObject(value, depth, layout, false);
}

/**
 * Occurrences of an element, at least one of them not empty: bare when only one is (unless `always`), else an
 * array of those that are not.
 */
function writeArray(value: JobValue, depth: number, layout: Layout, always: boolean): void {
  const occurrences = Array.isArray(value) ? value : [value];
  let present = 0;
  let only: JobValue = '';
  for (const occurrence of occurrences) {
    if (isEmpty(occurrence)) continue;
    present++;
    only = occurrence;
  }
  if (present === 1 && !always) {
    writeValue(only, depth, layout);
    return;
  }
  const at = piecesAt(layout, depth);
  pieces.push('[');
  let first = true;
  for (const occurrence of occurrences) {
    if (isEmpty(occurrence)) continue;
    pieces.push(first ? at.firstItem : at.nextItem);
    first = false;
    writeValue(occurrence, depth + 1, layout);
  }
  pieces.push(at.closeArray);
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
