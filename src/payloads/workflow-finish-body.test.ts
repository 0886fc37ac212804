import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { seededFaker } from '../core/faker.ts';
import { DEFAULT_REFERENCE_DATE } from '../core/time.ts';
import { select, text } from '../core/tree.ts';
import type { Job, TagDefinition } from '../core/types.ts';
import { findTag } from './registry.ts';
import {
  buildWorkflowFinish,
  MAX_WORKFLOW_NODES,
  planWorkflowRun,
  sharedInput,
  WORKFLOW_EXECUTION_ORDER,
} from './workflow-finish-body.ts';

const smartCover = findTag('SmartCover');
const speech = findTag('SpeechRecognition');
const song = findTag('SoundHound');

function plan(defs: readonly TagDefinition[], state: 'success' | 'failed' = 'success', seed = 1) {
  return planWorkflowRun(seededFaker(seed), defs, { state, referenceDate: DEFAULT_REFERENCE_DATE });
}

/** A TaskFinish JobsDetail as a node's job would report it, with just what WorkflowFinish reads. */
function job(
  fields: Partial<Record<'JobId' | 'CreationTime' | 'EndTime', string>> & { Operation?: Job },
): Job {
  return {
    JobId: 'j0123456789abcdef0123456789abcdef',
    CreationTime: '2025-01-02T03:04:05+0800',
    EndTime: '2025-01-02T03:04:35+0800',
    Operation: {},
    ...fields,
  } as Job;
}

describe('sharedInput: one uploaded file every node can read', () => {
  it('keeps the extensions and input lengths every node accepts', () => {
    const input = sharedInput([speech, song]);
    assert.equal(input.kind, 'audio');
    assert.deepEqual(
      [...(input.extensions ?? [])].sort(),
      (speech.inputExtensions ?? []).filter((e) => song.inputExtensions?.includes(e)).sort(),
    );
    const [speechMin, speechMax] = speech.inputDuration ?? [0, 0];
    const [songMin, songMax] = song.inputDuration ?? [0, 0];
    assert.deepEqual(input.durationRange, [Math.max(speechMin, songMin), Math.min(speechMax, songMax)]);
  });

  it('refuses nodes that read different kinds of file, naming both', () => {
    assert.throws(
      () => sharedInput([smartCover, song]),
      (e: unknown) =>
        e instanceof InputError && /SmartCover reads video but SoundHound reads audio/.test(e.message),
    );
  });

  it('refuses nodes with no extension or input length in common', () => {
    const flacOnly: TagDefinition = { ...song, tag: 'FlacOnly', inputExtensions: ['flac'] };
    assert.throws(
      () => sharedInput([speech, flacOnly]),
      /no file type suits every node \(.*FlacOnly reads flac/,
    );
    const longOnly: TagDefinition = { ...song, tag: 'LongOnly', inputDuration: [600, 900] };
    assert.throws(
      () => sharedInput([speech, longOnly]),
      /no input length suits every node \(.*LongOnly takes 600–900 s/,
    );
  });
});

describe('planWorkflowRun', () => {
  it('gives each node its own name, a start after the run began, and its family’s queue', () => {
    const run = plan([speech, song, speech]);
    const names = run.nodes.map((node) => node.name);
    assert.equal(new Set(names).size, 3, `${names}`);
    for (const node of run.nodes) {
      assert.match(node.name, new RegExp(`^${node.def.tag}_\\d{13}$`));
      assert.ok(Number(node.name.split('_')[1]) < run.createdAt, 'nodes were added before the run');
      assert.ok(node.createdAt > run.createdAt && node.createdAt - run.createdAt < 1_000);
    }
    assert.equal(new Set(run.nodes.map((node) => node.queueId)).size, 1, 'one asr queue for the run');
  });

  it('fails exactly one node when the run fails, and none when it succeeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const failed = plan([speech, song, speech], 'failed', seed).nodes.filter((n) => n.state === 'failed');
      assert.equal(failed.length, 1, `seed ${seed}`);
      assert.ok(plan([speech, song], 'success', seed).nodes.every((n) => n.state === 'success'));
    }
  });

  it(`refuses an empty run and one of more than ${MAX_WORKFLOW_NODES} nodes`, () => {
    assert.throws(() => plan([]), InputError);
    assert.throws(
      () => plan(Array.from({ length: MAX_WORKFLOW_NODES + 1 }, () => speech)),
      new RegExp(`1 to ${MAX_WORKFLOW_NODES} nodes, got ${MAX_WORKFLOW_NODES + 1}`),
    );
  });
});

