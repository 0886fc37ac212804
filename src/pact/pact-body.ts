/**
 * @module pact/pact-body
 * Turns a generated callback into a Pact request body with matchers: regexes for IDs, times and numbers (CI
 * sends them as strings), type matchers for free text, exact values for what never varies (EventName, Tag,
 * State, header keys), and `eachLike` for the Tag's lists. XML bodies go through pact's XmlBuilder (a raw XML
 * string would lose the matchers); XML matching is strict, so every element the emitter sends is listed.
 */
import { MatchersV3, XmlBuilder } from '@pact-foundation/pact';
import type { XmlElement } from '@pact-foundation/pact/src/xml/xmlElement.js';
import { type JsonValue, toJsonDocument } from '../core/render-json.ts';
import { leaves } from '../core/tree.ts';
import type { Job, JobState, JobValue, JsonShape, TagDefinition } from '../core/types.ts';
import { KIND_PATTERN, kindOf, type ValueKind } from '../core/value-kinds.ts';

const { like, regex, string } = MatchersV3;

/** Values that are the same in every callback of a variant: matched exactly. */
const EXACT = new Set(['EventName', 'Tag', 'State', 'Key']);

export interface PactBodyOptions {
  def: TagDefinition;
  state: JobState;
}

interface WalkContext extends PactBodyOptions {
  lists: Set<string>;
  /** Kinds of value seen at each element path (repeats merged): pact keys XML matchers by path, not occurrence. */
  kinds: Map<string, Set<ValueKind>>;
}

type LeafMatcher = string | ReturnType<typeof regex> | ReturnType<typeof string>;

/**
 * The matcher for one text value at `path`: exact for what never varies, a regex when every value at that path
 * is of one kind (time, id, integer, decimal), else a type matcher.
 */
function leafMatcher(name: string, value: string, path: string, context: WalkContext): LeafMatcher {
  if (EXACT.has(name)) return value;
  if (name === 'Code') return context.state === 'success' ? value : regex('^[A-Z][A-Za-z.]+$', value);
  const kinds = context.kinds.get(path);
  const kind = kinds?.size === 1 ? [...kinds][0] : 'text';
  return kind === undefined || kind === 'text' ? string(value) : regex(KIND_PATTERN[kind], value);
}

function walkContext(response: Job, options: PactBodyOptions): WalkContext {
  const kinds = new Map<string, Set<ValueKind>>();
  for (const [path, value] of leaves(response)) {
    if (value === '') continue;
    const set = kinds.get(path) ?? new Set<ValueKind>();
    set.add(kindOf(value));
    kinds.set(path, set);
  }
  return { ...options, lists: new Set(options.def.lists.map((path) => `JobsDetail.${path}`)), kinds };
}

/** The XmlBuilder body for a response tree. */
export function xmlPactBody(response: Job, options: PactBodyOptions): string {
  const context = walkContext(response, options);
  return new XmlBuilder('1.0', 'UTF-8', 'Response').build((root) =>
    appendChildren(root, response, '', context),
  );
}

function appendChildren(parent: XmlElement, container: Job, path: string, context: WalkContext) {
  for (const [name, value] of Object.entries(container)) {
    const childPath = path ? `${path}.${name}` : name;
    const occurrences = Array.isArray(value) ? value : [value];
    // eachLike matches every occurrence against the first; a list whose items differ in shape (a nested list of
    // one in one item, of many in another) is listed occurrence by occurrence instead.
    // The first occurrence carries the matchers (pact keys XML rules by path, so they cover every occurrence);
    // the rest follow as their generated values, so a replayed body keeps its real, distinct items.
    if (context.lists.has(childPath) && alike(occurrences, xmlShape)) {
      const [first, ...rest] = occurrences as [JobValue, ...JobValue[]];
      parent.eachLike(name, new Map(), (element) => fillElement(element, name, first, childPath, context), {
        min: 1,
        examples: 1,
      });
      for (const occurrence of rest) {
        parent.appendElement(name, new Map(), (element) => fillPlain(element, occurrence));
      }
      continue;
    }
    for (const occurrence of occurrences) {
      parent.appendElement(name, new Map(), (element) =>
        fillElement(element, name, occurrence, childPath, context),
      );
    }
  }
}

