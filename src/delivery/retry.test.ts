import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttemptErrorKind, AttemptOutcome } from './attempt-outcome.ts';
import { checkRetryPolicy, DEFAULT_RETRY_POLICY, isRetryable, nextRetryDelay } from './retry.ts';

const answered = (status: number): AttemptOutcome => ({
  ok: status < 300 && status >= 200,
  status,
  latencyMs: 1,
});
const failed = (kind: AttemptErrorKind): AttemptOutcome => ({
  ok: false,
  latencyMs: 1,
  error: { kind, message: kind },
});

describe('retry policy', () => {
  it('retries network errors, timeouts and 5xx, never 2xx or 4xx', () => {
    for (const kind of ['connect', 'timeout', 'reset', 'other'] as const)
      assert.equal(isRetryable(failed(kind)), true);
    for (const status of [500, 502, 503, 504])
      assert.equal(isRetryable(answered(status)), true, String(status));
    for (const status of [200, 204, 400, 401, 404, 409, 429]) {
      assert.equal(nextRetryDelay(DEFAULT_RETRY_POLICY, 1, answered(status)), undefined, String(status));
    }
  });

  it('never retries a request that failed locally (it would fail the same way)', () => {
    assert.equal(isRetryable(failed('local')), false);
    assert.equal(nextRetryDelay(DEFAULT_RETRY_POLICY, 1, failed('local')), undefined);
  });

  it('waits the policy delays in order and stops after the last one', () => {
    const policy = { delaysMs: [10, 20] };
    const outcome = answered(503);
    assert.deepEqual(
      [1, 2, 3].map((attempt) => nextRetryDelay(policy, attempt, outcome)),
      [10, 20, undefined],
    );
  });

  it('defaults to four attempts: at once, then after 1 s, 5 s and 25 s', () => {
    assert.deepEqual(DEFAULT_RETRY_POLICY.delaysMs, [1_000, 5_000, 25_000]);
  });

  it('rejects a policy with negative or absurd delays', () => {
    assert.throws(() => checkRetryPolicy({ delaysMs: [-1] }), /0 to 3600000 ms, got -1/);
    assert.throws(
      () => checkRetryPolicy({ delaysMs: Array(20).fill(1) }),
      /at most 19 delays \(20 attempts\), got 20/,
    );
    assert.equal(checkRetryPolicy({ delaysMs: Array(19).fill(1) }).delaysMs.length, 19);
    assert.deepEqual(checkRetryPolicy({ delaysMs: [] }).delaysMs, []);
  });
});
