import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser } from '@asyncapi/parser';
import { TAGS } from '../tags/index.ts';
import { asyncApiDocument } from './asyncapi.ts';
import { allSchemas } from './schemas.ts';

const document = asyncApiDocument({ version: '1.2.3', schemas: allSchemas() });

describe('AsyncAPI document', () => {
  it('parses with @asyncapi/parser (what Studio and the generator use) without errors', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    assert.deepEqual(errors, []);
    assert.ok(parsed, 'no document');
    assert.equal(parsed.version(), '3.0.0');
    // One message per Tag and event, in each format.
    const messages = parsed.allMessages();
    assert.equal(messages.length, (TAGS.length + 1) * 2);
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
