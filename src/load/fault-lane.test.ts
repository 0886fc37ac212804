/** The fault lane's extra requests: counted per fault, and sent with the headers their request had. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawRequest } from '../delivery/fault-transport.ts';
import { FAULT_NAMES, faultDefinition } from '../faults/catalog.ts';
import type { FaultPlan } from '../faults/options.ts';
import { generate } from '../payloads/generate.ts';
import { generateReview } from '../payloads/generate-review.ts';
import { createFaultLane } from './fault-lane.ts';

/** Every fault a load request can draw, forced. */
const EVERY_FAULT: FaultPlan = Object.fromEntries(
  FAULT_NAMES.filter((name) => faultDefinition(name).perDelivery).map((name) => [
    name,
    { probability: 1, delayMs: 0 },
  ]),
);

async function extrasOf(
  body: string,
  contentType: string,
  headers?: Readonly<Record<string, string>>,
): Promise<RawRequest[]> {
  const sent: RawRequest[] = [];
  const lane = createFaultLane({
    plan: EVERY_FAULT,
    seed: 3,
    target: new URL('http://127.0.0.1:9/cb'),
    timeoutMs: 1_000,
    send: async (request) => {
      sent.push(request);
      return { status: 200, latencyMs: 1, events: [] };
    },
  });
  lane.afterRequest(Buffer.from(body), contentType, headers);
  const tally = await lane.finish();
  assert.equal(
    Object.values(tally).reduce((sum, entry) => sum + entry.sent, 0),
    sent.length,
  );
  return sent;
}

describe('load fault lane', () => {
  for (const callbackVersion of ['simple', 'detail'] as const) {
    it(`sends every faulted extra of a ${callbackVersion} moderation request with its X-Ci-Content-Version`, async () => {
      const { body, contentType, headers } = generateReview({
        review: 'audio',
        callbackVersion,
        seed: 2,
        compact: true,
      });
      const sent = await extrasOf(body, contentType, headers);
      assert.equal(sent.length, Object.keys(EVERY_FAULT).length, 'one extra per fault drawn');
      for (const request of sent)
        assert.deepEqual(request.headers, headers, String(request.body).slice(0, 40));
    });
  }

  it('adds no header to TaskFinish extras, JSON or XML', async () => {
    for (const format of ['json', 'xml'] as const) {
      const { body, contentType } = generate({ tag: 'SmartCover', format, seed: 2 });
      for (const request of await extrasOf(body, contentType)) assert.deepEqual(request.headers, {});
    }
  });
});
