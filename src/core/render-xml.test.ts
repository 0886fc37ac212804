import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml, renderXml } from './render-xml.ts';

describe('renderXml / parseXml', () => {
  const response = {
    EventName: 'TaskFinish',
    JobsDetail: { Message: '', Input: { Object: 'a&b<c>.mp4' }, ObjectName: ['0.jpg', '1.jpg'] },
  };

  it('renders CI-style XML: <Response> root, no declaration, empty elements self-closed, 4-space indent', () => {
    const xml = renderXml(response);
    assert.ok(xml.startsWith('<Response>\n    <EventName>TaskFinish</EventName>'));
    assert.ok(!xml.includes('<?xml'));
    assert.ok(xml.includes('        <Message/>'));
    assert.ok(xml.includes('<Object>a&amp;b&lt;c&gt;.mp4</Object>'));
    assert.ok(xml.includes('<ObjectName>0.jpg</ObjectName>'));
  });

  it('renders without any whitespace between elements when compact', () => {
    assert.ok(!/>\s+</.test(renderXml(response, { compact: true })));
  });

  it('parses back the same tree, repeated elements as arrays and entities decoded', () => {
    assert.deepEqual(parseXml(renderXml(response)), response);
  });

  it('refuses a document whose root is not <Response>', () => {
    assert.throws(() => parseXml('<Other><A>1</A></Other>'), /root element is <Other>/);
  });
});
