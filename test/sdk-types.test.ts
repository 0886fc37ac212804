/**
 * Every body decodes in a receiver built on Tencent's typed SDK structs: each Tag × trigger × state over many
 * seeds, and WorkflowFinish runs, checked against fixtures/reference/sdk-types.json (the Go SDK's notify-body
 * structs). Then the check itself is shown to fire on every kind of break.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml } from '../src/core/render-xml.ts';
import { leaves } from '../src/core/tree.ts';
import { type Job, STATES, TRIGGERS } from '../src/core/types.ts';
import { WORKFLOW_FINISH_EXAMPLES } from '../src/payloads/corpus.ts';
import { generate } from '../src/payloads/generate.ts';
import { findTag } from '../src/payloads/registry.ts';
import { generateWorkflowFinish } from '../src/payloads/workflow-finish.ts';
import { TAGS } from '../src/tags/index.ts';
import {
  type GoField,
  LISTS_IN_OTHER_SDKS,
  SDK_TYPES,
  type SdkProblem,
  scalarProblem,
  sdkRootsFor,
  sdkTypeProblems,
} from './support/sdk-types.ts';

const SEEDS = Array.from({ length: 100 }, (_, i) => i * 6_151 + 17);
const NOTIFY = SDK_TYPES.roots['MediaProcessJobsNotifyBody'];
const WORKFLOW = SDK_TYPES.roots['WorkflowExecutionNotifyBody'];
const options = { listsElsewhere: LISTS_IN_OTHER_SDKS };

function root(name: string) {
  const found = SDK_TYPES.roots[name];
  assert.ok(found, `sdk-types.json has no root ${name}`);
  return found;
}

/** Problems of one TaskFinish XML body against every SDK struct its Tag is read into. */
function taskFinishProblems(tag: string, body: string): SdkProblem[] {
  const response = parseXml(body);
  return sdkRootsFor(findTag(tag)).flatMap((name) =>
    sdkTypeProblems(response, root(name), options).map((p) => ({ ...p, reason: `${name}: ${p.reason}` })),
  );
}

function describeProblems(where: string, problems: SdkProblem[]): string {
  return problems.map((p) => `${where}: ${p.path} = "${p.value}": ${p.reason}`).join('\n');
}

describe('TaskFinish bodies decode into the SDK’s typed structs', () => {
  it('the table is the Go SDK’s, with the roots the check relies on', () => {
    assert.equal(SDK_TYPES.header.sdk, 'tencentyun/cos-go-sdk-v5');
    assert.match(SDK_TYPES.header.commit, /^[0-9a-f]{40}$/);
    assert.ok(NOTIFY && WORKFLOW);
    for (const def of TAGS) for (const name of sdkRootsFor(def)) root(name);
  });

  for (const def of TAGS) {
    it(`${def.tag}: ${TRIGGERS.length * STATES.length} variants × ${SEEDS.length} seeds`, () => {
      for (const trigger of TRIGGERS) {
        for (const state of STATES) {
          for (const seed of SEEDS) {
            const { body } = generate({ tag: def.tag, trigger, state, seed });
            const problems = taskFinishProblems(def.tag, body);
            assert.equal(
              problems.length,
              0,
              describeProblems(`${def.tag} ${trigger}-${state} seed ${seed}`, problems),
            );
          }
        }
      }
    });
  }
});

describe('WorkflowFinish bodies decode into WorkflowExecutionNotifyBody, and their TaskFinish bodies too', () => {
  const runs = [
    ...WORKFLOW_FINISH_EXAMPLES.map(({ tags, state }) => ({ tags, state })),
    ...TAGS.flatMap((def) => STATES.map((state) => ({ tags: [def.tag], state }))),
  ];
  it(`${runs.length} runs (every Tag alone and the corpus examples, both states) × 5 seeds`, () => {
    for (const { tags, state } of runs) {
      for (const seed of SEEDS.slice(0, 5)) {
        const result = generateWorkflowFinish({ tags, state, seed });
        const where = `WorkflowFinish [${tags.join(', ')}] ${state} seed ${seed}`;
        const problems = sdkTypeProblems(parseXml(result.body), root('WorkflowExecutionNotifyBody'), options);
        assert.equal(problems.length, 0, describeProblems(where, problems));
        result.taskFinish.forEach((task, i) => {
          const taskProblems = taskFinishProblems(tags[i] as string, task.body);
          assert.equal(taskProblems.length, 0, describeProblems(`${where}, node ${i}`, taskProblems));
        });
      }
    }
  });
});

