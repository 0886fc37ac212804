import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCallback } from '../../examples/receiver/callback.ts';
import { parseXml } from '../core/render-xml.ts';
import type { Job } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import {
  contentTypeCases,
  LARGE_WORDS,
  largeCases,
  malformedCases,
  meetsAcceptance,
  reorderedElementsCases,
  SPECIAL_OBJECT,
  SPECIAL_USER_DATA,
  specialCharsCases,
  UNKNOWN_ELEMENT,
  UNKNOWN_TAG,
  unknownFieldsCases,
  unknownTagCases,
} from './body-shapes.ts';

const xml = generate({ tag: 'Transcode', seed: 5 });
const json = generate({ tag: 'Transcode', seed: 5, format: 'json' });

function containers(tree: Job): Job[] {
  const found: Job[] = [tree];
  for (const value of Object.values(tree)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'object') found.push(...containers(item as Job));
    }
  }
  return found;
}

describe('body shapes', () => {
  it('malformed: every case is refused by a strict parser, in XML and JSON', () => {
    for (const callback of [xml, json]) {
      const cases = malformedCases(callback);
      assert.deepEqual(
        cases.map((c) => c.case),
        ['cut-short', 'unclosed-element', 'trailing-garbage', 'empty', 'wrong-root'],
      );
      for (const shaped of cases) {
        assert.notEqual(shaped.body, callback.body);
        assert.throws(() => parseCallback(callback.contentType, shaped.body), shaped.case);
      }
    }
  });

  it('unknown-fields: a new element at the end of every container, the rest untouched', () => {
    const [shaped] = unknownFieldsCases(xml);
    const tree = parseXml(shaped?.body ?? '');
    for (const container of containers(tree).filter((c) => c !== tree['FutureBlock'])) {
      assert.equal(Object.keys(container).at(-1) === UNKNOWN_ELEMENT || container === tree, true);
    }
    assert.equal((tree['JobsDetail'] as Job)['JobId'], xml.job['JobId']);
    assert.ok(tree['FutureBlock']);
  });

  it('reordered-elements: the same elements, each container reversed', () => {
    const [shaped] = reorderedElementsCases(xml);
    const tree = parseXml(shaped?.body ?? '');
    assert.deepEqual(Object.keys(tree), ['JobsDetail', 'EventName']);
    assert.deepEqual(Object.keys(tree['JobsDetail'] as Job), Object.keys(xml.job).reverse());
    const [jsonShaped] = reorderedElementsCases(json);
    assert.deepEqual(
      Object.keys(JSON.parse(jsonShaped?.body ?? '')),
      Object.keys(JSON.parse(json.body)).reverse(),
    );
  });

  it('unknown-tag and special-chars: values a receiver reads back exactly', () => {
    const [tagged] = unknownTagCases(xml);
    assert.equal((parseXml(tagged?.body ?? '')['JobsDetail'] as Job)['Tag'], UNKNOWN_TAG);
    const [special] = specialCharsCases(xml);
    assert.match(special?.body ?? '', /a&amp;b &lt;c&gt;/);
    const job = parseCallback('application/xml', special?.body ?? '').jobs[0] as Job;
    assert.equal((job['Input'] as Job)['Object'], SPECIAL_OBJECT);
    assert.equal((job['Operation'] as Job)['UserData'], SPECIAL_USER_DATA);
    const [specialJson] = specialCharsCases(json);
    const fromJson = parseCallback('application/json', specialJson?.body ?? '').jobs[0] as Job;
    assert.equal((fromJson['Input'] as Job)['Object'], SPECIAL_OBJECT);
  });

  it('content-type: the variants CI sends, then the mismatches', () => {
    const cases = contentTypeCases(xml);
    assert.deepEqual(
      cases.map((c) => [c.case, c.contentType, c.accepts]),
      [
        ['xml-charset', 'application/xml; charset=utf-8', '2xx'],
        ['text-xml', 'text/xml', '2xx'],
        ['json-charset', 'application/json; charset=UTF-8', '2xx'],
        ['missing', null, '2xx-or-4xx'],
        ['xml-as-json', 'application/json', '2xx-or-4xx'],
      ],
    );
    assert.equal(
      parseCallback('application/json', cases[2]?.body ?? '').jobs[0]?.['JobId'],
      xml.job['JobId'],
    );
    assert.ok(cases[4]?.body.startsWith('<Response>'));
  });

  it('large: several MiB of SpeechRecognition words', () => {
    const [shaped] = largeCases({ seed: 3, format: 'xml' });
    assert.ok(Buffer.byteLength(shaped?.body ?? '') > 4 * 1024 * 1024);
    const job = parseCallback('application/xml', shaped?.body ?? '').jobs[0] as Job;
    assert.equal(job['Tag'], 'SpeechRecognition');
    assert.match(shaped?.body ?? '', new RegExp(`<WordsNum>${LARGE_WORDS}</WordsNum>`));
  });

  it('acceptance: 5xx never passes', () => {
    for (const accepts of ['2xx', '4xx', '2xx-or-4xx', '2xx-or-413'] as const) {
      assert.equal(meetsAcceptance(500, accepts), false);
      assert.equal(meetsAcceptance(503, accepts), false);
    }
    assert.equal(meetsAcceptance(413, '2xx-or-413'), true);
    assert.equal(meetsAcceptance(400, '2xx'), false);
  });
});
