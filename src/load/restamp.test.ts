import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ID_PATTERNS } from '../core/ids.ts';
import { parseXml } from '../core/render-xml.ts';
import { parseCiTime } from '../core/time.ts';
import { FORMATS, type Job, TRIGGERS } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { tagNames } from '../payloads/registry.ts';
import { compileTemplate, newStampSession, stamp, stampInPlace, uuidV1Hex, uuidV1Ms } from './restamp.ts';

const SEND_MS = Date.parse('2026-03-01T10:00:00.250Z');

/** The JobsDetail of a body, XML or JSON in any of CI's shapes. */
function jobsDetail(body: string): Job {
  if (body.startsWith('<')) return parseXml(body)['JobsDetail'] as Job;
  let document = JSON.parse(body) as Record<string, unknown>;
  if ('Response' in document) document = document['Response'] as Record<string, unknown>;
  const detail = document['JobsDetail'];
  return (Array.isArray(detail) ? detail[0] : detail) as Job;
}

/** The stamped body with the old values put back: equal to the original when nothing else changed. */
function unstamp(body: string, before: Job, after: Job): string {
  let text = body;
  const swap = (from: unknown, to: unknown) => {
    if (typeof from === 'string' && typeof to === 'string' && from !== '') text = text.replaceAll(from, to);
  };
  swap(after['JobId'], before['JobId']);
  swap((after['Workflow'] as Job | undefined)?.['RunId'], (before['Workflow'] as Job | undefined)?.['RunId']);
  swap(cosRequestId(after), cosRequestId(before));
  for (const name of ['CreationTime', 'StartTime', 'EndTime']) {
    for (const prefix of [`<${name}>`, `"${name}":"`, `"${name}": "`])
      swap(prefix + after[name], prefix + before[name]);
  }
  return text;
}

function cosRequestId(job: Job): string | undefined {
  const headers = (job['Input'] as Job | undefined)?.['CosHeaders'];
  const list = (Array.isArray(headers) ? headers : headers ? [headers] : []) as Job[];
  return list.find((h) => h['Key'] === 'x-cos-request-id')?.['Value'] as string | undefined;
}