describe('the SDK-types check fires', () => {
  const paths = root('MediaProcessJobsNotifyBody').paths;
  const fields = (kind: GoField['kind']) =>
    Object.entries(paths).filter(([, field]) => field.kind === kind && !field.repeated);

  it('on the bodies the SDK rejected: SoundHound’s Inlier 0.98 and DNA’s times in seconds', () => {
    const body = generate({ tag: 'SoundHound', seed: 1 }).body.replace(/<Inlier>\d+</, '<Inlier>0.98<');
    assert.deepEqual(
      taskFinishProblems('SoundHound', body).map((p) => [p.path, p.value]),
      [
        ['Response/JobsDetail/Operation/SoundHoundResult/SongList/Inlier', '0.98'],
        ['Response/JobsDetail/Operation/SoundHoundResult/SongList/Inlier', '0.98'],
      ],
      'once per struct SoundHound is read into (notify body and ASR job)',
    );
    const dna = generate({ tag: 'DNA', seed: 1 }).body.replace(
      /<Duration>(\d+)<\/Duration>/,
      '<Duration>$1.5</Duration>',
    );
    const [problem] = taskFinishProblems('DNA', dna);
    assert.match(problem?.path ?? '', /DnaResult\/(Detection\/)?Duration$/);
    assert.match(problem?.reason ?? '', /ParseInt/);
  });

  it('on every typed leaf of every Tag’s body when its text is not what the type parses', () => {
    const broken: Record<string, string> = { int: '1.5', uint: '-1', float: 'ten', bool: 'yes' };
    let checked = 0;
    for (const def of TAGS) {
      const response = parseXml(generate({ tag: def.tag, trigger: 'workflow', seed: 5 }).body);
      for (const [path, value] of leaves(response)) {
        const field = paths[`Response/${path.replaceAll('.', '/')}`];
        const replacement = field && broken[field.kind];
        if (replacement === undefined || value === '') continue;
        const copy = structuredClone(response);
        setFirstLeaf(copy, path.split('.'), replacement);
        const problems = sdkTypeProblems(copy, NOTIFY as NonNullable<typeof NOTIFY>, options);
        assert.ok(
          problems.some((p) => p.path === `Response/${path.replaceAll('.', '/')}` && p.value === replacement),
          `${def.tag}: ${path}=${replacement} is not reported`,
        );
        checked++;
      }
    }
    assert.ok(checked > 50, `only ${checked} typed leaves were broken`);
  });

  it('on an element repeated where the SDK keeps one, unless another SDK lists it', () => {
    const response: Job = {
      EventName: 'TaskFinish',
      JobsDetail: { Operation: { DnaResult: { Detection: [{ Duration: '1' }, { Duration: '2' }] } } },
    };
    const notify = NOTIFY as NonNullable<typeof NOTIFY>;
    assert.deepEqual(
      sdkTypeProblems(response, notify, options).map((p) => p.path),
      ['Response/JobsDetail/Operation/DnaResult/Detection'],
    );
    const songs: Job = {
      JobsDetail: { Operation: { SoundHoundResult: { SongList: [{ Inlier: '98' }, { Inlier: '70' }] } } },
    };
    assert.deepEqual(sdkTypeProblems(songs, notify, options), []);
    assert.equal(sdkTypeProblems(songs, notify).length, 1, 'without the exception the Go SDK keeps one');
    const cosHeaders: Job = { JobsDetail: { Input: { CosHeaders: [{ Key: 'a' }, { Key: 'b' }] } } };
    assert.deepEqual(sdkTypeProblems(cosHeaders, notify), [], 'a slice takes every occurrence');
  });

  it('on text where the SDK reads a struct and on children where it reads text; not on unknown elements', () => {
    const notify = NOTIFY as NonNullable<typeof NOTIFY>;
    const problems = sdkTypeProblems(
      {
        JobsDetail: {
          Operation: { DnaResult: 'done', JobLevel: { Level: '1' }, SDRtoHDR: { Enable: 'yes' } },
        },
      },
      notify,
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['Response/JobsDetail/Operation/DnaResult', 'Response/JobsDetail/Operation/JobLevel'],
    );
    assert.deepEqual(sdkTypeProblems({ JobsDetail: { NotInTheSdk: { Inlier: 'x' } } }, notify), []);
  });

  it('by Go’s strconv rules for each kind, empty text being the zero value', () => {
    const accepts = (kind: GoField['kind'], text: string, bits?: number) =>
      scalarProblem(text, { kind, ...(bits ? { bits } : {}) }) === undefined;
    for (const text of ['0', '98', '-5', '+5', '', '9223372036854775807'])
      assert.ok(accepts('int', text), text);
    for (const text of ['0.98', ' 12', '1e3', '0x10', '1_000', '9223372036854775808', 'twelve'])
      assert.ok(!accepts('int', text), text);
    assert.ok(!accepts('int', '2147483648', 32) && accepts('int', '2147483647', 32));
    assert.ok(!accepts('uint', '+5') && !accepts('uint', '-1') && accepts('uint', '5'));
    for (const text of ['1', '1.5', '-0.25', '.5', '1e-3', '12.']) assert.ok(accepts('float', text), text);
    for (const text of ['1,5', 'NaN', 'Inf', '0x1p-2', '1.5s']) assert.ok(!accepts('float', text), text);
    assert.ok(!accepts('float', '1e39', 32) && accepts('float', '1e38', 32));
    for (const text of ['true', 'false', '1', '0', 'True', 'F']) assert.ok(accepts('bool', text), text);
    for (const text of ['yes', 'no', 'TRUE ', 'on']) assert.ok(!accepts('bool', text), text);
    assert.ok(accepts('string', '0.98 anything'));
    assert.ok(fields('int').length > 0 && fields('bool').length > 0 && fields('float').length > 0);
  });
});

/** Sets the first leaf at a dotted path (descending into the first occurrence of repeated elements). */
function setFirstLeaf(node: Job, path: string[], value: string): void {
  let current: Job = node;
  path.forEach((name, i) => {
    const child = current[name];
    const first = Array.isArray(child) ? child[0] : child;
    if (i === path.length - 1) {
      if (Array.isArray(child)) child[0] = value;
      else current[name] = value;
    } else current = first as Job;
  });
}
