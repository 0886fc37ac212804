/**
 * @module render-xml
 * XML as CI sends it: `<Response>` root, no declaration, empty elements as `<Message/>`, four-space indent as in
 * the official samples (or none when compact). The only module that imports xmlbuilder2.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Job, JobValue } from './types.ts';

export const XML_CONTENT_TYPE = 'application/xml';

export function renderXml(response: Job, { compact = false } = {}): string {
  const root = create().ele('Response');
  appendChildren(root, response);
  return root.end({ headless: true, prettyPrint: !compact, indent: '    ' });
}

function appendChildren(parent: XMLBuilder, container: Job): void {
  for (const [name, value] of Object.entries(container)) {
    for (const occurrence of Array.isArray(value) ? value : [value]) appendElement(parent, name, occurrence);
  }
}

function appendElement(parent: XMLBuilder, name: string, value: JobValue): void {
  const element = parent.ele(name);
  if (typeof value === 'string') {
    // xmlbuilder2 leaves an `&` that starts something entity-like (`&amp;`) as it is, so a value holding the
    // text "&amp;" would be read back as "&"; escaping every `&` first keeps each value exactly.
    if (value !== '') element.txt(value.replaceAll('&', '&amp;'));
  } else if (Array.isArray(value)) {
    throw new Error(`element ${name}: a repeated element cannot directly contain another repetition`);
  } else {
    appendChildren(element, value);
  }
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
  const root = create(xml).root().node as unknown as DomNode;
  if (root.nodeName !== 'Response')
    throw new Error(`not a CI callback: the root element is <${root.nodeName}>, not <Response>`);
  const job = fromElement(root);
  if (typeof job === 'string' || Array.isArray(job))
    throw new Error('not a CI callback: <Response> has no child elements');
  return job;
}

/** An element with child elements becomes a container (repeated names → arrays); otherwise its text. */
function fromElement(element: DomNode): JobValue {
  const children = Array.from(element.childNodes).filter((node) => node.nodeType === 1);
  if (children.length === 0) return element.textContent ?? '';
  const job: Job = {};
  for (const child of children) {
    const value = fromElement(child);
    const seen = job[child.nodeName];
    if (seen === undefined) job[child.nodeName] = value;
    // fromElement never returns an array, so an array here is this element's earlier occurrences.
    else if (Array.isArray(seen)) seen.push(value);
    else job[child.nodeName] = [seen, value];
  }
  return job;
}
