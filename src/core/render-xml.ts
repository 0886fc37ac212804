/**
 * @module render-xml
 * XML as CI sends it: `<Response>` root, no declaration, empty elements as `<Message/>`, four-space indent as in
 * the official samples (or none when compact). Writing is done here by hand, byte for byte what xmlbuilder2
 * writes for the same tree (a test holds the two together), because xmlbuilder2 builds a DOM first and that cost
 * more than generating the payload. One difference, deliberate: `&` is always escaped, where xmlbuilder2 leaves
 * text such as `&amp;` as it is and so changes the value a receiver reads. Parsing still uses xmlbuilder2; this is
 * the only module of src/ that imports it.
 */
import { createRequire } from 'node:module';
import type { Job, JobValue } from './types.ts';
import { assertWellFormedTags } from './xml-well-formed.ts';

/**
 * xmlbuilder2, loaded on the first parse: rendering never needs it, and loading it costs more (~50 ms) than the
 * whole of `ci-callback generate` otherwise spends. A `require` keeps parseXml synchronous.
 */
let xmlbuilder2: typeof import('xmlbuilder2') | undefined;
function createDocument(xml: string) {
  xmlbuilder2 ??= createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');
  return xmlbuilder2.create(xml);
}

export const XML_CONTENT_TYPE = 'application/xml';

const INDENT = '    ';

/**
 * Element names: the ASCII subset of XML's Name production that CI uses (and overrides accept). Each name checked
 * gets its tags written once per depth (see Tags), up to a bound, since the same few hundred recur in every body.
 */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const MAX_NAMES_PER_DEPTH = 10_000;

/** The markup of one element name at one depth, line start and indentation included (none when compact). */
interface Tags {
  /** `\n    <Name>` */
  open: string;
  /** `</Name>`, after text on the same line. */
  closeText: string;
  /** `\n    </Name>`, after child elements. */
  closeChildren: string;
  /** `\n    <Name/>` */
  empty: string;
}

/** `tagsByDepth[depth + 1]`: depth -1 is compact. */
const tagsByDepth: Map<string, Tags>[] = [];

/**
 * The body is written as a list of pieces joined once at the end: joining gives one flat string, where `+=` built a
 * rope of hundreds of pieces that V8 then flattened (as long again as writing it) the first time it became bytes.
 * One list serves every call (rendering is synchronous and never re-entered).
 */
const pieces: string[] = [];

export function renderXml(response: Job, { compact = false } = {}): string {
  pieces.length = 0;
  pieces.push('<Response>');
  renderChildren(response, compact ? -1 : 1);
  pieces.push(compact ? '</Response>' : '\n</Response>');
  const xml = pieces.join('');
  pieces.length = 0;
  return xml;
}

/** The children of a container; `depth` -1 means compact (no line breaks or indentation). */
function renderChildren(container: Job, depth: number): void {
  for (const name in container) {
    const value = container[name] as JobValue;
    if (Array.isArray(value)) {
      for (const occurrence of value) renderElement(name, occurrence, depth);
    } else renderElement(name, value, depth);
  }
}

function renderElement(name: string, value: JobValue, depth: number): void {
  const tags = tagsAt(name, depth);
  if (typeof value === 'string') {
    if (value === '') pieces.push(tags.empty);
    else pieces.push(tags.open, SPECIAL.test(value) ? escapeText(value) : value, tags.closeText);
    return;
  }
  if (Array.isArray(value))
    throw new Error(`element ${name}: a repeated element cannot directly contain another repetition`);
  const at = pieces.length;
  pieces.push(tags.open);
  renderChildren(value, depth < 0 ? depth : depth + 1);
  if (pieces.length === at + 1) pieces[at] = tags.empty;
  else pieces.push(tags.closeChildren);
}

function tagsAt(name: string, depth: number): Tags {
  for (let d = tagsByDepth.length; d <= depth + 1; d++) tagsByDepth.push(new Map());
  const known = tagsByDepth[depth + 1] as Map<string, Tags>;
  let tags = known.get(name);
  if (tags === undefined) {
    if (!XML_NAME.test(name))
      throw new Error(`'${name}' is not an XML element name: a letter or _, then letters, digits, _, . or -`);
    const lineStart = depth < 0 ? '' : `\n${INDENT.repeat(depth)}`;
    // joined, not concatenated: flat strings, copied straight into every body
    tags = {
      open: [lineStart, '<', name, '>'].join(''),
      closeText: ['</', name, '>'].join(''),
      closeChildren: [lineStart, '</', name, '>'].join(''),
      empty: [lineStart, '<', name, '/>'].join(''),
    };
    if (known.size < MAX_NAMES_PER_DEPTH) known.set(name, tags);
  }
  return tags;
}

const SPECIAL = /[&<>]/;

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The part of the DOM (from xmlbuilder2's parser) that parsing reads; the DOM lib is not in our tsconfig. */
interface DomNode {
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Parses a CI XML body into the payload tree (`Response`'s children); empty elements become ''. */
export function parseXml(xml: string): Job {
  return parseXmlDocument(xml, { root: 'Response', what: 'a CI callback' });
}

/**
 * Parses an XML document whose root is `root` into the tree of its children (`<Request>` of CI's job API, say);
 * `what` names the document in the errors.
 */
export function parseXmlDocument(xml: string, { root, what }: { root: string; what: string }): Job {
  try {
    assertWellFormedTags(xml);
  } catch (error) {
    throw new Error(`not ${what}: the XML is not well-formed: ${(error as Error).message}`);
  }
  const element = createDocument(xml).root().node as unknown as DomNode;
  if (element.nodeName !== root)
    throw new Error(`not ${what}: the root element is <${element.nodeName}>, not <${root}>`);
  const job = fromElement(element);
  if (typeof job === 'string' || Array.isArray(job))
    throw new Error(`not ${what}: <${root}> has no child elements`);
  return job;
}

/** An element with child elements becomes a container (repeated names → arrays); otherwise its text. */
function fromElement(element: DomNode): JobValue {
  const children = Array.from(element.childNodes).filter((node) => node.nodeType === 1);
  if (children.length === 0) return element.textContent ?? '';
  const job: Job = {};
  for (const child of children) {
    const value = fromElement(child);
    // own properties only: an element named `constructor` or `__proto__` is data, not the object's prototype
    const seen = Object.hasOwn(job, child.nodeName) ? job[child.nodeName] : undefined;
    if (seen === undefined)
      Object.defineProperty(job, child.nodeName, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    // fromElement never returns an array, so an array here is this element's earlier occurrences.
    else if (Array.isArray(seen)) seen.push(value);
    else job[child.nodeName] = [seen, value];
  }
  return job;
}
