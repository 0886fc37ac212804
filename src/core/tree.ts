/**
 * @module tree
 * The payload tree: normalising what generators write into what is sent, and walking it by element path.
 */
import type { Job, JobValue, Tree, TreeValue } from './types.ts';

export function isContainer(value: TreeValue | undefined): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings for every leaf; `undefined` children (optional fields a generator left out) are dropped. */
export function normalize(tree: Tree): Job {
  const job: Job = {};
  for (const name in tree) {
    const value = tree[name];
    if (value !== undefined) job[name] = typeof value === 'string' ? value : normalizeValue(value);
  }
  return job;
}

function normalizeValue(value: TreeValue): JobValue {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    const list: JobValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = normalizeValue(value[i] as TreeValue);
    return list;
  }
  return normalize(value);
}

/** Every occurrence of the element at a dotted path (repeated elements yield each occurrence). */
export function select(root: JobValue, path: string): JobValue[] {
  let current: JobValue[] = [root];
  for (const name of path.split('.')) {
    const next: JobValue[] = [];
    for (const node of current.flatMap((n) => (Array.isArray(n) ? n : [n]))) {
      if (typeof node === 'object' && !Array.isArray(node) && name in node) {
        const child = node[name] as JobValue;
        next.push(...(Array.isArray(child) ? child : [child]));
      }
    }
    current = next;
  }
  return current;
}

/** The text of the single element at `path`, or undefined when it is absent or a container. */
export function text(root: JobValue, path: string): string | undefined {
  const [first] = select(root, path);
  return typeof first === 'string' ? first : undefined;
}

/** Occurrences as a list: a repeated element is already one; a single one becomes a list of one. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Each leaf with its element path (names joined by '.', repetition not counted). */
export function* leaves(value: JobValue, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') {
    yield [path, value];
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) yield* leaves(item, path);
    return;
  }
  for (const [name, child] of Object.entries(value)) yield* leaves(child, path ? `${path}.${name}` : name);
}

/** The children in alphabetical order, as CI's samples list most nodes. */
export function sortKeys(tree: Tree): Tree {
  // sort() without a comparator orders strings by UTF-16 code units, as `<` does
  const names = Object.keys(tree).sort();
  const sorted: Tree = {};
  for (const name of names) {
    // a data property, as Object.fromEntries makes: assigning `__proto__` would set the prototype instead
    if (name === '__proto__')
      Object.defineProperty(sorted, name, {
        value: tree[name],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else sorted[name] = tree[name] as TreeValue;
  }
  return sorted;
}

/** The occurrences of an element that are filled in (empty placeholders such as `<Audio/>` left out). */
export function nodesAt(root: JobValue, path: string): Job[] {
  return select(root, path).filter((node): node is Job => isContainer(node));
}