function fillElement(element: XmlElement, name: string, value: JobValue, path: string, context: WalkContext) {
  if (typeof value === 'string') {
    if (value !== '') element.appendText(leafMatcher(name, value, path, context));
  } else if (!Array.isArray(value)) {
    appendChildren(element, value, path, context);
  }
}

/** An element with its generated content and no matchers of its own. */
function fillPlain(element: XmlElement, value: JobValue): void {
  if (typeof value === 'string') {
    if (value !== '') element.appendText(value);
    return;
  }
  if (Array.isArray(value)) return;
  for (const [name, child] of Object.entries(value)) {
    for (const occurrence of Array.isArray(child) ? child : [child]) {
      element.appendElement(name, new Map(), (inner) => fillPlain(inner, occurrence));
    }
  }
}

/** The JSON body with matchers for a response tree rendered in `shape`. */
export function jsonPactBody(response: Job, shape: JsonShape, options: PactBodyOptions): unknown {
  return withMatchers(toJsonDocument(response, shape), '', '', walkContext(response, options));
}

function withMatchers(value: JsonValue, name: string, path: string, context: WalkContext): unknown {
  if (typeof value === 'string') return leafMatcher(name, value, path, context);
  const isList = context.lists.has(path);
  if (Array.isArray(value)) {
    if (isList && alike(value, jsonShape)) return listOfMany(value, name, path, context);
    // Other arrays (CosHeaders, the JobsDetail shape, lists whose items differ in shape) are listed item by item.
    return value.map((item) => withMatchers(item, name, path, context));
  }
  const object: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // JobsDetail is where Tag-relative list paths start, whatever wraps it.
    const childPath = key === 'JobsDetail' ? 'JobsDetail' : path ? `${path}.${key}` : key;
    object[key] = withMatchers(child, key, childPath, context);
  }
  // A list of one is a bare object in JSON: matched by type, so the receiver must take an object here.
  return isList ? like(object) : object;
}

/**
 * A list of many: any number from two on, each like the first. Only the first item carries matchers (they apply
 * to every item); the rest are the generated values, so a replayed body keeps its real, distinct items. (Matchers
 * on every item, as pact's atLeastLike writes them, multiply the rules and made matching a nested list take
 * seconds.)
 */
function listOfMany(items: JsonValue[], name: string, path: string, context: WalkContext): unknown {
  const [first, ...rest] = items as [JsonValue, ...JsonValue[]];
  return { 'pact:matcher:type': 'type', min: 2, value: [withMatchers(first, name, path, context), ...rest] };
}

/** Whether all items have the same shape, so one template can stand for each. */
function alike<T>(items: readonly T[], shape: (item: T) => string): boolean {
  return new Set(items.map(shape)).size <= 1;
}

/** An XML occurrence's shape: element names and which are empty; repetition counts are left to eachLike. */
function xmlShape(value: JobValue): string {
  if (typeof value === 'string') return value === '' ? 'e' : 's';
  if (Array.isArray(value)) return [...new Set(value.map(xmlShape))].sort().join('|');
  return `{${Object.entries(value)
    .map(([name, child]) => `${name}:${xmlShape(child)}`)
    .join(',')}}`;
}

/** A JSON item's shape: keys, and whether each value is a string, an object or an array (of which shapes). */
function jsonShape(value: JsonValue): string {
  if (typeof value === 'string') return 's';
  if (Array.isArray(value)) return `[${[...new Set(value.map(jsonShape))].sort().join('|')}]`;
  return `{${Object.entries(value)
    .map(([key, child]) => `${key}:${jsonShape(child)}`)
    .join(',')}}`;
}
