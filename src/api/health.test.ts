import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deliverer } from '../delivery/deliverer.ts';
import type { ServerPhase } from './deps.ts';
import { healthRouter } from './health.ts';

describe('GET /health', () => {
  const deliverer = { inFlight: 2 } as Deliverer;

  it('answers 200 ok only while the server serves, 503 with the phase otherwise', async () => {
    const expected: [ServerPhase, number, string][] = [
      ['serving', 200, 'ok'],
      ['starting', 503, 'starting'],
      ['stopping', 503, 'stopping'],
    ];
    for (const [phase, status, said] of expected) {
      const response = await healthRouter({ deliverer, phase: () => phase }).request('/');
      assert.equal(response.status, status, phase);
      assert.deepEqual(await response.json(), { status: said, inFlight: 2 });
    }
  });

  it('answers ok when nothing tells it the phase (an app built for a test)', async () => {
    const response = await healthRouter({ deliverer }).request('/');
    assert.equal(response.status, 200);
  });
});
