/**
 * @module dashboard/highlight
 * Syntax colouring for the bodies the dashboard shows (JSON and XML), as JSX spans: every piece of text goes
 * through JSX, so a body can never inject markup. Anything that is not recognisably JSON or XML stays plain.
 */
import type { Child } from 'hono/jsx';

type Kind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'tag' | 'attr' | 'text';

const JSON_TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;
const XML_TOKEN = /(<\/?[\w:.-]+)|(\s[\w:.-]+=)("[^"]*"|'[^']*')|(\/?>)|(<\?[^?]*\?>|<!--[\s\S]*?-->)/g;

function tokens(text: string, pattern: RegExp, kindOf: (match: RegExpExecArray) => [Kind, string][]) {
  const out: [Kind, string][] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) out.push(['text', text.slice(last, index)]);
    out.push(...kindOf(match as RegExpExecArray));
    last = index + match[0].length;
  }
  if (last < text.length) out.push(['text', text.slice(last)]);
  return out;
}

function jsonKinds(m: RegExpExecArray): [Kind, string][] {
  if (m[1] !== undefined)
    return m[2]
      ? [
          ['key', m[1]],
          ['punct', m[2]],
        ]
      : [['string', m[1]]];
  if (m[3] !== undefined) return [['number', m[3]]];
  if (m[4] !== undefined) return [['literal', m[4]]];
  return [['punct', m[0]]];
}

function xmlKinds(m: RegExpExecArray): [Kind, string][] {
  if (m[1] !== undefined) return [['tag', m[1]]];
  if (m[2] !== undefined)
    return [
      ['attr', m[2]],
      ['string', m[3] ?? ''],
    ];
  if (m[4] !== undefined) return [['tag', m[4]]];
  return [['literal', m[0]]];
}

/** The body as coloured spans, by its content type. */
export function highlight(body: string, contentType: string): Child {
  const kind = /json/i.test(contentType) ? 'json' : /xml/i.test(contentType) ? 'xml' : 'plain';
  if (kind === 'plain') return body;
  const parts = tokens(
    body,
    kind === 'json' ? JSON_TOKEN : XML_TOKEN,
    kind === 'json' ? jsonKinds : xmlKinds,
  );
  return parts.map(([k, text]) => (k === 'text' ? text : <span class={`hl-${k}`}>{text}</span>));
}
