/**
 * @module schema/asyncapi
 * The AsyncAPI 3.0 document of the callback channel, from the receiver's side: the receiver receives, over
 * HTTP POST, one message per Tag and event (TaskFinish per Tag, WorkflowFinish) in each format CI sends
 * (`application/json`, `application/xml`), with the headers the emitter sends. The document stands alone (Studio
 * takes one file): each JSON Schema is embedded under `components.schemas`, its `$defs` lifted beside it as
 * `<Name>.<def>` so its references resolve in the document. JSON messages' payloads are those schemas; an XML
 * body is text to a schema (AsyncAPI has no XML schema format), described as the same elements under
 * `<Response>`. Each message carries one generated example (seed 1), which mock servers such as Microcks replay.
 * Content-moderation callbacks are messages too, one per kind and form (`ReviewImage.detail`), JSON only, each
 * with the `X-Ci-Content-Version` header value its form is sent with.
 */
import { ATTEMPT_HEADER } from '../core/callback-headers.ts';
import { JSON_CONTENT_TYPE } from '../core/render-json.ts';
import { XML_CONTENT_TYPE } from '../core/render-xml.ts';
import type { Format } from '../core/types.ts';
import {
  type CallbackVersion,
  CONTENT_VERSION,
  CONTENT_VERSION_HEADER,
  type ReviewKind,
} from '../moderation/types.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import type { JsonSchema } from './json-schema.ts';
import { reviewForms } from './review-infer.ts';
import { reviewSchemaName } from './review-json-schema.ts';

export interface AsyncApiOptions {
  /** The package's version, the document's `info.version`. */
  version: string;
  /** The published schemas by name (Tag names and WorkflowFinish), as `allSchemas()` gives them. */
  schemas: ReadonlyMap<string, JsonSchema>;
  /** The moderation schemas by name (`ReviewImage.detail`), as `allReviewSchemas()` gives them. */
  reviewSchemas?: ReadonlyMap<string, JsonSchema>;
}

const CONTENT_TYPES: Record<Format, string> = { json: JSON_CONTENT_TYPE, xml: XML_CONTENT_TYPE };
const FORMAT_LABEL: Record<Format, string> = { json: 'JSON', xml: 'XML' };
const EXAMPLE_SEED = 1;

export function asyncApiDocument({ version, schemas, reviewSchemas }: AsyncApiOptions): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};
  for (const [name, schema] of schemas) {
    Object.assign(components, embedded(name, schema));
    for (const format of ['json', 'xml'] as const) {
      messages[messageId(name, format)] = message(name, format);
    }
  }
  for (const format of ['json', 'xml'] as const) components[headersId(format)] = headersSchema(format);
  if (reviewSchemas) {
    for (const { kind, form } of reviewForms()) {
      const name = reviewSchemaName(kind, form);
      const schema = reviewSchemas.get(name);
      if (!schema) throw new Error(`no moderation schema ${name}`);
      Object.assign(components, embedded(name, schema));
      messages[name] = reviewMessage(name, kind, form);
    }
    for (const form of ['simple', 'detail'] as const)
      components[reviewHeadersId(form)] = reviewHeadersSchema(form);
  }
  const refs = Object.fromEntries(
    Object.keys(messages).map((id) => [id, { $ref: `#/components/messages/${id}` }]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tencent Cloud CI (数据万象) callbacks',
      version,
      description:
        'What CI POSTs to the callback URL of a job, queue or workflow (CallBack, NotifyConfig.Url) when a job ends (TaskFinish, one message per Tag) or a workflow run ends (WorkflowFinish), as JSON or XML (CallBackFormat, ResultFormat); and, when content moderation is documented here, what it POSTs when a moderation job ends (ReviewImage … ReviewHtml, one message per kind and form, JSON only, the form named by X-Ci-Content-Version). Written by ci-callback-emitter from the same definitions its generators use.',
    },
    channels: {
      callback: {
        // The path is the receiver's own: whatever URL it gave CI.
        address: null,
        title: 'The callback URL',
        description: 'The receiver’s callback endpoint; every message arrives as the body of an HTTP POST.',
        messages: refs,
      },
    },
    operations: {
      receiveCallback: {
        action: 'receive',
        title: 'Receive a CI callback',
        channel: { $ref: '#/channels/callback' },
        bindings: { http: { method: 'POST' } },
        messages: Object.keys(messages).map((id) => ({ $ref: `#/channels/callback/messages/${id}` })),
      },
    },
    components: { schemas: components, messages },
  };
}

function messageId(name: string, format: Format): string {
  return `${name}.${format}`;
}

function headersId(format: Format): string {
  return `CallbackHeaders.${format}`;
}

