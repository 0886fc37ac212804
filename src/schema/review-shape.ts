/**
 * @module schema/review-shape
 * The shape of a content-moderation callback body, learnt from the bodies the moderation generators write. Unlike
 * TaskFinish (JSON converted from XML: every value a string, a list of one a bare value, an empty element left
 * out; ./shape.ts), a moderation body is plain JSON: numbers are numbers, a list is always an array (perhaps
 * empty), and an empty string is sent as `""`. So its shape says, per value, which JSON types it was seen as —
 * string, number, object, array — and what each looked like.
 *
 * What a value looked like: a number is an integer or not, never below zero when none was; a string is a
 * moderation time (`2026-11-20T10:01:02+08:00`) or digits when every one was, else any text. Fields whose
 * values the definitions draw from a closed set (CLOSED_FIELDS: the event, the state, the result codes) are
 * enumerations of what was seen; what the definitions fix outright (the JobId's kind prefix) is declared by
 * ./review-infer.ts.
 */
import { INTEGER } from '../core/value-kinds.ts';
import type { JsonValue } from '../moderation/types.ts';

/** `2026-11-20T10:01:02+08:00`: a moderation job's CreationTime. */
export const REVIEW_TIME = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00$';

/**
 * Fields whose value is one of a closed set wherever they occur: the event, the job state, a live job's Type,
 * the Simple envelope's code and message, and the result codes (result/Result/Suggestion, HitFlag, ForbidState),
 * 0, 1 or 2. Their schema lists the values the generators were seen to send.
 */
export const CLOSED_FIELDS: ReadonlySet<string> = new Set([
  'EventName',
  'event',
  'State',
  'Type',
  'code',
  'message',
  'Result',
  'result',
  'Suggestion',
  'HitFlag',
  'hit_flag',
  'ForbidState',
  'forbidden_status',
]);

export interface ReviewStringRule {
  pattern?: string;
  enum?: readonly string[];
}

export interface ReviewNumberRule {
  integer: boolean;
  /** 0 when no value seen was negative. */
  minimum?: number;
  enum?: readonly number[];
}

export interface ReviewArrayRule {
  items?: ReviewValueShape;
  /** Never seen empty: the definitions always send at least one item. */
  nonEmpty: boolean;
}

/** One JSON value: the forms it was seen in (usually one). */
export interface ReviewValueShape {
  /** As a property: present in every occurrence of its object. */
  required: boolean;
  string?: ReviewStringRule;
  number?: ReviewNumberRule;
  /** Its properties by name, in the order first seen. */
  object?: Record<string, ReviewValueShape>;
  array?: ReviewArrayRule;
}

/** A kind as the names of its schema and types spell it: `image` → `ReviewImage`, `live` → `ReviewLive`. */
export function reviewKindName(kind: string): string {
  return `Review${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/** One moderation kind's body in one form, as review-shapes.generated.ts keeps it. */
export interface ReviewShape {
  kind: string;
  form: 'simple' | 'detail';
  event: string;
  body: ReviewValueShape;
}

interface Seen {
  presentIn: number;
  strings: { values: Set<string>; allTimes: boolean; allDigits: boolean } | undefined;
  numbers: { values: Set<number>; integer: boolean; negative: boolean } | undefined;
  object: { occurrences: number; children: Map<string, Seen> } | undefined;
  array: { items: Seen; empty: boolean } | undefined;
}

const TIME_RE = new RegExp(REVIEW_TIME);
const DIGITS_RE = new RegExp(INTEGER);
/** More distinct values than this in a closed field means the field is not closed: a definition changed. */
const MAX_CLOSED_VALUES = 8;

const unseen = (): Seen => ({
  presentIn: 0,
  strings: undefined,
  numbers: undefined,
  object: undefined,
  array: undefined,
});

/** Learns a JSON body's shape from many bodies of one kind and form. */
export class ReviewShapeLearner {
  readonly #root = unseen();

  add(body: JsonValue): void {
    this.#note(this.#root, body);
  }

  shape(): ReviewValueShape {
    if (this.#root.presentIn === 0) throw new Error('no body to learn a shape from');
    return finish(this.#root, 'body', true);
  }

  #note(seen: Seen, value: JsonValue): void {
    seen.presentIn++;
    if (typeof value === 'string') {
      seen.strings ??= { values: new Set(), allTimes: true, allDigits: true };
      seen.strings.values.add(value);
      if (!TIME_RE.test(value)) seen.strings.allTimes = false;
      if (!DIGITS_RE.test(value)) seen.strings.allDigits = false;
    } else if (typeof value === 'number') {
      seen.numbers ??= { values: new Set(), integer: true, negative: false };
      seen.numbers.values.add(value);
      if (!Number.isInteger(value)) seen.numbers.integer = false;
      if (value < 0) seen.numbers.negative = true;
    } else if (Array.isArray(value)) {
      seen.array ??= { items: unseen(), empty: false };
      if (value.length === 0) seen.array.empty = true;
      for (const item of value) this.#note(seen.array.items, item);
    } else {
      seen.object ??= { occurrences: 0, children: new Map() };
      seen.object.occurrences++;
      for (const [name, child] of Object.entries(value)) {
        let childSeen = seen.object.children.get(name);
        if (!childSeen) {
          childSeen = unseen();
          seen.object.children.set(name, childSeen);
        }
        this.#note(childSeen, child);
      }
    }
  }
}

function finish(seen: Seen, name: string, required: boolean): ReviewValueShape {
  const shape: ReviewValueShape = { required };
  const closed = CLOSED_FIELDS.has(name);
  if (seen.strings) shape.string = stringRule(seen.strings, name, closed);
  if (seen.numbers) shape.number = numberRule(seen.numbers, name, closed);
  if (seen.object) {
    const { occurrences, children } = seen.object;
    shape.object = Object.fromEntries(
      [...children].map(([child, childSeen]) => [
        child,
        finish(childSeen, child, childSeen.presentIn === occurrences),
      ]),
    );
  }
  if (seen.array) {
    shape.array = { nonEmpty: !seen.array.empty };
    if (seen.array.items.presentIn > 0) shape.array.items = finish(seen.array.items, name, true);
  }
  return shape;
}

function stringRule(seen: NonNullable<Seen['strings']>, name: string, closed: boolean): ReviewStringRule {
  if (closed) return { enum: closedValues(seen.values, name).sort() };
  if (seen.allTimes) return { pattern: REVIEW_TIME };
  if (seen.allDigits) return { pattern: INTEGER };
  return {};
}

function numberRule(seen: NonNullable<Seen['numbers']>, name: string, closed: boolean): ReviewNumberRule {
  const rule: ReviewNumberRule = { integer: seen.integer };
  if (closed) rule.enum = closedValues(seen.values, name).sort((a, b) => a - b);
  else if (!seen.negative) rule.minimum = 0;
  return rule;
}

function closedValues<T>(values: ReadonlySet<T>, name: string): T[] {
  if (values.size > MAX_CLOSED_VALUES)
    throw new Error(`${name} took ${values.size} values: it is no closed field (review-shape.ts)`);
  return [...values];
}

/** The shape at a dotted path of object properties below `shape`, for declaring what the definitions fix. */
export function reviewShapeAt(shape: ReviewValueShape, path: string): ReviewValueShape | undefined {
  let current: ReviewValueShape | undefined = shape;
  for (const name of path.split('.')) current = current?.object?.[name];
  return current;
}
