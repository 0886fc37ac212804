import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDelivery } from './delivery-line.ts';
import type { DeliverySummary } from './store.ts';

const base: DeliverySummary = {
  id: 7,
  status: 'delivered',
  target: 'http://127.0.0.1:3000/cb',
  tag: 'SmartCover',
  format: 'json',
  trigger: 'workflow',
  state: 'failed',
  seed: 42,
  scheduleId: null,
  replayOf: null,
  fault: null,
  faultOf: null,
  attemptCount: 1,
  httpStatus: 200,
  latencyMs: 3.4,
  error: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:00.003Z',
};

describe('delivery line', () => {
  it('says what was sent, where, and how it ended', () => {
    assert.equal(
      describeDelivery(base),
      '#7 SmartCover json workflow/failed seed 42 → http://127.0.0.1:3000/cb: HTTP 200 in 3 ms (1 attempt)',
    );
    assert.equal(
      describeDelivery({
        ...base,
        status: 'failed',
        attemptCount: 4,
        httpStatus: null,
        error: { kind: 'connect', message: 'ECONNREFUSED connect' },
      }),
      '#7 SmartCover json workflow/failed seed 42 → http://127.0.0.1:3000/cb: FAILED ECONNREFUSED connect in 3 ms (4 attempts)',
    );
    assert.match(
      describeDelivery({ ...base, status: 'interrupted' }),
      /interrupted by shutdown \(1 attempt\)$/,
    );
  });

  it('names the fault that shaped a delivery and the delivery it derives from', () => {
    assert.equal(
      describeDelivery({ ...base, id: 8, fault: 'duplicate', faultOf: 7 }),
      '#8 SmartCover json workflow/failed seed 42 [fault duplicate of #7] → http://127.0.0.1:3000/cb: HTTP 200 in 3 ms (1 attempt)',
    );
    assert.match(
      describeDelivery({ ...base, fault: 'malformed/cut-short', faultOf: 6 }),
      /\[fault malformed\/cut-short of #6\]/,
    );
  });
});
