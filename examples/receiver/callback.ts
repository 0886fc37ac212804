/**
 * Parsing a Tencent CI callback the way a receiver must: the code to copy into your service. It depends on
 * nothing in this project (only xmlbuilder2), on purpose, so its XML walk repeats src/core/render-xml.ts's.
 *
 * What a robust receiver handles (every one of these occurs in real callbacks):
 * - XML (`application/xml`, CI's default) and JSON (`application/json`) bodies;
 * - in JSON, `JobsDetail` as an object, as an array, or everything wrapped in a top-level `Response`;
 * - a repeated element (ObjectName, Words, Md5Info, …) is an array when it occurs twice or more but a bare object
 *   or string when it occurs once — always read lists through `asList`;
 * - every scalar is a string ("JobLevel": "0"), and empty elements are simply absent in JSON;
 * - workflow-triggered jobs add `Input.CosHeaders` and `Workflow`; failed jobs have `State` Failed, an error
 *   `Code` and no result; some Tags leave fields out (WordsGeneralize has no `State`, Tts no `Input`).
 */
import { create } from 'xmlbuilder2';

export type CallbackValue = string | CallbackNode | CallbackValue[];
export interface CallbackNode {
  [name: string]: CallbackValue;
}

export interface Callback {
  eventName: string;
  /** TaskFinish: one entry per job (CI sends one). */
  jobs: CallbackNode[];
  /** WorkflowFinish: the workflow instance. */
  workflowExecution: CallbackNode | undefined;
}

export class CallbackError extends Error {}

/** A repeated element's occurrences as a list, whether CI sent none, one (bare) or several (an array). */
export function asList(value: CallbackValue | undefined): CallbackValue[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function parseCallback(contentType: string, body: string): Callback {
  const root = contentType.includes('json') ? parseJson(body) : parseXmlBody(body);
  const eventName = root['EventName'];
  if (typeof eventName !== 'string') throw new CallbackError('EventName is missing');
  if (eventName === 'WorkflowFinish') {
    const execution = root['WorkflowExecution'];
    if (typeof execution !== 'object' || Array.isArray(execution))
      throw new CallbackError('WorkflowExecution is missing');
    return { eventName, jobs: [], workflowExecution: execution };
  }
  if (eventName !== 'TaskFinish') throw new CallbackError(`unexpected EventName '${eventName}'`);
  const jobs = asList(root['JobsDetail']).filter(
    (job): job is CallbackNode => typeof job === 'object' && !Array.isArray(job),
  );
  if (jobs.length === 0) throw new CallbackError('JobsDetail is missing');
  for (const job of jobs) {
    if (typeof job['JobId'] !== 'string' || typeof job['Tag'] !== 'string')
      throw new CallbackError('a job has no JobId or Tag');
  }
  return { eventName, jobs, workflowExecution: undefined };
}

function parseJson(body: string): CallbackNode {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new CallbackError('the body is not valid JSON');
  }
  if (typeof document !== 'object' || document === null)
    throw new CallbackError('the body is not a JSON object');
  const wrapped = (document as { Response?: unknown }).Response;
  return (typeof wrapped === 'object' && wrapped !== null ? wrapped : document) as CallbackNode;
}

interface DomNode {
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

function parseXmlBody(body: string): CallbackNode {
  checkWellFormed(body);
  let root: DomNode;
  try {
    root = create(body).root().node as unknown as DomNode;
  } catch {
    throw new CallbackError('the body is not well-formed XML');
  }
  if (root.nodeName !== 'Response')
    throw new CallbackError(`the XML root is <${root.nodeName}>, not <Response>`);
  const value = fromElement(root);
  if (typeof value !== 'object' || Array.isArray(value))
    throw new CallbackError('the XML root has no elements');
  return value;
}

const XML_TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)[^<>]*?(\/?)>|</g;

/**
 * xmlbuilder2's parser forgives a body cut short, an element never closed and text after the root, so a
 * half-received callback would be read as a whole one. This walk refuses them: every element closes, in order,
 * and nothing but whitespace follows the root.
 */
function checkWellFormed(body: string): void {
  const open: string[] = [];
  let rootClosed = false;
  let last = 0;
  for (const match of body.matchAll(XML_TOKEN)) {
    const [token, closing, name, selfClosing] = match;
    const between = body.slice(last, match.index);
    last = match.index + token.length;
    if (rootClosed && between.trim() !== '') throw new CallbackError('the body has text after the XML root');
    if (token === '<') throw new CallbackError('the body is not well-formed XML: a stray <');
    if (name === undefined) continue; // comment, CDATA, declaration
    if (rootClosed) throw new CallbackError('the body has a second XML root');
    if (closing) {
      if (open.pop() !== name)
        throw new CallbackError(`the body is not well-formed XML: </${name}> closes nothing`);
    } else if (!selfClosing) open.push(name);
    if (open.length === 0) rootClosed = true;
  }
  if (body.slice(last).trim() !== '') throw new CallbackError('the body has text after the XML root');
  if (!rootClosed || open.length > 0)
    throw new CallbackError('the body is cut short: an XML element never closes');
}

/** Elements with children become objects (repeated names → arrays); leaves become their text. */
function fromElement(element: DomNode): CallbackValue {
  const children = Array.from(element.childNodes).filter((node) => node.nodeType === 1);
  if (children.length === 0) return element.textContent ?? '';
  const node: CallbackNode = {};
  for (const child of children) {
    const value = fromElement(child);
    const seen = node[child.nodeName];
    if (seen === undefined) node[child.nodeName] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else node[child.nodeName] = [seen, value];
  }
  return node;
}

/** What most receivers want from a job: who, how it ended, and which files it wrote. */
export interface JobSummary {
  jobId: string;
  tag: string;
  succeeded: boolean;
  code: string;
  message: string;
  workflowRunId: string | undefined;
  outputObjects: string[];
}

export function summarizeJob(job: CallbackNode): JobSummary {
  const text = (value: CallbackValue | undefined) => (typeof value === 'string' ? value : '');
  const node = (value: CallbackValue | undefined) =>
    typeof value === 'object' && !Array.isArray(value) ? value : {};
  const operation = node(job['Operation']);
  const outputFiles = asList(node(operation['MediaResult'])['OutputFile']).map(node);
  const code = text(job['Code']);
  return {
    jobId: text(job['JobId']),
    tag: text(job['Tag']),
    // Some Tags send no State; Code is always there and is "Success" on success.
    succeeded: (text(job['State']) || 'Success') === 'Success' && code === 'Success',
    code,
    message: text(job['Message']),
    workflowRunId: text(node(job['Workflow'])['RunId']) || undefined,
    outputObjects: outputFiles.flatMap((file) => asList(file['ObjectName']).map(text)),
  };
}
