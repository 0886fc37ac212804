import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';
import { select } from '../core/tree.ts';
import { JSON_SHAPES, STATES, TRIGGERS } from '../core/types.ts';
import { contractVariants } from '../pact/variants.ts';
import { generate } from '../payloads/generate.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import { TAGS } from '../tags/index.ts';
import { type CiCallback, parseCallback } from './parse-callback.ts';
import { TASK_FINISH_LIST_PATHS } from './types.generated.ts';

const REFERENCE = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url));
const REFERENCE_TAGS = ['SmartCover', 'SoundHound', 'SpeechRecognition', 'WordsGeneralize'];

type Options = Omit<Parameters<typeof generate>[0], 'format' | 'jsonShape'>;

/** The XML body and each JSON shape of one callback, parsed. */
function everyForm(options: Options): { xml: CiCallback; json: CiCallback[] } {
  const xml = generate({ ...options, format: 'xml' });
  return {
    xml: parseCallback(xml.body, { contentType: xml.contentType }),
    json: JSON_SHAPES.map((jsonShape) => {
      const json = generate({ ...options, format: 'json', jsonShape });
      return parseCallback(json.body, { contentType: `${json.contentType}; charset=utf-8` });
    }),
  };
}

describe('parseCallback', () => {
  it('gives deep-equal objects for the XML and every JSON shape of one callback, for every Tag and variant', () => {
    let compared = 0;
    for (const def of TAGS) {
      for (const trigger of TRIGGERS) {
        for (const state of STATES) {
          for (const seed of [1, 2, 3]) {
            const { xml, json } = everyForm({ tag: def.tag, trigger, state, seed });
            for (const parsed of json)
              assert.deepEqual(parsed, xml, `${def.tag} ${trigger} ${state} seed ${seed}`);
            compared++;
          }
        }
      }
    }
    assert.equal(compared, TAGS.length * 12);
  });

  it("makes every repeated element an array, for the contract's lists of one and of many", () => {
    for (const variant of contractVariants().filter((v) => v.format === 'xml' && v.lists)) {
      const { xml, json } = everyForm(variant);
      for (const parsed of json) assert.deepEqual(parsed, xml);
      assert.ok(xml.event === 'TaskFinish');
      for (const path of TASK_FINISH_LIST_PATHS[xml.tag]) {
        const [parent, name] = [path.split('.').slice(0, -1).join('.'), path.split('.').at(-1) as string];
        const holders = parent ? select(xml.job as never, parent) : [xml.job];
        for (const holder of holders) {
          const value = (holder as Record<string, unknown>)[name];
          if (value !== undefined) assert.ok(Array.isArray(value), `${variant.tag} ${path} is not an array`);
        }
      }
    }
  });

  it('returns the event, the Tag and the job, narrowed by Tag', () => {
    const parsed = parseCallback(generate({ tag: 'SmartCover', seed: 4, format: 'json' }).body, {
      contentType: 'application/json',
    });
    assert.equal(parsed.event, 'TaskFinish');
    if (parsed.event !== 'TaskFinish' || parsed.tag !== 'SmartCover') assert.fail('not SmartCover');
    // Compiles only because `tag` narrowed `job`: SmartCover's Operation has SmartCover and MediaResult.
    const count = Number(parsed.job.Operation.SmartCover.Count);
    const names = parsed.job.Operation.MediaResult?.OutputFile.ObjectName ?? [];
    assert.equal(names.length, count);
    // @ts-expect-error Transcode's Operation has no SmartCover: the type knows the Tag.
    const _wrong = (parsed as CiCallback & { tag: 'Transcode' }).job.Operation.SmartCover;
  });

  it('parses WorkflowFinish in XML and JSON (Tasks always a list) alike', () => {
    const options = { tags: ['Transcode'], seed: 6 };
    const xml = parseCallback(generateWorkflowFinish({ ...options, format: 'xml' }).body);
    const json = parseCallback(
      generateWorkflowFinish({ ...options, format: 'json', jsonShape: 'wrapped' }).body,
    );
    assert.deepEqual(json, xml);
    assert.ok(xml.event === 'WorkflowFinish');
    assert.equal(xml.execution.Tasks.length, 1);
  });

  it("parses CI's published examples, a JSON one without a Tag by its Operation's parameter element", () => {
    for (const tag of REFERENCE_TAGS) {
      for (const file of readdirSync(join(REFERENCE, tag))) {
        const parsed = parseCallback(readFileSync(join(REFERENCE, tag, file), 'utf8'));
        assert.ok(parsed.event === 'TaskFinish' && parsed.tag === tag, `${tag}/${file}`);
      }
    }
    const words = parseCallback(readFileSync(join(REFERENCE, 'WordsGeneralize', 'direct.json'), 'utf8'));
    assert.ok(words.event === 'TaskFinish' && words.tag === 'WordsGeneralize');
    assert.equal(words.job.Tag, undefined, 'the sample has no Tag: none is made up');
  });

  describe('refuses a body that is not a CI callback, naming the element', () => {
    const refuses = (body: string, contentType: string | undefined, message: RegExp, field: string) => {
      assert.throws(
        () => parseCallback(body, contentType === undefined ? {} : { contentType }),
        (error: unknown) => {
          assert.ok(error instanceof InputError, String(error));
          assert.match(error.message, message);
          assert.equal(error.field, field);
          return true;
        },
      );
    };
    const json = JSON.parse(generate({ tag: 'Transcode', seed: 1, format: 'json' }).body);

    it('not JSON, not XML, another root element', () => {
      refuses('{"EventName":', 'application/json', /not a CI callback: not JSON/, 'body');
      refuses(
        '<Error><Code>x</Code></Error>',
        'application/xml',
        /root element is <Error>, not <Response>/,
        'body',
      );
      refuses('[1]', undefined, /the JSON body is not an object/, 'body');
    });

    it('an unknown event, an unknown Tag, no JobId', () => {
      refuses(
        JSON.stringify({ ...json, EventName: 'TaskStart' }),
        undefined,
        /EventName 'TaskStart' is not a CI callback event; accepted: TaskFinish, WorkflowFinish/,
        'body.EventName',
      );
      const otherTag = { ...json, JobsDetail: { ...json.JobsDetail, Tag: 'Transcoding' } };
      refuses(
        JSON.stringify(otherTag),
        undefined,
        /JobsDetail.Tag 'Transcoding' is not a Tag; accepted: SpeechRecognition/,
        'body.JobsDetail.Tag',
      );
      const { JobId: _id, ...noJobId } = json.JobsDetail;
      refuses(
        JSON.stringify({ ...json, JobsDetail: noJobId }),
        undefined,
        /JobsDetail.JobId is missing/,
        'body.JobsDetail.JobId',
      );
    });

    it('a number where CI sends a string, two jobs in one body, an unknown content type', () => {
      const number = { ...json, JobsDetail: { ...json.JobsDetail, Code: 0 } };
      refuses(
        JSON.stringify(number),
        undefined,
        /JobsDetail.Code is a number: CI sends every value as a string/,
        'body.JobsDetail.Code',
      );
      const two = { ...json, JobsDetail: [json.JobsDetail, json.JobsDetail] };
      refuses(JSON.stringify(two), undefined, /JobsDetail lists 2 jobs/, 'body.JobsDetail');
      refuses(
        '{}',
        'text/plain',
        /unknown content type 'text\/plain'; accepted: application\/json, application\/xml, text\/xml/,
        'contentType',
      );
    });
  });
});
