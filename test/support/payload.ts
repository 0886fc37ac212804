/**
 * Test support: reading a body back into a tree, the kinds of values, the envelope every TaskFinish obeys, and
 * the response trees of every Tag and variant.
 */

import { fileType } from '../../src/core/objects.ts';
import { toJsonDocument } from '../../src/core/render-json.ts';
import { parseXml } from '../../src/core/render-xml.ts';
import { parseCiTime } from '../../src/core/time.ts';
import { leaves, select, text } from '../../src/core/tree.ts';
import {
  FAMILY_PREFIX,
  type Job,
  type JobValue,
  STATES,
  type TagDefinition,
  TRIGGERS,
  type Variant,
} from '../../src/core/types.ts';
import { generate } from '../../src/payloads/generate.ts';
import { TAGS } from '../../src/tags/index.ts';

/** The `{ EventName, JobsDetail }` tree generate() renders, for every Tag × trigger × state and each seed. */
export function everyVariantResponse(seeds: readonly number[]): Job[] {
  return TAGS.flatMap((def) =>
    TRIGGERS.flatMap((trigger) =>
      STATES.flatMap((state) =>
        seeds.map(
          (seed): Job => ({
            EventName: 'TaskFinish',
            JobsDetail: generate({ tag: def.tag, trigger, state, seed }).job,
          }),
        ),
      ),
    ),
  );
}

export type ValueKind = 'time' | 'id' | 'integer' | 'decimal' | 'text';

export function valueKind(value: string): ValueKind {
  if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\+0800$/.test(value)) return 'time';
  if (/^[a-z]?[0-9a-f]{32,34}$/.test(value) && /[a-f]/.test(value)) return 'id';
  if (/^-?\d+$/.test(value)) return 'integer';
  if (/^-?\d+\.\d+$/.test(value)) return 'decimal';
  return 'text';
}

/** Each element path with the kinds of value it carries; empty values are left out. */
export function pathKinds(value: JobValue | unknown): Map<string, Set<ValueKind>> {
  const kinds = new Map<string, Set<ValueKind>>();
  for (const [path, leaf] of leaves(value as JobValue)) {
    if (leaf === '') continue;
    const set = kinds.get(path) ?? new Set<ValueKind>();
    set.add(valueKind(leaf));
    kinds.set(path, set);
  }
  return kinds;
}

/** The JSON document the XML body converts to by CI's rules: what the JSON body of the same seed must equal. */
export function xmlAsJson(xml: string, shape: 'object' | 'array' | 'wrapped'): unknown {
  return toJsonDocument(parseXml(xml), shape);
}

/** Problems with the common JobsDetail fields of a generated job (empty list when all is well). */
export function envelopeProblems(job: Job, def: TagDefinition, variant: Variant): string[] {
  const problems: string[] = [];
  const sends = (name: string) => !def.jobsDetailOrder || def.jobsDetailOrder.includes(name);
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  need(job['Tag'] === def.tag, `Tag is ${String(job['Tag'])}`);
  const id = text(job, 'JobId') ?? '';
  need(new RegExp(`^${FAMILY_PREFIX[def.family]}[0-9a-f]{32}$`).test(id), `JobId ${id}`);
  if (sends('QueueId')) need(/^p[0-9a-f]{32}$/.test(text(job, 'QueueId') ?? ''), 'QueueId');
  const times = ['CreationTime', 'StartTime', 'EndTime']
    .filter(sends)
    .map((name) => parseCiTime(text(job, name) ?? ''));
  need(
    times.every((t) => !Number.isNaN(t)),
    `times not in CI format: ${times}`,
  );
  need(
    times.every((t, i) => i === 0 || t >= (times[i - 1] as number)),
    'times out of order',
  );
  need(
    (text(job, 'Progress') !== undefined) === Boolean(def.reportsProgress),
    `Progress ${text(job, 'Progress') ?? 'absent'} where reportsProgress is ${Boolean(def.reportsProgress)}`,
  );
  const failed = variant.state === 'failed';
  if (sends('State'))
    need(text(job, 'State') === (failed ? 'Failed' : 'Success'), `State ${text(job, 'State')}`);
  if (failed) {
    need(text(job, 'Code') !== 'Success' && /^[A-Z]\w+$/.test(text(job, 'Code') ?? ''), 'failed Code');
    need((text(job, 'Message') ?? '').length > 10, 'failed jobs carry a readable Message');
    if (def.resultNode)
      need(select(job, `Operation.${def.resultNode}`).length === 0, 'failed job has a result');
  } else {
    need(text(job, 'Code') === 'Success', `Code ${text(job, 'Code')}`);
  }
  const workflow = variant.trigger === 'workflow';
  need(select(job, 'Workflow').length === (workflow ? 1 : 0), 'Workflow presence');
  if (workflow) {
    need(new RegExp(`^${def.tag}_\\d{13}$`).test(text(job, 'Workflow.Name') ?? ''), 'Workflow.Name');
    need(/^i[0-9a-f]{32}$/.test(text(job, 'Workflow.RunId') ?? ''), 'Workflow.RunId');
    need(/^w[0-9a-f]{32}$/.test(text(job, 'Workflow.WorkflowId') ?? ''), 'Workflow.WorkflowId');
    const headers = select(job, 'Input.CosHeaders').concat(
      select(job, 'Operation.Input.CosHeaders'),
    ) as Job[];
    const header = (key: string) => headers.find((h) => h['Key'] === key)?.['Value'] as string | undefined;
    need(
      headers.map((h) => h['Key']).join() === 'Content-Type,x-cos-request-id,EventName,Size',
      'CosHeaders keys and order',
    );
    need((header('EventName') ?? '').startsWith('cos:ObjectCreated:'), 'CosHeaders EventName');
    const object = text(job, 'Input.Object');
    if (object) {
      const extension = object.split('.').at(-1) ?? '';
      need(header('Content-Type') === fileType(extension).contentType, `Content-Type for .${extension}`);
    }
    need(/^\d+$/.test(header('Size') ?? ''), 'CosHeaders Size');
  } else {
    need(select(job, 'Input.CosHeaders').length === 0, 'direct jobs have no CosHeaders');
  }
  if (sends('Input') && select(job, 'Input').length > 0 && text(job, 'Input.BucketId') !== undefined) {
    need(/^[a-z][a-z0-9-]*-\d{10}$/.test(text(job, 'Input.BucketId') ?? ''), 'Input.BucketId');
  }
  return problems;
}
