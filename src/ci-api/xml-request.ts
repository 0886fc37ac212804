/**
 * @module ci-api/xml-request
 * Reads the XML body of a request to CI's job API into a tree (`<Request>`'s children; a repeated element is an
 * array), as the SDKs send it: in any element order, with elements this stand-in does not know (Java adds
 * `<BucketName>`), with or without an XML declaration or Content-Type. Bounded before parsing (size, no DTD, so
 * no entity expansion) and after (depth, element count).
 */
import { parseXmlDocument } from '../core/render-xml.ts';
import type { Job, JobValue } from '../core/types.ts';
import { CI_ERRORS } from './ci-error.ts';

/** Bounds of one request body (ours: CI documents none). */
export const CI_REQUEST_LIMITS = { bytes: 256 * 1024, depth: 16, elements: 4_000 } as const;

/** The `<Request>` tree of a body; a CiError (MissingContent, MalformedXML, InvalidContent) otherwise. */
export function readCiRequest(body: string): Job {
  if (body.trim() === '')
    throw CI_ERRORS.missingContent('the request has no body; send <Request>…</Request>');
  if (Buffer.byteLength(body) > CI_REQUEST_LIMITS.bytes) {
    throw CI_ERRORS.tooLarge(`the request body is over ${CI_REQUEST_LIMITS.bytes} bytes`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw CI_ERRORS.malformedXml('a document type declaration (DOCTYPE, ENTITY) is not accepted');
  }
  // names that would walk a JS object into its prototype chain; no CI element is called that
  if (/<\/?\s*(__proto__|constructor|prototype)\b/.test(body)) {
    throw CI_ERRORS.malformedXml('element names __proto__, constructor and prototype are not accepted');
  }
  checkWellFormed(body);
  let tree: Job;
  try {
    tree = parseXmlDocument(body, { root: 'Request', what: 'a CI job request' });
  } catch (error) {
    throw CI_ERRORS.malformedXml(
      `the body is not a well-formed <Request> document: ${String((error as Error).message).slice(0, 200)}`,
    );
  }
  let elements = 0;
  const walk = (value: JobValue, depth: number): void => {
    if (typeof value === 'string') return;
    if (depth > CI_REQUEST_LIMITS.depth) {
      throw CI_ERRORS.malformedXml(`elements nest deeper than ${CI_REQUEST_LIMITS.depth} levels`);
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    elements += children.length;
    if (elements > CI_REQUEST_LIMITS.elements) {
      throw CI_ERRORS.malformedXml(`the request has more than ${CI_REQUEST_LIMITS.elements} elements`);
    }
    for (const child of children) walk(child, Array.isArray(value) ? depth : depth + 1);
  };
  walk(tree, 1);
  return tree;
}

const MARKUP =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|</g;

/**
 * The parser underneath is lenient (it closes what a document leaves open), and the doc samples' typos
 * (`<CallBackFormat>JSON<CallBackFormat>`) are exactly what CI refuses: every start tag must meet its end tag, one
 * root, nothing but whitespace around it.
 */
function checkWellFormed(xml: string): void {
  const open: string[] = [];
  let roots = 0;
  let last = 0;
  for (const match of xml.matchAll(MARKUP)) {
    const between = xml.slice(last, match.index);
    if (open.length === 0 && between.trim() !== '')
      throw CI_ERRORS.malformedXml('text outside the root element');
    last = match.index + match[0].length;
    const [whole, closing, name, , selfClosing] = match;
    if (whole.startsWith('<!--') || whole.startsWith('<?') || whole.startsWith('<![CDATA[')) continue;
    if (name === undefined) throw CI_ERRORS.malformedXml(`a stray '<' at offset ${match.index}`);
    if (closing) {
      const expected = open.pop();
      if (expected !== name) {
        throw CI_ERRORS.malformedXml(
          expected === undefined ? `</${name}> closes nothing` : `<${expected}> is closed by </${name}>`,
        );
      }
    } else if (!selfClosing) {
      if (open.length === 0) roots++;
      open.push(name);
    } else if (open.length === 0) roots++;
  }
  if (xml.slice(last).trim() !== '') throw CI_ERRORS.malformedXml('text outside the root element');
  if (open.length > 0) throw CI_ERRORS.malformedXml(`<${open[open.length - 1]}> is never closed`);
  if (roots !== 1) throw CI_ERRORS.malformedXml('a document has exactly one root element');
}

/** The text of an element, if it is there once and holds text (trimmed). */
export function textOf(tree: Job | undefined, name: string): string | undefined {
  const value = tree?.[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** The occurrences of an element: none, one, or several. */
export function occurrences(tree: Job | undefined, name: string): JobValue[] {
  const value = tree?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A child element that holds elements, if it is there once. */
export function containerOf(tree: Job | undefined, name: string): Job | undefined {
  const value = tree?.[name];
  return value !== undefined && typeof value !== 'string' && !Array.isArray(value) ? value : undefined;
}
