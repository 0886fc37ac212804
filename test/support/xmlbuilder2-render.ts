/**
 * The reference for src/core/render-xml.ts: the same tree serialized by xmlbuilder2 (through its DOM), as the
 * project rendered it before writing XML by hand. Tests compare the two byte for byte; bench/generate.ts measures
 * generation against it.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Job, JobValue } from '../../src/core/types.ts';

export function renderXmlWithXmlbuilder2(response: Job, { compact = false } = {}): string {
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
    if (value !== '') element.txt(value);
  } else if (Array.isArray(value)) {
    throw new Error(`element ${name}: a repeated element cannot directly contain another repetition`);
  } else {
    appendChildren(element, value);
  }
}
