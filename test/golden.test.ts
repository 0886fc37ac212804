/**
 * Golden tests against the official examples (fixtures/reference/, copied from the official callback pages),
 * and, for Tags whose published callbacks are not copied here, against the elements those callbacks carry
 * (./support/published-elements.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseXml } from '../src/core/render-xml.ts';
import { FORMATS, type Format, type Job, TRIGGERS, type Trigger } from '../src/core/types.ts';
import { generate } from '../src/payloads/generate.ts';
import { findTag } from '../src/payloads/registry.ts';
import { pathKinds, xmlAsJson } from './support/payload.ts';
import { ENVELOPE, PUBLISHED, WORKFLOW } from './support/published-elements.ts';

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

/** JobsDetail of a parsed body, whatever its JSON shape (object, one-element array, under `Response`). */
function jobsDetail(document: { Response?: { JobsDetail: unknown }; JobsDetail?: unknown }): unknown {
  return (document.Response ?? document).JobsDetail;
}

describe('generated payloads carry every element of the published callbacks not copied here', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => i * 104_729 + 11);
  for (const { tag, elements, sometimes = {} } of PUBLISHED) {
    for (const trigger of TRIGGERS) {
      for (const format of FORMATS) {
        it(`${tag} ${trigger} ${format}: same element paths with a published kind of value, over ${seeds.length} seeds`, () => {
          const expected = { ...ENVELOPE, ...(trigger === 'workflow' ? WORKFLOW : {}), ...elements };
          const optional = (path: string) =>
            Object.keys(sometimes).some((at) => path === at || path.startsWith(`${at}.`));
          const missing = new Map<string, number>();
          for (const seed of seeds) {
            const body = generate({ tag, trigger, format, seed }).body;
            const generated = pathKinds(jobsDetail(format === 'xml' ? parseXml(body) : JSON.parse(body)));
            for (const [element, kinds] of Object.entries(expected)) {
              const ours = generated.get(element);
              if (!ours) {
                assert.ok(optional(element), `seed ${seed}: ${element} is missing`);
                missing.set(element, (missing.get(element) ?? 0) + 1);
                continue;
              }
              for (const kind of ours) {
                assert.ok(
                  kinds.split('|').includes(kind),
                  `seed ${seed}: ${element} is ${kind}, published as ${kinds}`,
                );
              }
            }
          }
          for (const [element, count] of missing) {
            assert.ok(
              count <= seeds.length / 3,
              `${element} is missing in ${count} of ${seeds.length} seeds`,
            );
          }
        });
      }
    }
  }
});

describe('the elements added for the published callbacks sit where those callbacks put them', () => {
  const job = (tag: string, seed = 1, trigger: Trigger = 'direct') => generate({ tag, seed, trigger }).job;
  const after = (keys: string[], name: string) => keys.slice(keys.indexOf(name));

  it('Progress comes between State and SubTag (Transcode, SuperResolution) and is 100 on a finished job', () => {
    assert.deepEqual(after(Object.keys(job('Transcode')), 'State'), ['State', 'Progress', 'Tag']);
    assert.deepEqual(after(Object.keys(job('SuperResolution')), 'State'), [
      'State',
      'Progress',
      'SubTag',
      'Tag',
    ]);
    assert.equal(job('Transcode')['Progress'], '100');
    const failed = generate({ tag: 'Transcode', seed: 1, state: 'failed' }).job;
    assert.ok(Number(failed['Progress']) < 100, `a failed job stopped at ${failed['Progress']} %`);
  });

  it('DigitalWatermark: SubTag DigitalWatermark between State and Tag', () => {
    assert.deepEqual(after(Object.keys(job('DigitalWatermark')), 'State'), ['State', 'SubTag', 'Tag']);
    assert.equal(job('DigitalWatermark')['SubTag'], 'DigitalWatermark');
  });

  it('Segment: HlsEncrypt closes the Segment parameters, not encrypted, with an empty UriKey', () => {
    const segment = (job('Segment')['Operation'] as Job)['Segment'] as Job;
    assert.deepEqual(Object.keys(segment), ['Duration', 'Format', 'HlsEncrypt']);
    assert.deepEqual(segment['HlsEncrypt'], { IsHlsEncrypt: 'false', UriKey: '' });
  });

  it('VideoTag: SubErrCode and SubErrMsg open StreamData, and most jobs report 0 and ok', () => {
    const streams = Array.from({ length: 40 }, (_, seed) => {
      const result = (job('VideoTag', seed)['Operation'] as Job)['VideoTagResult'] as Job;
      return result['StreamData'] as Job;
    });
    for (const stream of streams) assert.deepEqual(Object.keys(stream), ['SubErrCode', 'SubErrMsg', 'Data']);
    const ok = streams.filter((s) => s['SubErrCode'] === '0' && s['SubErrMsg'] === 'ok').length;
    assert.ok(ok >= 30 && ok < 40, `${ok} of 40 jobs fully succeeded; partial failures must occur too`);
  });

  it('VoiceSeparate: a template job names its template after Output; a direct job may give parameters instead', () => {
    const operations = Array.from(
      { length: 40 },
      (_, seed) => job('VoiceSeparate', seed)['Operation'] as Job,
    );
    const byTemplate = operations.filter((operation) => 'TemplateId' in operation);
    assert.ok(byTemplate.length >= 24 && byTemplate.length < 40, `${byTemplate.length} of 40 by template`);
    assert.deepEqual(Object.keys(byTemplate[0] as Job), [
      'MediaInfo',
      'MediaResult',
      'Output',
      'TemplateId',
      'TemplateName',
      'UserData',
      'JobLevel',
    ]);
    const byParameters = operations.find((operation) => !('TemplateId' in operation)) as Job;
    assert.deepEqual(Object.keys(byParameters).slice(3), ['VoiceSeparate', 'UserData', 'JobLevel']);
    for (let seed = 0; seed < 40; seed++)
      assert.ok(
        'TemplateId' in (job('VoiceSeparate', seed, 'workflow')['Operation'] as Job),
        'a workflow node',
      );
  });
});