describe('re-stamping a generated body', () => {
  for (const tag of tagNames()) {
    it(`${tag}: a stamp is the same job with a new JobId, ending when it is sent`, () => {
      for (const format of FORMATS) {
        for (const trigger of TRIGGERS) {
          const result = generate({ tag, format, trigger, seed: 11 });
          const template = compileTemplate(result);
          const body = stamp(template, newStampSession(), 12_345, SEND_MS);
          assert.equal(body.length, Buffer.byteLength(result.body), 'same length: values replaced in place');
          const before = result.job;
          const after = jobsDetail(body.toString('utf8'));
          const where = `${tag} ${format} ${trigger}`;
          assert.equal(
            unstamp(body.toString('utf8'), before, after),
            result.body,
            `${where}: nothing else changed`,
          );

          const jobId = after['JobId'] as string;
          assert.match(jobId, ID_PATTERNS.jobId);
          assert.notEqual(jobId, before['JobId']);
          assert.equal(jobId[0], (before['JobId'] as string)[0], 'the family letter stays');
          const end = parseCiTime(after['EndTime'] as string);
          assert.ok(
            Math.abs(end - SEND_MS) <= 1_000,
            `${where}: EndTime ${after['EndTime']} is the send time`,
          );
          const creation = parseCiTime(after['CreationTime'] as string);
          // The JobId is a time-based UUID of the CreationTime, as in real JobIds.
          assert.equal(Math.floor(uuidV1Ms(jobId.slice(1)) / 1000) * 1000, creation, `${where}: JobId time`);
          const shift = end - parseCiTime(before['EndTime'] as string);
          assert.equal(creation - parseCiTime(before['CreationTime'] as string), shift, 'durations kept');
          if (after['StartTime']) {
            const start = parseCiTime(after['StartTime'] as string);
            assert.ok(creation <= start && start <= end, `${where}: CreationTime ≤ StartTime ≤ EndTime`);
          }
          if (trigger === 'workflow') {
            const runId = (after['Workflow'] as Job)['RunId'] as string;
            assert.match(runId, ID_PATTERNS.runId);
            const runBefore = uuidV1Ms(((before['Workflow'] as Job)['RunId'] as string).slice(1));
            assert.equal(uuidV1Ms(runId.slice(1)) - runBefore, shift, 'RunId time moves with the job');
          }
        }
      }
    });
  }

  it('never repeats a JobId or RunId within a session, and two sessions differ', () => {
    const template = compileTemplate(
      generate({ tag: 'SmartCover', trigger: 'workflow', format: 'json', seed: 3 }),
    );
    const session = newStampSession();
    const jobIds = new Set<string>();
    const runIds = new Set<string>();
    const count = 30_000;
    for (let i = 0; i < count; i++) {
      const job = jobsDetail(stamp(template, session, i, SEND_MS).toString('utf8'));
      jobIds.add(job['JobId'] as string);
      runIds.add((job['Workflow'] as Job)['RunId'] as string);
    }
    assert.equal(jobIds.size, count);
    assert.equal(runIds.size, count);
    const other = jobsDetail(stamp(template, newStampSession(), 0, SEND_MS).toString('utf8'));
    assert.ok(!jobIds.has(other['JobId'] as string), 'another run does not reuse JobIds');
  });

  it('stamps x-cos-request-id with the moved upload time', () => {
    const result = generate({ tag: 'SoundHound', trigger: 'workflow', seed: 5 });
    const body = stamp(compileTemplate(result), newStampSession(), 77, SEND_MS).toString('utf8');
    const requestId = /<Key>x-cos-request-id<\/Key>\s*<Value>([^<]+)</.exec(body)?.[1] as string;
    const [secondsHex, ...rest] = Buffer.from(requestId, 'base64').toString('latin1').split('_');
    const uploaded = Number.parseInt(secondsHex as string, 16) * 1000;
    const creation = parseCiTime(/<CreationTime>([^<]+)</.exec(body)?.[1] as string);
    assert.ok(
      uploaded <= creation && creation - uploaded < 5_000,
      'uploaded just before the job was created',
    );
    assert.deepEqual(
      rest.map((part) => part.length),
      [8, 4, 7],
    );
  });

  it('re-stamps a stamped buffer in place to the same bytes as a new stamp, within a second and across one', () => {
    for (const format of FORMATS) {
      const template = compileTemplate(generate({ tag: 'SoundHound', format, trigger: 'workflow', seed: 8 }));
      const session = newStampSession();
      const body = Buffer.from(template.bytes);
      let shift = stampInPlace(body, template, session, 0, SEND_MS);
      for (const [sequence, sendMs] of [
        [1, SEND_MS + 300], // the same second: the times are left as they were
        [2, SEND_MS + 2_600],
        [3, SEND_MS - 86_400_000],
        [4, SEND_MS - 86_400_000 + 10],
      ] as const) {
        shift = stampInPlace(body, template, session, sequence, sendMs, shift);
        assert.equal(
          body.toString(),
          stamp(template, session, sequence, sendMs).toString(),
          `${format} ${sequence}`,
        );
      }
    }
  });

  it('uuidV1Hex writes a version-1 UUID whose time reads back', () => {
    const ms = Date.parse('2024-09-03T06:17:39.123Z');
    const hex = uuidV1Hex(ms, 123_456, 'abcdef');
    assert.match(hex, /^[0-9a-f]{12}1[0-9a-f]{3}[89ab][0-9a-f]{3}525400abcdef$/);
    assert.equal(uuidV1Ms(hex), ms);
    assert.notEqual(uuidV1Hex(ms, 123_457, 'abcdef'), hex);
  });
});
