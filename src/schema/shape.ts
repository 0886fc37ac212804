/**
 * @module schema/shape
 * The shape of a callback element as a receiver meets it in JSON: which children it has, which are always there,
 * which repeat, and what their text looks like. A shape is learnt from payload trees (`ShapeLearner`): the trees
 * a Tag's generator builds carry everything JSON is derived from — a repeated element is a list in the tree, an
 * empty one is `''` or `{}` (left out of JSON, src/core/render-json.ts) — so the shape says what the renderers
 * will make of every tree it saw. Schemas, the parser's list paths and the TypeScript types are all drawn from it.
 */
import { toJsonValue } from '../core/render-json.ts';
import { isContainer } from '../core/tree.ts';
import type { Job, JobValue } from '../core/types.ts';
import { KIND_PATTERN, kindOf } from '../core/value-kinds.ts';

/** What an element's text may be: any string, one matching `pattern`, or one of `enum`. */
export interface TextRule {
  pattern?: string;
  enum?: readonly string[];
}

export interface ElementShape {
  /** Present, and not empty, in every occurrence of its parent: JSON leaves an empty element out. */
  required: boolean;
  /** A list: one occurrence is a bare value in JSON, two or more an array. */
  repeated: boolean;
  /** Seen as text. */
  text?: TextRule;
  /** Seen as a container; its children by name, in the order first seen. */
  children?: Record<string, ElementShape>;
}

/** A Tag's JobsDetail, one shape per state: a failed job has no result, so what is required differs. */
export interface TaskFinishShape {
  tag: string;
  success: ElementShape;
  failed: ElementShape;
}

export interface WorkflowFinishShape {
  /** The `WorkflowExecution` element. */
  execution: ElementShape;
}

/** `2022-08-09 14:54:17+0800`: WorkflowFinish's times. */
export const WORKFLOW_TIME = '^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+0800$';
const BOOLEAN = '^(true|false)$';

/** What was seen of one element while learning. */
interface Seen {
  /** How many occurrences of the parent carried it (non-empty). */
  presentIn: number;
  repeated: boolean;
  texts: TextSeen | undefined;
  container: ContainerSeen | undefined;
}

interface ContainerSeen {
  /** How many occurrences of this container were walked. */
  occurrences: number;
  children: Map<string, Seen>;
}

interface TextSeen {
  kinds: Set<string>;
  /** For IDs: the leading letters and the lengths seen, so the pattern says `p` + 32 hex, not any ID. */
  idLetters: Set<string>;
  idLengths: Set<number>;
  allBoolean: boolean;
  allWorkflowTimes: boolean;
}

const WORKFLOW_TIME_RE = new RegExp(WORKFLOW_TIME);

/**
 * Learns one element's shape from its occurrences (e.g. JobsDetail of many jobs). `lists` names paths (from the
 * element, dotted) that repeat even when a tree happens to hold them once: the Tag's declared lists.
 */
export class ShapeLearner {
  readonly #root: ContainerSeen = { occurrences: 0, children: new Map() };
  readonly #lists: ReadonlySet<string>;

  constructor(lists: readonly string[] = []) {
    this.#lists = new Set(lists);
  }

  add(element: Job): void {
    this.#walk(this.#root, element, '');
  }

