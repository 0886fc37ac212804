import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type CountingReceiver, startCountingReceiver } from '../../test/support/counting-receiver.ts';
import { generate } from '../payloads/generate.ts';
import { sendBurst } from './burst.ts';
import { runProbes } from './runner.ts';

const started: CountingReceiver[] = [];
after(async () => {
  await Promise.all(started.map((receiver) => receiver.close()));
});

async function receiver(options?: { maxConnections?: number }): Promise<CountingReceiver> {
  const running = await startCountingReceiver(options);
  started.push(running);
  return running;
}

const bodies = (n: number) =>
  Array.from({ length: n }, (_, i) => generate({ tag: 'SmartCover', seed: i + 1 }));

describe('burst probe', () => {
  it('holds every connection of the burst open at once on a receiver that answers in microseconds', async () => {
    const fast = await receiver();
    const outcome = await sendBurst({ url: fast.url, bodies: bodies(20), headers: {}, timeoutMs: 5_000 });
    assert.equal(fast.maxOpen, 20, 'the receiver held all 20 connections at once');
    assert.deepEqual([outcome.connected, outcome.heldAtOnce], [20, 20]);
    assert.deepEqual(outcome.statuses, Array(20).fill(204));
    assert.equal(fast.answered, 20);
    assert.deepEqual(outcome.problems, []);
  });

  it('reports, in the battery, the concurrency the receiver held', async () => {
    const fast = await receiver();
    const report = await runProbes({
      target: fast.url,
      only: ['burst'],
      burstSize: 20,
      seed: 3,
      timeoutMs: 5_000,
    });
    const [burst] = report.probes;
    assert.equal(burst?.verdict, 'pass', burst?.happened);
    assert.match(
      burst?.happened ?? '',
      /^20 at once \(20 connections open, 20 requests held at once\): 20 2xx, 0 5xx, 0 unanswered$/,
    );
    assert.equal(fast.maxOpen, 20, 'the canaries, one at a time, did not add to it');
  });

  it('fails a receiver that drops connections beyond 5 at once, saying how many went unanswered', async () => {
    const limited = await receiver({ maxConnections: 5 });
    const report = await runProbes({
      target: limited.url,
      only: ['burst'],
      burstSize: 12,
      seed: 3,
      timeoutMs: 5_000,
    });
    const [burst] = report.probes;
    assert.equal(burst?.verdict, 'fail');
    assert.match(burst?.happened ?? '', /: 5 2xx, 0 5xx, 7 unanswered/);
    assert.equal(limited.maxOpen, 5);
    assert.equal(burst?.statuses.filter((s) => s === null).length, 7);
  });
});
