/**
 * Golden tests against the official examples (fixtures/reference/, copied from ../shared/reference/tencent-ci-docs).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseXml } from '../src/core/render-xml.ts';
import type { Format, Trigger } from '../src/core/types.ts';
import { generate } from '../src/generate.ts';
import { findTag } from '../src/registry.ts';
import { pathKinds, xmlAsJson } from './support/payload.ts';

const REFERENCE = new URL('../fixtures/reference/', import.meta.url);

const EXAMPLES: { tag: string; trigger: Trigger; format: Format }[] = [
  { tag: 'SpeechRecognition', trigger: 'direct', format: 'xml' },
  { tag: 'SpeechRecognition', trigger: 'workflow', format: 'xml' },
  { tag: 'SpeechRecognition', trigger: 'workflow', format: 'json' },
  { tag: 'SmartCover', trigger: 'direct', format: 'xml' },
  { tag: 'SmartCover', trigger: 'workflow', format: 'xml' },
  { tag: 'SmartCover', trigger: 'workflow', format: 'json' },
  { tag: 'SoundHound', trigger: 'direct', format: 'xml' },
  { tag: 'SoundHound', trigger: 'direct', format: 'json' },
  { tag: 'WordsGeneralize', trigger: 'direct', format: 'xml' },
  { tag: 'WordsGeneralize', trigger: 'direct', format: 'json' },
];

/**
 * Fields where a documented example contradicts its twin and the SDKs, and we follow the others (see
 * fixtures/reference/README.md): the element must be there, its kind of value is ours.
 */
const DOC_CONTRADICTIONS: Record<string, string[]> = {
  'SoundHound/direct.xml': ['JobsDetail.Operation.SoundHoundResult.SongList.Inlier'],
};

function read(path: string): string {
  return readFileSync(new URL(path, REFERENCE), 'utf8');
}

function documentTree(path: string, format: Format): unknown {
  return format === 'xml' ? parseXml(read(path)) : JSON.parse(read(path));
}

describe('generated payloads carry every element of the documented examples', () => {
  for (const { tag, trigger, format } of EXAMPLES) {
    const path = `${tag}/${trigger}.${format}`;
    it(`${path}: same element paths with the same kind of value, over 25 seeds`, () => {
      const documented = pathKinds(documentTree(path, format));
      const skipKind = new Set(DOC_CONTRADICTIONS[path] ?? []);
      for (let seed = 1; seed <= 25; seed++) {
        const body = generate({ tag, trigger, format, seed }).body;
        const generated = pathKinds(format === 'xml' ? parseXml(body) : JSON.parse(body));
        for (const [element, kinds] of documented) {
          const ours = generated.get(element);
          assert.ok(ours, `seed ${seed}: ${element} is missing`);
          if (skipKind.has(element)) continue;
          for (const kind of ours) {
            assert.ok(kinds.has(kind), `seed ${seed}: ${element} is ${kind}, documented as ${[...kinds]}`);
          }
        }
      }
    });
  }
});

describe('a documented XML example rendered as JSON is the documented JSON example', () => {
  for (const tag of ['SpeechRecognition', 'SmartCover']) {
    it(tag, () => {
      const json = xmlAsJson(read(`${tag}/workflow.xml`), findTag(tag).jsonShape);
      assert.deepEqual(json, JSON.parse(read(`${tag}/workflow.json`)));
    });
  }
});

describe('the default JSON shape of each documented Tag is its sample’s', () => {
  for (const { tag, trigger } of EXAMPLES.filter((e) => e.format === 'json')) {
    it(tag, () => {
      const documented = JSON.parse(read(`${tag}/${trigger}.json`));
      const ours = JSON.parse(generate({ tag, trigger, format: 'json', seed: 1 }).body);
      assert.deepEqual(Object.keys(ours), Object.keys(documented));
      const detail = (doc: { Response?: { JobsDetail: unknown }; JobsDetail?: unknown }) =>
        (doc.Response ?? doc).JobsDetail;
      assert.equal(Array.isArray(detail(ours)), Array.isArray(detail(documented)));
    });
  }
});