  /** The shape of everything added; throws when nothing was. */
  shape(): ElementShape {
    if (this.#root.occurrences === 0) throw new Error('no element to learn a shape from');
    return { required: true, repeated: false, children: finishChildren(this.#root) };
  }

  #walk(seen: ContainerSeen, container: Job, path: string): void {
    seen.occurrences++;
    for (const name in container) {
      const value = container[name] as JobValue;
      const childPath = path ? `${path}.${name}` : name;
      let child = seen.children.get(name);
      if (!child) {
        child = { presentIn: 0, repeated: false, texts: undefined, container: undefined };
        seen.children.set(name, child);
      }
      if (Array.isArray(value) || this.#lists.has(childPath)) child.repeated = true;
      let present = false;
      for (const occurrence of Array.isArray(value) ? value : [value]) {
        if (toJsonValue(occurrence) === undefined) continue;
        present = true;
        if (typeof occurrence === 'string') {
          child.texts ??= {
            kinds: new Set(),
            idLetters: new Set(),
            idLengths: new Set(),
            allBoolean: true,
            allWorkflowTimes: true,
          };
          noteText(child.texts, occurrence);
        } else if (isContainer(occurrence)) {
          child.container ??= { occurrences: 0, children: new Map() };
          this.#walk(child.container, occurrence, childPath);
        }
      }
      if (present) child.presentIn++;
    }
  }
}

function noteText(seen: TextSeen, value: string): void {
  const kind = kindOf(value);
  seen.kinds.add(kind);
  if (kind === 'id') {
    seen.idLetters.add(value[0] as string);
    seen.idLengths.add(value.length - 1);
  }
  if (value !== 'true' && value !== 'false') seen.allBoolean = false;
  if (!WORKFLOW_TIME_RE.test(value)) seen.allWorkflowTimes = false;
}

function finishChildren(container: ContainerSeen): Record<string, ElementShape> {
  const children: Record<string, ElementShape> = {};
  for (const [name, seen] of container.children) {
    // An element that was only ever empty never reaches JSON: a receiver never sees it.
    if (seen.presentIn === 0) continue;
    const shape: ElementShape = {
      required: seen.presentIn === container.occurrences,
      repeated: seen.repeated,
    };
    if (seen.texts) shape.text = textRule(seen.texts);
    if (seen.container) shape.children = finishChildren(seen.container);
    children[name] = shape;
  }
  return children;
}

/** A pattern when every value seen was of one kind (two numeric kinds make a number); else any text. */
function textRule(seen: TextSeen): TextRule {
  const kinds = [...seen.kinds];
  if (kinds.length === 1) {
    const [kind] = kinds;
    if (kind === 'id') {
      const letters = [...seen.idLetters].sort().join('');
      const min = Math.min(...seen.idLengths);
      const max = Math.max(...seen.idLengths);
      const first = letters.length === 1 ? letters : `[${letters}]`;
      return { pattern: `^${first}[0-9a-f]{${min === max ? min : `${min},${max}`}}$` };
    }
    if (kind === 'time' || kind === 'integer' || kind === 'decimal') return { pattern: KIND_PATTERN[kind] };
  }
  if (kinds.every((kind) => kind === 'integer' || kind === 'decimal'))
    return { pattern: '^-?\\d+(\\.\\d+)?$' };
  if (seen.allBoolean) return { pattern: BOOLEAN };
  if (seen.allWorkflowTimes) return { pattern: WORKFLOW_TIME };
  return {};
}

/** The shape that accepts what either accepts: children of both, required only where both require. */
export function mergeShapes(a: ElementShape, b: ElementShape): ElementShape {
  const merged: ElementShape = { required: a.required && b.required, repeated: a.repeated || b.repeated };
  if (a.text || b.text) merged.text = a.text && b.text ? mergeText(a.text, b.text) : (a.text ?? b.text);
  if (a.children || b.children) {
    const children: Record<string, ElementShape> = {};
    const left = a.children ?? {};
    const right = b.children ?? {};
    for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const l = left[name];
      const r = right[name];
      children[name] = l && r ? mergeShapes(l, r) : { ...((l ?? r) as ElementShape), required: false };
    }
    merged.children = children;
  }
  return merged;
}

function mergeText(a: TextRule, b: TextRule): TextRule {
  if (a.enum && b.enum) return { enum: [...new Set([...a.enum, ...b.enum])] };
  if (a.pattern !== undefined && a.pattern === b.pattern) return { pattern: a.pattern };
  return {};
}

/** The shape at a dotted path below `shape`, for declaring what the definitions fix there. */
export function shapeAt(shape: ElementShape, path: string): ElementShape | undefined {
  let current: ElementShape | undefined = shape;
  for (const name of path.split('.')) current = current?.children?.[name];
  return current;
}

/** Every dotted path below `shape` that repeats, in document order. */
export function repeatedPaths(shape: ElementShape, path = ''): string[] {
  return Object.entries(shape.children ?? {}).flatMap(([name, child]) => {
    const childPath = path ? `${path}.${name}` : name;
    return [...(child.repeated ? [childPath] : []), ...repeatedPaths(child, childPath)];
  });
}
