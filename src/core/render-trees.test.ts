/**
 * The hand-written renderers against their references on arbitrary trees (fast-check): renderXml against
 * xmlbuilder2, renderJson against JSON.stringify(toJsonDocument(…)). The renderers write a body as pieces joined
 * once; these hold every path of that (empty elements and containers, repetitions with empty occurrences, text to
 * escape, depths and names met again in a later body) to the bytes the references write.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderXmlWithXmlbuilder2 } from '../../test/support/xmlbuilder2-render.ts';
import { renderJson, toJsonDocument } from './render-json.ts';
import { renderXml } from './render-xml.ts';
import { type Job, type JobValue, JSON_SHAPES } from './types.ts';

const names = fc.constantFrom(
  'A',
  'B',
  'JobsDetail',
  'EventName',
  'Message',
  'Md5Info',
  'x-y.z_1',
  '_n',
  'Response',
);

/** Text with what XML and JSON escape; `&` never starts entity-like text, which xmlbuilder2 leaves as it is. */
const xmlText = fc
  .array(fc.constantFrom('a', 'Z', '0', ' ', '<', '>', '& ', '"', "'", '\n', '\t', '中文', '😀', '/', '='), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));
/** Any text JSON can carry, lone surrogates and controls included. */
const jsonText = fc.oneof(xmlText, fc.string({ unit: 'binary', maxLength: 6 }), fc.constant(''));

/** Trees of those texts; `minLength` elements at the top. */
function trees(text: fc.Arbitrary<string>, minLength = 0): fc.Arbitrary<Job> {
  const container = (tie: (key: string) => fc.Arbitrary<unknown>, min: number) =>
    fc
      .uniqueArray(fc.tuple(names, tie('value') as fc.Arbitrary<JobValue>), {
        selector: ([name]) => name,
        minLength: min,
        maxLength: 4,
      })
      .map((entries) => Object.fromEntries(entries) as Job);
  return fc.letrec((tie) => ({
    occurrence: fc.oneof({ depthSize: 'small' }, text, fc.constant(''), tie('job')),
    value: fc.oneof(
      { depthSize: 'small' },
      tie('occurrence'),
      fc.array(tie('occurrence'), { minLength: 2, maxLength: 3 }),
    ),
    job: container(tie, 0),
    top: container(tie, minLength),
  })).top as fc.Arbitrary<Job>;
}

describe('renderers against their references, on arbitrary trees', () => {
  // (A document with no elements at all is `<Response>\n</Response>`, xmlbuilder2's `<Response/>`: never a body.)
  it('renderXml writes what xmlbuilder2 writes, pretty and compact', () => {
    fc.assert(
      fc.property(trees(xmlText, 1), fc.boolean(), (response, compact) => {
        assert.equal(renderXml(response, { compact }), renderXmlWithXmlbuilder2(response, { compact }));
      }),
      { numRuns: 1_000 },
    );
  });

  it('renderJson writes JSON.stringify(toJsonDocument(…)) in every shape, pretty and compact', () => {
    fc.assert(
      fc.property(
        trees(jsonText),
        fc.constantFrom(...JSON_SHAPES),
        fc.boolean(),
        (response, shape, compact) => {
          const expected = JSON.stringify(toJsonDocument(response, shape), null, compact ? undefined : 4);
          assert.equal(renderJson(response, shape, { compact }), expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('starts afresh after a render that threw (an element name XML cannot carry)', () => {
    assert.throws(() => renderXml({ A: { B: 'x', 'not a name': 'y' } }), /not an XML element name/);
    assert.equal(renderXml({ A: 'x' }, { compact: true }), '<Response><A>x</A></Response>');
  });
});
