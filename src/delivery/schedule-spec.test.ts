import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScheduleSpec } from './model.ts';
import { checkScheduleSpec, runsStarted } from './schedule-spec.ts';

const base: ScheduleSpec = { target: 'http://127.0.0.1:3000/callback', every: '1s', choice: {}, headers: {} };

describe('schedule specs of workflow runs', () => {
  it('a run schedule counts runs started from the callbacks sent; a run cut short by a stop counts as one', () => {
    const run: ScheduleSpec = {
      ...base,
      event: 'workflow-finish',
      run: true,
      choice: { tags: ['Transcode', 'Snapshot'] },
    };
    assert.deepEqual(
      [0, 1, 3, 4, 6].map((sent) => runsStarted(run, sent)),
      [0, 1, 1, 2, 2],
    );
    const finishOnly: ScheduleSpec = { ...run, run: false };
    assert.equal(runsStarted(finishOnly, 4), 4);
    assert.equal(runsStarted(base, 4), 4);
  });

  it('refuses a stored workflow spec without nodes, or with weights, saying why', () => {
    assert.throws(
      () => checkScheduleSpec({ ...base, event: 'workflow-finish' }),
      /a workflow schedule needs tags: the nodes of each run, in order/,
    );
    assert.throws(
      () =>
        checkScheduleSpec({ ...base, run: true, choice: { tags: ['Transcode'], weights: { Transcode: 1 } } }),
      /give tags or weights, not both|give neither weights nor triggers/,
    );
    assert.equal(
      checkScheduleSpec({ ...base, run: true, choice: { tags: ['transcode'] } }).choice.tags?.[0],
      'Transcode',
    );
  });
});
