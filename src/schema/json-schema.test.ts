import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { UNSEEN_SEEDS } from '../../test/support/unseen-seeds.ts';
import { toJsonValue } from '../core/render-json.ts';
import { parseXml } from '../core/render-xml.ts';
import { JSON_SHAPES, STATES, TRIGGERS } from '../core/types.ts';
import { contractVariants } from '../pact/variants.ts';
import { generate } from '../payloads/generate.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import { TAGS } from '../tags/index.ts';
import { allSchemas, schemaForTag, workflowFinishJsonSchema } from './schemas.ts';

const REFERENCE = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url));

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

function problems(validate: ValidateFunction, body: unknown): string {
  if (validate(body)) return '';
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

const validators = new Map(TAGS.map((def) => [def.tag, compile(schemaForTag(def.tag))]));
const validatorOf = (tag: string) => validators.get(tag) as ValidateFunction;

/** A body of `tag` as JSON, parsed. */
const jsonBody = (tag: string, options: Omit<Parameters<typeof generate>[0], 'tag' | 'format'> = {}) =>
  JSON.parse(generate({ tag, format: 'json', seed: 1, ...options }).body) as Record<string, unknown>;

describe('JSON Schema per Tag', () => {
  it('compiles under draft 2020-12 in strict mode, for every Tag and WorkflowFinish', () => {
    const names = [...allSchemas().keys()];
    assert.deepEqual(names, [...TAGS.map((def) => def.tag), 'WorkflowFinish']);
    for (const schema of allSchemas().values()) compile(schema);
  });

  it('accepts every body the emitter sends: Tags × trigger × state × JSON shape × unseen seeds', () => {
    let validated = 0;
    const refused: string[] = [];
    for (const def of TAGS) {
      const validate = validatorOf(def.tag);
      for (const trigger of TRIGGERS) {
        for (const state of STATES) {
          for (const jsonShape of JSON_SHAPES) {
            for (const seed of UNSEEN_SEEDS) {
              const body = jsonBody(def.tag, { trigger, state, jsonShape, seed });
              const problem = problems(validate, body);
              if (problem)
                refused.push(`${def.tag} ${trigger} ${state} ${jsonShape} seed ${seed}: ${problem}`);
              validated++;
            }
          }
        }
      }
    }
    assert.deepEqual(refused.slice(0, 5), []);
    assert.equal(validated, TAGS.length * 2 * 2 * 3 * UNSEEN_SEEDS.length);
  });

  it("accepts the contract's variants: lists of one (bare values) and lists of many (arrays), in every JSON shape", () => {
    const refused: string[] = [];
    const variants = contractVariants().filter((v) => v.format === 'json');
    for (const variant of variants) {
      for (const jsonShape of JSON_SHAPES) {
        const body = jsonBody(variant.tag, { ...variant, jsonShape });
        const problem = problems(validatorOf(variant.tag), body);
        if (problem) refused.push(`${variant.tag} ${variant.lists ?? ''} ${jsonShape}: ${problem}`);
      }
    }
    assert.deepEqual(refused, []);
    assert.ok(variants.some((v) => v.lists === 'one') && variants.some((v) => v.lists === 'many'));
  });

  it("accepts CI's published examples (fixtures/reference), XML converted as CI converts it", () => {
    const refused: string[] = [];
    for (const tag of readdirSync(REFERENCE).filter((name) => validators.has(name))) {
      for (const file of readdirSync(join(REFERENCE, tag))) {
        const body = readFileSync(join(REFERENCE, tag, file), 'utf8');
        const document = file.endsWith('.xml') ? toJsonValue(parseXml(body)) : JSON.parse(body);
        const problem = problems(validatorOf(tag), document);
        if (problem) refused.push(`${tag}/${file}: ${problem}`);
      }
    }
    assert.deepEqual(refused, []);
  });

  describe('refuses what is not a callback of its Tag', () => {
    const detail = (body: Record<string, unknown>) => body['JobsDetail'] as Record<string, unknown>;
    // Each starts from a body the schema accepts (the test above), so the change made is what is refused.
    const refuses = (tag: string, body: unknown) => {
      assert.notEqual(problems(validatorOf(tag), body), '', 'accepted');
    };

    it('a body without JobId', () => {
      const body = jsonBody('SmartCover');
      delete detail(body)['JobId'];
      refuses('SmartCover', body);
    });

    it("another Tag's name, and another Tag's body", () => {
      const body = jsonBody('SmartCover');
      detail(body)['Tag'] = 'Snapshot';
      refuses('SmartCover', body);
      refuses('SmartCover', jsonBody('Snapshot'));
    });

    it('an object where a string belongs', () => {
      const body = jsonBody('Transcode');
      detail(body)['JobId'] = { Id: 'j0' };
      refuses('Transcode', body);
    });

    it('an unknown EventName', () => {
      const body = jsonBody('Transcode');
      body['EventName'] = 'TaskStart';
      refuses('Transcode', body);
    });

    it("a JobId of another family's letter, a time without CI's offset, a number as a number", () => {
      const wrongLetter = jsonBody('Transcode');
      detail(wrongLetter)['JobId'] = `a${(detail(wrongLetter)['JobId'] as string).slice(1)}`;
      refuses('Transcode', wrongLetter);
      const wrongTime = jsonBody('Transcode');
      detail(wrongTime)['EndTime'] = '2025-01-01T10:00:00Z';
      refuses('Transcode', wrongTime);
      const number = jsonBody('SmartCover');
      const operation = detail(number)['Operation'] as Record<string, Record<string, unknown>>;
      (operation['SmartCover'] as Record<string, unknown>)['Count'] = 3;
      refuses('SmartCover', number);
    });

    it('a successful job without its result, a failed one that claims Success, an element CI never sends', () => {
      const noResult = jsonBody('QualityEstimate');
      delete (detail(noResult)['Operation'] as Record<string, unknown>)['QualityEstimate'];
      refuses('QualityEstimate', noResult);
      const failed = jsonBody('QualityEstimate', { state: 'failed' });
      detail(failed)['Code'] = 'Success';
      refuses('QualityEstimate', failed);
      const extra = jsonBody('QualityEstimate');
      detail(extra)['Priority'] = '1';
      refuses('QualityEstimate', extra);
    });

    it('a JobsDetail array of two jobs, and an empty one', () => {
      const body = jsonBody('SmartCover', { jsonShape: 'array' });
      const [job] = body['JobsDetail'] as unknown[];
      refuses('SmartCover', { ...body, JobsDetail: [job, job] });
      refuses('SmartCover', { ...body, JobsDetail: [] });
    });
  });
});

describe('JSON Schema of WorkflowFinish', () => {
  const validate = compile(workflowFinishJsonSchema());

  it('accepts runs of every Tag, alone and together, in both states and with or without Response', () => {
    const refused: string[] = [];
    for (const def of TAGS) {
      for (const state of STATES) {
        for (const jsonShape of JSON_SHAPES) {
          const seed = UNSEEN_SEEDS[0] as number;
          const body = generateWorkflowFinish({
            tags: [def.tag],
            state,
            seed,
            jsonShape,
            format: 'json',
          }).body;
          const problem = problems(validate, JSON.parse(body));
          if (problem) refused.push(`${def.tag} ${state} ${jsonShape}: ${problem}`);
        }
      }
    }
    const run = generateWorkflowFinish({
      tags: ['Transcode', 'Snapshot', 'SmartCover'],
      format: 'json',
      seed: 9,
    });
    assert.equal(problems(validate, JSON.parse(run.body)), '');
    assert.deepEqual(refused, []);
  });

  it('refuses a TaskFinish body, and a run without its Tasks', () => {
    assert.notEqual(problems(validate, jsonBody('Transcode')), '');
    const body = JSON.parse(generateWorkflowFinish({ tags: ['Transcode'], format: 'json', seed: 2 }).body);
    delete body.WorkflowExecution.Tasks;
    assert.notEqual(problems(validate, body), '');
  });
});
