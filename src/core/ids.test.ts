import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededFaker } from './faker.ts';
import {
  cosRequestId,
  ID_PATTERNS,
  jobId,
  queueId,
  runId,
  templateId,
  uuidV1Hex,
  workflowId,
} from './ids.ts';

/** Reads the timestamp back out of a version-1 UUID's hex. */
function v1Millis(hex: string): number {
  const ticks = BigInt(`0x${hex.slice(13, 16)}${hex.slice(8, 12)}${hex.slice(0, 8)}`);
  return Number(ticks / 10_000n - 12_219_292_800_000n);
}

describe('ids', () => {
  const faker = seededFaker(5);
  const when = Date.parse('2022-06-30T15:29:42+08:00');

  it('makes JobIds with the family letter and a version-1 UUID stamped at the creation time', () => {
    const id = jobId(faker, 'media', when);
    assert.match(id, ID_PATTERNS.jobId);
    assert.equal(id[0], 'j');
    assert.equal(id[13], '1', 'version nibble');
    assert.equal(v1Millis(id.slice(1)), when);
    // The same era as the documented samples' JobIds (…11ec… in 2022).
    assert.equal(id.slice(13, 17), '11ec');
  });

  it('makes QueueIds, WorkflowIds, RunIds and TemplateIds in the documented formats', () => {
    assert.match(queueId(faker), ID_PATTERNS.queueId);
    assert.match(workflowId(faker), ID_PATTERNS.workflowId);
    assert.match(runId(faker, when), ID_PATTERNS.runId);
    assert.match(templateId(faker), ID_PATTERNS.templateId);
    assert.equal(uuidV1Hex(faker, when).slice(20, 26), '525400');
  });

  it('makes x-cos-request-id as base64 of the upload second and three hex groups', () => {
    const decoded = Buffer.from(cosRequestId(faker, when), 'base64').toString();
    assert.match(decoded, /^[0-9a-f]{8}_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{7}$/);
    assert.equal(Number.parseInt(decoded.slice(0, 8), 16), Math.floor(when / 1000));
  });
});
