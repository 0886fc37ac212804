import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { everyVariantResponse } from '../../test/support/payload.ts';
import { renderXmlWithXmlbuilder2 } from '../../test/support/xmlbuilder2-render.ts';
import { parseXml, renderXml } from './render-xml.ts';
import type { Job } from './types.ts';

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

  it('reads elements named like Object.prototype members as data, never as the prototype', () => {
    const job = parseXml(
      '<Response><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor><toString>a</toString><toString>b</toString></Response>',
    );
    assert.equal(Object.getPrototypeOf(job), Object.prototype);
    assert.deepEqual(Object.keys(job), ['__proto__', 'constructor', 'toString']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(job, '__proto__')?.value, { polluted: 'yes' });
    assert.equal(job['constructor'], 'c');
    assert.deepEqual(job['toString'], ['a', 'b']);
    assert.equal((job as Record<string, unknown>)['polluted'], undefined);
  });

  it('refuses a document whose root is not <Response>', () => {
    assert.throws(() => parseXml('<Other><A>1</A></Other>'), /root element is <Other>/);
  });
});

describe('parseXml refuses a body whose tags do not balance (the DOM parser alone would mend it)', () => {
  const refused: Array<[string, RegExp]> = [
    ['<Response><A>1</Response>', /<\/Response> where <\/A> was expected/],
    ['<Response><A>1</A>', /<Response> is never closed/],
    ['<Response><A>1</B></Response>', /<\/B> where <\/A> was expected/],
    ['<Response><A>1</A></Response>trailing', /text outside the root element: 'trailing'/],
    ['<Response><A>1</A></Response><X/>', /a second root element <X>/],
    ['<Response><A>1</A></Response></Response>', /<\/Response> closes no open element/],
    ['<Response><A>1 < 2</A></Response>', /a '<' that starts no complete tag/],
    ['<Response><!-- cut off', /'<!--' is never closed/],
  ];
  for (const [xml, message] of refused)
    it(`refuses ${xml}`, () => {
      assert.throws(
        () => parseXml(xml),
        (error: Error) => {
          assert.match(error.message, /^not a CI callback: the XML is not well-formed: /);
          assert.match(error.message, message);
          return true;
        },
      );
    });

  it('refuses every body cut short, wherever the cut falls (a truncated POST is not a callback)', () => {
    const xml = renderXml({
      EventName: 'TaskFinish',
      JobsDetail: { Code: 'Success', ObjectName: ['0.jpg', '1.jpg'] },
    });
    const lastTag = xml.lastIndexOf('<');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: lastTag }), (cut) => {
        assert.throws(() => parseXml(xml.slice(0, cut)), /not well-formed/);
      }),
      { numRuns: 300 },
    );
  });

  it('still reads a declaration, comments, CDATA holding tags, quoted > in attributes and an empty element', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- CI --><Response><A note="a>b">1</A><B><![CDATA[<not/a tag>]]></B><C/></Response>\n';
    assert.deepEqual(parseXml(xml), { A: '1', B: '<not/a tag>', C: '' });
  });
});

describe('renderXml writes byte for byte what xmlbuilder2 writes for the same tree', () => {
  const check = (response: Job) => {
    for (const compact of [false, true])
      assert.equal(renderXml(response, { compact }), renderXmlWithXmlbuilder2(response, { compact }));
  };

  it('for every Tag × trigger × state over several seeds, pretty and compact', () => {
    for (const response of everyVariantResponse([1, 2, 3])) check(response);
  });

  it('for markup characters, line breaks, Chinese text and empty containers', () => {
    check({
      EventName: 'a < b > c & d',
      JobsDetail: {
        A: '',
        B: {},
        C: { D: '' },
        E: ['x', ''],
        F: 'line\nbreak\r\n\ttab',
        G: '中文 “引号”',
        H: 'it\'s "q"',
      },
    });
  });

  it('escapes every & (xmlbuilder2 leaves entity-like text alone, which changes the value a receiver reads)', () => {
    const response = { EventName: 'TaskFinish', JobsDetail: { Message: 'a &amp; b' } };
    assert.ok(renderXml(response).includes('<Message>a &amp;amp; b</Message>'));
    assert.deepEqual(parseXml(renderXml(response)), response);
    const numeric = { Message: 'x &#38; y' };
    assert.ok(renderXml(numeric).includes('<Message>x &amp;#38; y</Message>'));
  });

  it('refuses an element name XML cannot carry, as xmlbuilder2 did', () => {
    assert.throws(() => renderXml({ 'a b': 'x' }), /'a b' is not an XML element name/);
    assert.throws(() => renderXml({ A: { '<x>': '1' } }), /is not an XML element name/);
  });
});