function message(name: string, format: Format): JsonSchema {
  const event = name === 'WorkflowFinish' ? 'WorkflowFinish' : 'TaskFinish';
  const what = event === 'WorkflowFinish' ? 'a workflow run ended' : `a ${name} job ended`;
  const example = exampleBody(name, format);
  return {
    name: messageId(name, format),
    title: `${event === 'TaskFinish' ? `${name} TaskFinish` : 'WorkflowFinish'} (${FORMAT_LABEL[format]})`,
    summary: `${event}: ${what}, as ${FORMAT_LABEL[format]}.`,
    contentType: CONTENT_TYPES[format],
    headers: { $ref: `#/components/schemas/${headersId(format)}` },
    payload:
      format === 'json'
        ? { $ref: `#/components/schemas/${name}` }
        : {
            type: 'string',
            description: `The XML form of components.schemas.${name}: the same elements under a <Response> root, every value as text, a repeated element repeated (once for a list of one), an empty element written as <Name/> where JSON leaves it out.`,
          },
    examples: [
      {
        name: `seed-${EXAMPLE_SEED}`,
        summary: `Generated from seed ${EXAMPLE_SEED}`,
        headers: { 'Content-Type': CONTENT_TYPES[format] },
        payload: format === 'json' ? (JSON.parse(example) as unknown) : example,
      },
    ],
    bindings: { http: { headers: { $ref: `#/components/schemas/${headersId(format)}` } } },
  };
}

function exampleBody(name: string, format: Format): string {
  if (name === 'WorkflowFinish') {
    return generateWorkflowFinish({ tags: ['Transcode', 'Snapshot'], format, seed: EXAMPLE_SEED }).body;
  }
  return generate({ tag: name, format, seed: EXAMPLE_SEED }).body;
}

const ATTEMPT_HEADER_SCHEMA = {
  type: 'string',
  pattern: '^[1-9][0-9]*$',
  description:
    'Sent by ci-callback-emitter only when asked (off by default; CI sends no such header): which delivery attempt this is, from 1. A receiver must not depend on it.',
};

function headersSchema(format: Format): JsonSchema {
  return {
    type: 'object',
    properties: {
      'Content-Type': { type: 'string', const: CONTENT_TYPES[format] },
      [ATTEMPT_HEADER]: ATTEMPT_HEADER_SCHEMA,
    },
    required: ['Content-Type'],
  };
}

function reviewHeadersId(form: CallbackVersion): string {
  return `ReviewHeaders.${form}`;
}

/** A moderation callback's headers: JSON, and the form it is in. */
function reviewHeadersSchema(form: CallbackVersion): JsonSchema {
  return {
    type: 'object',
    properties: {
      'Content-Type': { type: 'string', const: JSON_CONTENT_TYPE },
      [CONTENT_VERSION_HEADER]: {
        type: 'string',
        const: CONTENT_VERSION[form],
        description: 'The body form: Simple ({code, message, data}) or Detail ({EventName, JobsDetail}).',
      },
      [ATTEMPT_HEADER]: ATTEMPT_HEADER_SCHEMA,
    },
    required: ['Content-Type', CONTENT_VERSION_HEADER],
  };
}

/** A moderation kind's message in one form: JSON only, its example a violation (seed 1). */
function reviewMessage(name: string, kind: ReviewKind, form: CallbackVersion): JsonSchema {
  const review = generateReview({
    review: kind,
    callbackVersion: form,
    result: 'violation',
    seed: EXAMPLE_SEED,
  });
  const event = review.document['EventName'] ?? (review.document['data'] as { event: string }).event;
  const headers = { $ref: `#/components/schemas/${reviewHeadersId(form)}` };
  return {
    name,
    title: `${name}: ${String(event)} (${CONTENT_VERSION[form]})`,
    summary: `${String(event)}: a ${kind} moderation job ended, in the ${CONTENT_VERSION[form]} form.`,
    contentType: JSON_CONTENT_TYPE,
    headers,
    payload: { $ref: `#/components/schemas/${name}` },
    examples: [
      {
        name: `seed-${EXAMPLE_SEED}`,
        summary: `Generated from seed ${EXAMPLE_SEED}, a violation`,
        headers: { 'Content-Type': JSON_CONTENT_TYPE, ...review.headers },
        payload: review.document,
      },
    ],
    bindings: { http: { headers } },
  };
}

/**
 * A schema and its `$defs` as `components.schemas` entries: `<name>` itself and `<name>.<def>` for each
 * definition, every `#/$defs/<def>` reference pointed at the lifted entry. `$schema` is dropped: the document
 * says what its schemas are.
 */
function embedded(name: string, schema: JsonSchema): Record<string, JsonSchema> {
  const { $schema: _dialect, $defs, ...root } = schema;
  const entries: Record<string, JsonSchema> = { [name]: relocate(root, name) as JsonSchema };
  for (const [def, body] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    entries[`${name}.${def}`] = relocate(body, name) as JsonSchema;
  }
  return entries;
}

function relocate(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((item) => relocate(item, name));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')
        ? `#/components/schemas/${name}.${child.slice('#/$defs/'.length)}`
        : relocate(child, name);
  }
  return copy;
}
