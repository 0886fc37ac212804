/**
 * @module xml-well-formed
 * The tag structure check xmlbuilder2's parser leaves out: it closes an unclosed element at the end, takes
 * `</B>` as the end of `<A>` and ignores text after the root, so a truncated or garbled body would parse as a
 * good one. CI's bodies are well-formed, and a receiver's check of a body must not be kinder than its parser.
 */

/** Markup the parser reads itself and that holds no tags: comments, CDATA, processing instructions, DOCTYPE. */
const OPAQUE: ReadonlyArray<readonly [start: string, end: string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!DOCTYPE', '>'],
];

/** A start, end or empty-element tag at the cursor: its slash, name, and the slash of `<X/>`. */
// Each character has one way to match (no nested or overlapping quantifiers), so a long tag that never closes
// costs linear time, not quadratic.
const TAG = /<(\/?)([^\s/>]+)(?:\s(?:[^>"'/]|"[^"]*"|'[^']*'|\/(?!>))*)?(\/?)>/y;

/**
 * Throws an Error naming the first fault: an end tag that does not match the element it closes, an element left
 * open, a second root, or text outside the root. Says nothing of names or entities: the parser checks those.
 */
export function assertWellFormedTags(xml: string): void {
  const open: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt === -1 ? xml.length : lt);
    if (open.length === 0 && text.trim() !== '')
      throw new Error(`text outside the root element: '${excerpt(text.trim())}'`);
    if (lt === -1) break;
    const opaque = OPAQUE.find(([start]) => xml.startsWith(start, lt));
    if (opaque) {
      const end = xml.indexOf(opaque[1], lt + opaque[0].length);
      if (end === -1) throw new Error(`'${opaque[0]}' is never closed by '${opaque[1]}'`);
      at = end + opaque[1].length;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(xml);
    if (!tag) throw new Error(`a '<' that starts no complete tag: '${excerpt(xml.slice(lt))}'`);
    const [whole, closing, name = '', empty] = tag;
    if (closing) {
      const expected = open.pop();
      if (expected !== name)
        throw new Error(
          expected === undefined
            ? `</${name}> closes no open element`
            : `</${name}> where </${expected}> was expected`,
        );
    } else {
      if (open.length === 0 && ++roots > 1) throw new Error(`a second root element <${name}>`);
      if (!empty) open.push(name);
    }
    at = lt + whole.length;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw new Error(`<${unclosed}> is never closed (the body ends first)`);
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
