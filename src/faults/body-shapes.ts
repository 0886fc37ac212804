/**
 * @module faults/body-shapes
 * The body faults as pure functions over a generated callback: each returns the bodies (and Content-Types) it
 * would send instead, one per case. XML bodies are reshaped as the payload tree and rendered again; JSON
 * bodies as the parsed document, so key order and shape survive.
 */
import { renderJson } from '../core/render-json.ts';
import { parseXml, renderXml } from '../core/render-xml.ts';
import type { Format, Job } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';

/** A callback as generated: what the faults start from. */
export interface CallbackBody {
  body: string;
  contentType: string;
}

/** What a receiver should answer to a case: `2xx`, `4xx`, or either (never 5xx). */
export type Acceptance = '2xx' | '4xx' | '2xx-or-4xx' | '2xx-or-413';

export interface ShapedBody {
  /** The case, e.g. `cut-short`; with the fault's name it identifies the body: `malformed/cut-short`. */
  case: string;
  body: string;
  /** `null`: the request carries no Content-Type header at all. */
  contentType: string | null;
  accepts: Acceptance;
}

type Node = string | Node[] | { [name: string]: Node };
type Container = { [name: string]: Node };

export function formatOf(contentType: string): Format {
  return contentType.toLowerCase().includes('json') ? 'json' : 'xml';
}

function parse(callback: CallbackBody): Container {
  return formatOf(callback.contentType) === 'json'
    ? (JSON.parse(callback.body) as Container)
    : (parseXml(callback.body) as Container);
}

function render(tree: Container, format: Format): string {
  return format === 'json' ? JSON.stringify(tree, null, 4) : renderXml(tree as Job);
}

function reshaped(callback: CallbackBody, change: (tree: Container) => Container): string {
  return render(change(parse(callback)), formatOf(callback.contentType));
}

