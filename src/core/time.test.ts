import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTaskTime, formatWorkflowTime, parseCiTime } from './time.ts';

describe('CI time formats', () => {
  const when = Date.parse('2022-10-18T10:22:05Z');

  it('writes China Standard Time with a colon-less offset, whatever the machine zone', () => {
    assert.equal(formatTaskTime(when), '2022-10-18T18:22:05+0800');
    assert.equal(formatWorkflowTime(when), '2022-10-18 18:22:05+0800');
  });

  it('parses both formats back, and rejects anything else', () => {
    assert.equal(parseCiTime('2022-10-18T18:22:05+0800'), when);
    assert.equal(parseCiTime('2022-10-18 18:22:05+0800'), when);
    assert.ok(Number.isNaN(parseCiTime('2022-10-18T18:22:05+08:00')));
  });
});