describe('buildWorkflowFinish', () => {
  it('lists WorkflowExecution in the zh sample’s order, with the run’s facts', () => {
    const run = plan([speech, song]);
    const response = buildWorkflowFinish(run, [job({}), job({})]);
    assert.equal(response['EventName'], 'WorkflowFinish');
    const execution = response['WorkflowExecution'] as Job;
    assert.deepEqual(Object.keys(execution), WORKFLOW_EXECUTION_ORDER);
    assert.equal(execution['RunId'], run.runId);
    assert.equal(execution['Object'], run.input.key);
    assert.equal(execution['BucketId'], run.input.bucket);
    assert.match(text(execution, 'CreateTime') ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+0800$/);
  });

  it('reports each job’s JobId and times in the space-separated format, and the node’s name and state', () => {
    const run = plan([speech, song], 'failed', 3);
    const jobs = [
      job({ JobId: 's11111111111111111111111111111111' }),
      job({ JobId: 's22222222222222222222222222222222', EndTime: '2025-01-02T03:09:59+0800' }),
    ];
    const tasks = select(buildWorkflowFinish(run, jobs), 'WorkflowExecution.Tasks') as Job[];
    assert.deepEqual(
      tasks.map((t) => [t['Type'], t['JobId'], t['Name'], t['State']]),
      run.nodes.map((node, i) => [
        node.def.tag,
        jobs[i]?.['JobId'],
        node.name,
        node.state === 'failed' ? 'Failed' : 'Success',
      ]),
    );
    assert.equal(tasks[1]?.['CreateTime'], '2025-01-02 03:04:05+0800');
    assert.equal(tasks[1]?.['EndTime'], '2025-01-02 03:09:59+0800');
    assert.deepEqual(Object.keys(tasks[0] ?? {}).slice(0, 8), [
      'Type',
      'CreateTime',
      'EndTime',
      'State',
      'JobId',
      'Name',
      'TemplateId',
      'TemplateName',
    ]);
  });

  it('is Failed when any node failed, Success otherwise', () => {
    const state = (s: 'success' | 'failed') =>
      text(buildWorkflowFinish(plan([speech, song], s), [job({}), job({})]), 'WorkflowExecution.State');
    assert.equal(state('failed'), 'Failed');
    assert.equal(state('success'), 'Success');
  });

  it('takes the template from the job when it echoes one, otherwise the node’s', () => {
    const run = plan([speech, song]);
    const echoed = job({ Operation: { TemplateId: 't1aaaa', TemplateName: 'asr_16k_zh' } });
    const tasks = select(buildWorkflowFinish(run, [echoed, job({})]), 'WorkflowExecution.Tasks') as Job[];
    assert.deepEqual([tasks[0]?.['TemplateId'], tasks[0]?.['TemplateName']], ['t1aaaa', 'asr_16k_zh']);
    assert.deepEqual(
      [tasks[1]?.['TemplateId'], tasks[1]?.['TemplateName']],
      [run.nodes[1]?.template.id, 'template_soundhound'],
    );
  });

  it('derives ResultInfo from the files the job wrote, sprites included, and leaves it out otherwise', () => {
    const run = plan([smartCover, smartCover]);
    const outputFile = {
      Bucket: 'media-1250000000',
      Region: 'ap-guangzhou',
      ObjectPrefix: 'output/snapshot-',
      ObjectName: ['0.jpg', '1.jpg', '2.jpg'],
      SpriteOutputFile: {
        Bucket: 'media-1250000000',
        Region: 'ap-guangzhou',
        ObjectPrefix: 'output/sprite-',
        ObjectName: ['0.jpg'],
      },
    };
    const written = job({ Operation: { MediaResult: { OutputFile: outputFile } } });
    const tasks = select(buildWorkflowFinish(run, [written, job({})]), 'WorkflowExecution.Tasks') as Job[];
    const info = tasks[0]?.['ResultInfo'] as Job;
    assert.equal(info['ObjectCount'], '3');
    assert.equal(info['SpriteObjectCount'], '1');
    assert.deepEqual(select(info, 'ObjectInfo.ObjectName'), [
      '/output/snapshot-0.jpg',
      '/output/snapshot-1.jpg',
      '/output/snapshot-2.jpg',
    ]);
    assert.equal(
      text(info, 'SpriteObjectInfo.ObjectUrl'),
      'https://media-1250000000.cos.ap-guangzhou.myqcloud.com/output/sprite-0.jpg',
    );
    assert.deepEqual(select(info, 'ObjectInfo.InputObjectName'), Array(3).fill(run.input.key));
    assert.equal(tasks[1]?.['ResultInfo'], undefined);
  });

  it('needs one job per node', () => {
    assert.throws(() => buildWorkflowFinish(plan([speech, song]), [job({})]), /2 nodes needs as many jobs/);
  });
});
