import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envelopeProblems, xmlAsJson } from '../../test/support/payload.ts';
import { InputError } from '../core/errors.ts';
import { ID_PATTERNS } from '../core/ids.ts';
import { parseXml } from '../core/render-xml.ts';
import { parseCiTime } from '../core/time.ts';
import { asList, select, text } from '../core/tree.ts';
import { FORMATS, type Job, type JobState, STATES, type TagDefinition } from '../core/types.ts';
import { TAGS } from '../tags/index.ts';
import { findTag } from './registry.ts';
import { generateWorkflowFinish, type WorkflowFinishResult } from './workflow-finish.ts';
import { MAX_WORKFLOW_NODES, sharedInput } from './workflow-finish-body.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => i * 104_729 + 11);

/**
 * Runs covering every registered Tag: each Tag joins the first run of Tags that can share its input (same kind
 * of file, a common extension and length, at most MAX_WORKFLOW_NODES), and also runs alone; both states, a few
 * seeds.
 */
function everyTagRuns(): { tags: string[]; state: JobState; seed: number }[] {
  const runs: TagDefinition[][] = [];
  for (const def of TAGS) {
    const fits = (run: TagDefinition[]) => {
      if (run.length >= MAX_WORKFLOW_NODES) return false;
      try {
        sharedInput([...run, def]);
        return true;
      } catch {
        return false;
      }
    };
    const run = runs.find(fits);
    if (run) run.push(def);
    else runs.push([def]);
  }
  const nodeLists = [...runs, ...TAGS.map((def) => [def])].map((run) => run.map((def) => def.tag));
  return nodeLists.flatMap((tags) =>
    STATES.flatMap((state) => SEEDS.slice(0, 3).map((seed) => ({ tags, state, seed }))),
  );
}

/** Problems with how a WorkflowFinish agrees with the TaskFinish callbacks of its run (empty when all is well). */
function agreementProblems(result: WorkflowFinishResult, tags: readonly string[], state: JobState): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const execution = result.execution;
  const tasks = asList(execution['Tasks'] as Job | Job[]);
  need(
    tasks.length === tags.length && result.taskFinish.length === tags.length,
    'one Task and one TaskFinish per node',
  );
  need(ID_PATTERNS.runId.test(text(execution, 'RunId') ?? ''), 'RunId');
  need(ID_PATTERNS.workflowId.test(text(execution, 'WorkflowId') ?? ''), 'WorkflowId');
  const created = parseCiTime(text(execution, 'CreateTime') ?? '');
  need(/ /.test(text(execution, 'CreateTime') ?? '') && !Number.isNaN(created), 'CreateTime format');
  const failedTasks = tasks.filter((task) => task['State'] === 'Failed').length;
  need(failedTasks === (state === 'failed' ? 1 : 0), `${failedTasks} Tasks failed`);
  need(text(execution, 'State') === (failedTasks > 0 ? 'Failed' : 'Success'), 'instance State');
  need(new Set(tasks.map((task) => task['Name'])).size === tasks.length, 'node names are distinct');
  tasks.forEach((task, i) => {
    const job = result.taskFinish[i]?.job as Job;
    const at = `Tasks ${i}`;
    need(task['Type'] === tags[i] && job['Tag'] === tags[i], `${at}: Type`);
    need(task['JobId'] === job['JobId'], `${at}: JobId`);
    need(task['Name'] === text(job, 'Workflow.Name'), `${at}: Name`);
    for (const [ours, theirs] of [
      ['CreateTime', 'CreationTime'],
      ['EndTime', 'EndTime'],
    ] as const) {
      need(task[ours] === String(job[theirs]).replace('T', ' '), `${at}: ${ours} ≠ ${theirs}`);
    }
    need(parseCiTime(String(task['CreateTime'])) >= created, `${at}: created before the run`);
    const jobState = text(job, 'State');
    need(
      jobState === undefined || jobState === task['State'],
      `${at}: State ${task['State']} vs ${jobState}`,
    );
    for (const field of ['RunId', 'WorkflowId', 'WorkflowName'])
      need(text(job, `Workflow.${field}`) === text(execution, field), `${at}: Workflow.${field}`);
    const object = text(job, 'Input.Object');
    need(object === undefined || object === text(execution, 'Object'), `${at}: Input.Object`);
    const bucket = text(job, 'Input.BucketId');
    need(bucket === undefined || bucket === text(execution, 'BucketId'), `${at}: Input.BucketId`);
    const headers = select(job, 'Input.CosHeaders').concat(select(job, 'Operation.Input.CosHeaders'));
    need(JSON.stringify(headers) === JSON.stringify(select(execution, 'CosHeaders')), `${at}: CosHeaders`);
    const templateId = text(job, 'Operation.TemplateId');
    need(templateId === undefined || templateId === task['TemplateId'], `${at}: TemplateId`);
    const written = select(job, 'Operation.MediaResult.OutputFile.ObjectName').length;
    const info = select(task, 'ResultInfo')[0] as Job | undefined;
    need((info === undefined) === (written === 0), `${at}: ResultInfo present iff the job wrote files`);
    if (info) {
      need(
        info['ObjectCount'] === String(written),
        `${at}: ObjectCount ${info['ObjectCount']} vs ${written}`,
      );
      const bucketDomain = `https://${text(job, 'Operation.MediaResult.OutputFile.Bucket')}.cos.`;
      need(
        select(info, 'ObjectInfo.ObjectUrl').every((url) => String(url).startsWith(bucketDomain)),
        `${at}: ObjectUrl under the bucket's COS domain`,
      );
    }
  });
  return problems;
}

