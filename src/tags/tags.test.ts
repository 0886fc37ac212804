/**
 * Every Tag × variant: the body parses, the envelope is right, XML and JSON of one seed agree, the Tag's
 * invariants hold over many seeds, lists take both JSON forms, and a seed always gives the same bytes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envelopeProblems, xmlAsJson } from '../../test/support/payload.ts';
import { leaves, select } from '../core/tree.ts';
import { FORMATS, type Job, type JobState, STATES, TRIGGERS, type Trigger } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { TAGS } from './index.ts';

const SEEDS = Array.from({ length: 60 }, (_, i) => i * 7919 + 3);
const VARIANTS = TRIGGERS.flatMap((trigger) => STATES.map((state) => ({ trigger, state })));

for (const def of TAGS) {
  describe(def.tag, () => {
    for (const { trigger, state } of VARIANTS) {
      it(`${trigger} · ${state}: envelope, XML ≡ JSON, and invariants over ${SEEDS.length} seeds`, () => {
        for (const seed of SEEDS) {
          const xml = generate({ tag: def.tag, format: 'xml', trigger, state, seed });
          const json = generate({ tag: def.tag, format: 'json', trigger, state, seed });
          assert.equal(xml.contentType, 'application/xml');
          assert.equal(json.contentType, 'application/json');
          assert.deepEqual(
            JSON.parse(json.body),
            xmlAsJson(xml.body, def.jsonShape),
            `seed ${seed}: XML ≠ JSON`,
          );
          const variant = { format: 'xml' as const, trigger, state };
          assert.deepEqual(envelopeProblems(xml.job, def, variant), [], `seed ${seed}`);
          for (const invariant of def.invariants) {
            const problem = invariant.check(xml.job, variant);
            assert.equal(problem, undefined, `seed ${seed}: ${invariant.name}: ${problem}`);
          }
        }
      });
    }

    it('each list has one element for some seeds and several for others', () => {
      for (const path of def.lists) {
        const lengths = new Set(
          SEEDS.map((seed) => Math.min(2, select(generate({ tag: def.tag, seed }).job, path).length)),
        );
        assert.ok(lengths.has(1) && lengths.has(2), `${path}: lengths seen ${[...lengths]}`);
      }
    });

    it('gives the same bytes for the same seed and options, and different jobs for different seeds', () => {
      for (const format of FORMATS) {
        const options = {
          tag: def.tag,
          format,
          trigger: 'workflow' as Trigger,
          state: 'success' as JobState,
        };
        assert.equal(generate({ ...options, seed: 42 }).body, generate({ ...options, seed: 42 }).body);
        assert.notEqual(
          generate({ ...options, seed: 42 }).job['JobId'],
          generate({ ...options, seed: 43 }).job['JobId'],
        );
      }
    });

    it('every invariant catches a broken payload (one changed value or one dropped list element)', () => {
      // Jobs with every list longer than one; an invariant about an optional part (a template, HDR) needs a job
      // that has it, so each invariant may be caught on any of a few such jobs.
      const seeds = SEEDS.filter((n) =>
        def.lists.every((path) => select(generate({ tag: def.tag, seed: n }).job, path).length > 1),
      ).slice(0, 5);
      assert.ok(seeds.length > 0, 'some seed has every list longer than one');
      const variant = { format: 'xml' as const, trigger: 'direct' as Trigger, state: 'success' as JobState };
      const broken = seeds.map((seed) => mutations(generate({ tag: def.tag, seed }).job, def.lists));
      for (const invariant of def.invariants) {
        const caught = broken.some((copies) =>
          copies.some((copy) => invariant.check(copy, variant) !== undefined),
        );
        assert.ok(caught, `'${invariant.name}' never fires (seeds ${seeds.join(', ')})`);
      }
    });
  });
}

/** Copies of a job, each with one leaf changed (numbers shifted, text extended) or one list element dropped. */
function mutations(job: Job, lists: readonly string[]): Job[] {
  const copies: Job[] = [];
  const leafCount = [...leaves(job)].length;
  for (const direction of [1, -1]) {
    for (let target = 0; target < leafCount; target++) {
      let index = 0;
      const copy = JSON.parse(JSON.stringify(job), (_key, value) => {
        if (typeof value !== 'string' || index++ !== target) return value;
        if (/^-?\d+$/.test(value)) return String(Number(value) + 17 * direction);
        if (/^-?\d+\.\d+$/.test(value)) return (Number(value) * (direction > 0 ? 3 : 1 / 3)).toFixed(4);
        return direction > 0 ? `${value}X` : value.slice(1);
      });
      copies.push(copy);
    }
  }
  for (const path of lists) {
    const copy = JSON.parse(JSON.stringify(job)) as Job;
    const names = path.split('.');
    const parent = select(copy, names.slice(0, -1).join('.'))[0] as Job;
    const list = parent[names.at(-1) as string];
    if (Array.isArray(list)) list.splice(1, 1);
    copies.push(copy);
  }
  return copies;
}
