import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { TAGS } from '../tags/index.ts';
import { asyncApiDocument } from './asyncapi.ts';
import { reviewForms } from './review-infer.ts';
import { allReviewSchemas, allSchemas } from './schemas.ts';

interface Message {
  payload: { $ref?: string };
  headers: { $ref: string };
  examples: { payload: unknown; headers: Record<string, string> }[];
}

const document = asyncApiDocument({
  version: '1.2.3',
  schemas: allSchemas(),
  reviewSchemas: allReviewSchemas(),
});
/** One message per Tag and event in each format, and one per moderation kind and form (JSON only). */
const MESSAGES = (TAGS.length + 1) * 2 + reviewForms().length;

describe('AsyncAPI document', () => {
  it('parses with @asyncapi/parser (what Studio and the generator use) without errors', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    assert.deepEqual(errors, []);
    assert.ok(parsed, 'no document');
    assert.equal(parsed.version(), '3.0.0');
    const messages = parsed.allMessages();
    assert.equal(messages.length, MESSAGES);
    const liveDetail = messages.all().find((m) => m.id() === 'ReviewLive.detail');
    assert.equal(liveDetail?.contentType(), 'application/json');
    const liveHeaders = liveDetail?.headers()?.json() as
      | { properties: Record<string, { const?: string }> }
      | undefined;
    assert.equal(liveHeaders?.properties['X-Ci-Content-Version']?.const, 'Detail');
    assert.equal(
      messages
        .all()
        .filter((m) => m.id()?.startsWith('Review'))
        .every((m) => m.contentType() === 'application/json'),
      true,
    );
    const smartCover = messages.all().find((m) => m.id() === 'SmartCover.json');
    assert.equal(smartCover?.contentType(), 'application/json');
    assert.equal(
      messages
        .all()
        .find((m) => m.id() === 'WorkflowFinish.xml')
        ?.contentType(),
      'application/xml',
    );
  });

  it("validates each message's example against the payload and headers the document gives it (embedding kept the schemas whole)", () => {
    // The embedded schemas are AsyncAPI's default format (draft-07 keywords): checked with ajv's draft-07 build.
    const ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addSchema(document as object, 'asyncapi.json');
    const messages = (document['components'] as { messages: Record<string, Message> }).messages;
    let checked = 0;
    for (const [id, message] of Object.entries(messages)) {
      for (const example of message.examples) {
        const payload = ajv.compile({ $ref: `asyncapi.json${message.payload.$ref ?? ''}` });
        if (message.payload.$ref)
          assert.ok(payload(example.payload), `${id}: ${ajv.errorsText(payload.errors)}`);
        else assert.equal(typeof example.payload, 'string', id);
        const headers = ajv.getSchema(`asyncapi.json${message.headers.$ref}`);
        assert.ok(headers?.(example.headers), `${id} headers`);
        checked++;
      }
    }
    assert.equal(checked, MESSAGES);
    // A moderation example sent with the other form's header fails the headers the message names.
    const simpleHeaders = ajv.getSchema('asyncapi.json#/components/schemas/ReviewHeaders.simple');
    assert.equal(
      simpleHeaders?.({ 'Content-Type': 'application/json', 'X-Ci-Content-Version': 'Detail' }),
      false,
    );
    const image = ajv.getSchema('asyncapi.json#/components/schemas/ReviewImage.detail');
    const imageExample = messages['ReviewImage.detail']?.examples[0]?.payload as {
      JobsDetail: Record<string, unknown>;
    };
    assert.equal(
      image?.({ ...imageExample, JobsDetail: { ...imageExample.JobsDetail, Result: '1' } }),
      false,
    );
    // Broken bodies fail the embedded schema as they fail the published one.
    const smartCover = ajv.getSchema('asyncapi.json#/components/schemas/SmartCover');
    const example = messages['SmartCover.json']?.examples[0]?.payload as {
      JobsDetail: Record<string, unknown>;
    };
    assert.equal(smartCover?.({ ...example, JobsDetail: { ...example.JobsDetail, JobId: 5 } }), false);
  });

  it('gives JSON messages their schema, resolvable in the document, and names the attempt header', () => {
    const components = (document['components'] as { schemas: Record<string, unknown> }).schemas;
    const text = JSON.stringify(document);
    for (const match of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      assert.ok((match[1] as string) in components, `dangling reference to ${match[1]}`);
    }
    assert.ok(!text.includes('#/$defs/'), 'a reference left pointing at $defs');
    const headers = components['CallbackHeaders.json'] as { properties: Record<string, unknown> };
    assert.deepEqual(Object.keys(headers.properties), ['Content-Type', 'X-CI-Callback-Attempt']);
  });
});