function isContainer(node: Node | undefined): node is Container {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Applies `change` to every container, innermost first; list items keep their order (a list's order is data). */
function everyContainer(node: Node, change: (container: Container) => Container): Node {
  if (Array.isArray(node)) return node.map((item) => everyContainer(item, change));
  if (!isContainer(node)) return node;
  const inner: Container = {};
  for (const [name, child] of Object.entries(node)) inner[name] = everyContainer(child, change);
  return change(inner);
}

/** JobsDetail (the first job when it is a list), or the WorkflowExecution of a WorkflowFinish. */
function firstJob(tree: Container): Container | undefined {
  const root = isContainer(tree['Response']) ? tree['Response'] : tree;
  const detail = root['JobsDetail'] ?? root['WorkflowExecution'];
  const job = Array.isArray(detail) ? detail[0] : detail;
  return isContainer(job) ? job : undefined;
}

export function contentTypeCases(callback: CallbackBody): ShapedBody[] {
  const format = formatOf(callback.contentType);
  const xml = format === 'xml' ? callback.body : renderXml(parse(callback) as Job);
  const json = format === 'json' ? callback.body : renderJson(parseXml(callback.body), 'object');
  return [
    { case: 'xml-charset', body: xml, contentType: 'application/xml; charset=utf-8', accepts: '2xx' },
    { case: 'text-xml', body: xml, contentType: 'text/xml', accepts: '2xx' },
    { case: 'json-charset', body: json, contentType: 'application/json; charset=UTF-8', accepts: '2xx' },
    { case: 'missing', body: callback.body, contentType: null, accepts: '2xx-or-4xx' },
    { case: 'xml-as-json', body: xml, contentType: 'application/json', accepts: '2xx-or-4xx' },
  ];
}

export function malformedCases(callback: CallbackBody): ShapedBody[] {
  const { body, contentType } = callback;
  const json = formatOf(contentType) === 'json';
  const cases: [string, string][] = [
    ['cut-short', body.slice(0, Math.floor(body.length / 2))],
    // XML: the job's JobId never closes; JSON: an object never closes
    ['unclosed-element', json ? body.replace(/\}\s*$/, '') : body.replace(/<\/JobId>/, '')],
    ['trailing-garbage', `${body}${json ? '}}garbage' : '</Response>garbage<'}`],
    ['empty', ''],
    [
      'wrong-root',
      json
        ? `[${body}]`
        : body.replace(/^<Response>/, '<Callback>').replace(/<\/Response>\s*$/, '</Callback>'),
    ],
  ];
  return cases.map(([name, shaped]) => ({ case: name, body: shaped, contentType, accepts: '4xx' }));
}

/** Element names CI does not send today, added at the end of every container (and one new block at the top). */
export const UNKNOWN_ELEMENT = 'FutureField';
export const UNKNOWN_BLOCK = 'FutureBlock';

export function unknownFieldsCases(callback: CallbackBody): ShapedBody[] {
  const body = reshaped(callback, (tree) => {
    const grown = everyContainer(tree, (container) => ({ ...container, [UNKNOWN_ELEMENT]: 'added-later' }));
    const root = grown as Container;
    const target = isContainer(root['Response']) ? root['Response'] : root;
    target[UNKNOWN_BLOCK] = { Mode: 'preview', Items: ['a', 'b'] };
    return root;
  });
  return [{ case: 'every-level', body, contentType: callback.contentType, accepts: '2xx' }];
}

export function reorderedElementsCases(callback: CallbackBody): ShapedBody[] {
  const body = reshaped(
    callback,
    (tree) =>
      everyContainer(tree, (container) =>
        Object.fromEntries(Object.entries(container).reverse()),
      ) as Container,
  );
  return [{ case: 'reversed', body, contentType: callback.contentType, accepts: '2xx' }];
}

export const UNKNOWN_TAG = 'FutureTagFromCi';

export function unknownTagCases(callback: CallbackBody): ShapedBody[] {
  const body = reshaped(callback, (tree) => {
    const job = firstJob(tree);
    if (job) job['Tag'] = UNKNOWN_TAG;
    return tree;
  });
  return [{ case: UNKNOWN_TAG, body, contentType: callback.contentType, accepts: '2xx-or-4xx' }];
}

/** Values a receiver must read back exactly: entities, a 4-byte character, right-to-left text, a long path. */
export const SPECIAL_OBJECT = `in/a&b <c> "d" 'e'/${'deep/'.repeat(120)}שלום-مرحبا-😀.mp4`;
export const SPECIAL_USER_DATA = `a&b <c>.mp4 ]]> &amp; 𝄞 😀 עברית العربية`;

export function specialCharsCases(callback: CallbackBody): ShapedBody[] {
  const body = reshaped(callback, (tree) => {
    const job = firstJob(tree);
    if (!job) return tree;
    const input = isContainer(job['Input']) ? job['Input'] : {};
    job['Input'] = { ...input, Object: SPECIAL_OBJECT };
    if (isContainer(job['Operation'])) job['Operation']['UserData'] = SPECIAL_USER_DATA;
    return tree;
  });
  return [{ case: 'entities-utf8-rtl', body, contentType: callback.contentType, accepts: '2xx' }];
}

export const LARGE_WORDS = 20_000;

/** A SpeechRecognition callback whose transcript has `words` words: several MiB in XML. */
export function largeCases(options: { seed: number; format: Format; words?: number }): ShapedBody[] {
  const { seed, format, words = LARGE_WORDS } = options;
  const result = generate({ tag: 'SpeechRecognition', seed, format, compact: true });
  const body = reshaped(result, (tree) => {
    const job = firstJob(tree);
    const sr = job && isContainer(job['Operation']) ? job['Operation']['SpeechRecognitionResult'] : undefined;
    const detailNode = isContainer(sr) ? sr['ResultDetail'] : undefined;
    const detail = Array.isArray(detailNode) ? detailNode[0] : detailNode;
    if (!isContainer(detail)) return tree;
    const list = Array.from({ length: words }, (_, i) => ({
      OffsetEndMs: String(i * 300 + 280),
      OffsetStartMs: String(i * 300),
      VoiceType: '0',
      Word: `word${i}`,
    }));
    detail['Words'] = list;
    detail['WordsNum'] = String(words);
    detail['FinalSentence'] = list.map((w) => w.Word).join('');
    detail['SliceSentence'] = list.map((w) => w.Word).join(' ');
    return tree;
  });
  return [{ case: `${words}-words`, body, contentType: result.contentType, accepts: '2xx-or-413' }];
}

/** Whether an HTTP status meets what a case accepts. */
export function meetsAcceptance(status: number, accepts: Acceptance): boolean {
  const ok = status >= 200 && status < 300;
  const clientError = status >= 400 && status < 500;
  switch (accepts) {
    case '2xx':
      return ok;
    case '4xx':
      return clientError;
    case '2xx-or-4xx':
      return ok || clientError;
    case '2xx-or-413':
      return ok || status === 413;
  }
}