describe('generateWorkflowFinish', () => {
  const runs: { tags: string[] }[] = [
    { tags: ['SpeechRecognition', 'SoundHound'] },
    { tags: ['SmartCover', 'SmartCover', 'SmartCover'] },
  ];
  for (const { tags } of runs) {
    for (const state of STATES) {
      it(`${tags.join(',')} · ${state}: the Tasks agree with the run's TaskFinish callbacks, over ${SEEDS.length} seeds`, () => {
        for (const seed of SEEDS) {
          const result = generateWorkflowFinish({ tags, state, seed });
          assert.deepEqual(agreementProblems(result, tags, state), [], `seed ${seed}`);
          for (const [i, task] of result.taskFinish.entries()) {
            const def = findTag(tags[i] as string);
            const variant = {
              format: 'xml' as const,
              trigger: 'workflow' as const,
              state: task.variant.state,
            };
            assert.deepEqual(envelopeProblems(task.job, def, variant), [], `seed ${seed}, node ${i}`);
            for (const invariant of def.invariants)
              assert.equal(invariant.check(task.job, variant), undefined, `seed ${seed}: ${invariant.name}`);
          }
        }
      });
    }
  }

  it('works for every registered Tag: in runs with the other Tags that read its kind of file, and alone', () => {
    for (const { tags, state, seed } of everyTagRuns()) {
      const result = generateWorkflowFinish({ tags, state, seed });
      const at = `${tags.join(',')} ${state} seed ${seed}`;
      assert.deepEqual(agreementProblems(result, tags, state), [], at);
      for (const [i, task] of result.taskFinish.entries()) {
        const def = findTag(tags[i] as string);
        const variant = { format: 'xml' as const, trigger: 'workflow' as const, state: task.variant.state };
        assert.deepEqual(envelopeProblems(task.job, def, variant), [], `${at}: node ${i}`);
        for (const invariant of def.invariants)
          assert.equal(invariant.check(task.job, variant), undefined, `${at}: ${def.tag}: ${invariant.name}`);
      }
    }
  });

  it('renders one tree: the XML and JSON of one seed agree, and each TaskFinish is in the same format', () => {
    for (const seed of SEEDS) {
      const options = { tags: ['SpeechRecognition', 'SoundHound'], state: 'failed' as const, seed };
      const xml = generateWorkflowFinish({ ...options, format: 'xml' });
      const json = generateWorkflowFinish({ ...options, format: 'json' });
      assert.equal(xml.contentType, 'application/xml');
      assert.equal(json.contentType, 'application/json');
      assert.match(xml.body, /^<Response>\s*<EventName>WorkflowFinish<\/EventName>\s*<WorkflowExecution>/);
      assert.deepEqual(JSON.parse(json.body), xmlAsJson(xml.body, 'object'), `seed ${seed}`);
      assert.deepEqual(parseXml(xml.body)['WorkflowExecution'], xml.execution);
      for (const format of FORMATS) {
        const result = format === 'xml' ? xml : json;
        assert.ok(
          result.taskFinish.every(
            (task) => task.variant.format === format && task.variant.trigger === 'workflow',
          ),
        );
      }
    }
  });

  it('makes a single Task an object in JSON and several an array, as CI converts repeated elements', () => {
    const one = JSON.parse(generateWorkflowFinish({ tags: ['SmartCover'], format: 'json', seed: 5 }).body);
    const two = JSON.parse(
      generateWorkflowFinish({ tags: ['SmartCover', 'SmartCover'], format: 'json', seed: 5 }).body,
    );
    assert.equal(Array.isArray(one.WorkflowExecution.Tasks), false);
    assert.equal(one.WorkflowExecution.Tasks.Type, 'SmartCover');
    assert.equal(two.WorkflowExecution.Tasks.length, 2);
  });

  it('gives the same bytes for the same seed, a different run for another, and reports a random seed it used', () => {
    const options = { tags: ['SmartCover', 'SmartCover'], format: 'json' as const };
    const first = generateWorkflowFinish({ ...options, seed: 9 });
    assert.equal(generateWorkflowFinish({ ...options, seed: 9 }).body, first.body);
    assert.deepEqual(
      generateWorkflowFinish({ ...options, seed: 9 }).taskFinish.map((t) => t.body),
      first.taskFinish.map((t) => t.body),
    );
    assert.notEqual(
      generateWorkflowFinish({ ...options, seed: 10 }).execution['RunId'],
      first.execution['RunId'],
    );
    const random = generateWorkflowFinish(options);
    assert.equal(generateWorkflowFinish({ ...options, seed: random.seed }).body, random.body);
  });

  it('applies overrides to the WorkflowFinish body only, and passes jsonShape and compact on', () => {
    const result = generateWorkflowFinish({
      tags: ['SoundHound', 'SoundHound'],
      format: 'json',
      seed: 3,
      jsonShape: 'wrapped',
      compact: true,
      overrides: ['WorkflowExecution.State=Running', 'WorkflowExecution.Tasks.1.State=Pause'],
    });
    const body = JSON.parse(result.body);
    assert.equal(body.Response.WorkflowExecution.State, 'Running');
    assert.equal(body.Response.WorkflowExecution.Tasks[1].State, 'Pause');
    assert.doesNotMatch(result.body, /\n/);
    for (const task of result.taskFinish) {
      assert.equal(task.variant.jsonShape, 'wrapped');
      assert.equal(task.job['State'], 'Success');
      assert.ok(JSON.parse(task.body).Response, 'TaskFinish wrapped');
    }
  });

  const bad: [string, () => unknown, RegExp][] = [
    [
      'no nodes',
      () => generateWorkflowFinish({ tags: [] }),
      /tags must list the workflow’s nodes.*accepted: .*SmartCover/,
    ],
    [
      'an unknown Tag',
      () => generateWorkflowFinish({ tags: ['SmartCover', 'Nope'] }),
      /unknown tag 'Nope'; accepted:/,
    ],
    [
      'nodes reading different files',
      () => generateWorkflowFinish({ tags: ['SmartCover', 'SoundHound'] }),
      /SmartCover reads video but SoundHound reads audio/,
    ],
    [
      'too many nodes',
      () => generateWorkflowFinish({ tags: Array(21).fill('SmartCover') }),
      /at most 20 nodes/,
    ],
    [
      'a bad format',
      () => generateWorkflowFinish({ tags: ['SmartCover'], format: 'yaml' as 'xml' }),
      /accepted: xml, json/,
    ],
    [
      'a bad state',
      () => generateWorkflowFinish({ tags: ['SmartCover'], state: 'ok' as 'success' }),
      /accepted: success, failed/,
    ],
    [
      'a bad seed',
      () => generateWorkflowFinish({ tags: ['SmartCover'], seed: -1 }),
      /is not a seed; a seed picks/,
    ],
  ];
  for (const [what, call, message] of bad) {
    it(`refuses ${what} with an InputError saying what is accepted`, () => {
      assert.throws(call, (e: unknown) => e instanceof InputError && message.test(e.message));
    });
  }
});
