import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tagNames } from '../registry.ts';
import { runLoad } from './engine.ts';
import { type LoadInput, resolveLoadPlan } from './plan.ts';
import type { Sample } from './recorder.ts';
import { type LoadReceiverOptions, startLoadReceiver } from './test-receiver.ts';

/** Runs a plan against a fresh receiver and closes it, whatever happens. */
async function loadAgainst(receiverOptions: LoadReceiverOptions, input: Omit<LoadInput, 'target'>) {
  const receiver = await startLoadReceiver(receiverOptions);
  const samples: Sample[] = [];
  try {
    const plan = resolveLoadPlan({ seed: 7, tags: 'SmartCover,SoundHound', ...input, target: receiver.url });
    const report = await runLoad(plan, { onSample: (s) => samples.push({ ...s }) });
    return { report, receiver, samples };
  } finally {
    await receiver.close();
  }
}

describe('load engine', () => {
  it('reports percentiles that match the delays the receiver injected', async () => {
    // Of every 20 requests: 12 answered after 10 ms, 7 after 50 ms, 1 after 200 ms.
    const delay = (i: number) => (i % 20 < 12 ? 10 : i % 20 < 19 ? 50 : 200);
    const { report } = await loadAgainst(
      { answer: (i) => ({ delayMs: delay(i) }) },
      { rate: 200, duration: '1s', format: 'mixed' },
    );
    assert.equal(report.model, 'open');
    assert.equal(report.requests, 200);
    assert.equal(report.responses, 200);
    assert.deepEqual(report.statusCodes, { '200': 200 });
    const l = report.latencyMs;
    // Each percentile lands in its group: at least the injected delay, below the next group's.
    assert.ok(l.p50 >= 10 && l.p50 < 50, `p50 ${l.p50}`);
    assert.ok(l.p90 >= 50 && l.p90 < 200, `p90 ${l.p90}`);
    assert.ok(l.p99 >= 200 && l.p99 < 300, `p99 ${l.p99}`);
    assert.ok(l.max >= 200 && l.max < 400, `max ${l.max}`);
    assert.ok(l.mean > 25 && l.mean < 60, `mean ${l.mean} (injected mean 33.5 ms)`);
  });

  it('counts the wait of requests due during a stall: no coordinated omission', async () => {
    // Four connections: while the receiver stalls, later requests cannot even be sent.
    const { report, receiver, samples } = await loadAgainst(
      { stall: { afterRequests: 100, forMs: 300 } },
      { rate: 200, duration: '1.5s', connections: 4 },
    );
    const { from, to } = receiver.stalled;
    assert.ok(Number.isFinite(from), 'the receiver stalled');
    const dueInStall = samples.filter((s) => s.intendedAt >= from && s.intendedAt < to - 20);
    assert.ok(dueInStall.length >= 40, `${dueInStall.length} requests due during the stall`);
    for (const s of dueInStall) {
      const latency = s.doneAt - s.intendedAt;
      assert.ok(
        latency >= to - s.intendedAt - 5,
        `due ${s.intendedAt - from} ms into the stall: latency ${latency}`,
      );
    }
    // Measured from when they were actually sent, most would look fast: that is what the report must not do.
    const sentAfterStall = dueInStall.filter((s) => s.sentAt >= to - 5);
    assert.ok(sentAfterStall.length >= dueInStall.length / 2, 'most were held back by the client');
    assert.ok(report.latencyMs.p99 >= 250, `p99 ${report.latencyMs.p99}`);
    assert.ok(report.latencyMs.max >= 290, `max ${report.latencyMs.max}`);
    assert.ok(report.sendLagMs.max >= 250, `send lag max ${report.sendLagMs.max}`);
    assert.equal(report.requests, 300);
  });

  it('gives every request its own JobId, across Tags, formats and triggers', async () => {
    const { report, receiver } = await loadAgainst(
      { keepBodies: true },
      { rate: 300, duration: '1s', tags: 'all', format: 'mixed', trigger: 'mixed', state: 'mixed' },
    );
    const ids = receiver.received.map((r) => r.jobId);
    assert.equal(ids.length, report.requests);
    assert.ok(
      ids.every((id) => /^[jacds][0-9a-f]{32}$/.test(id)),
      'JobIds in CI format',
    );
    assert.equal(new Set(ids).size, ids.length, 'no JobId twice');
    const runIds = receiver.received.flatMap((r) => /<RunId>([^<]+)</.exec(r.body)?.[1] ?? []);
    assert.ok(runIds.length > 0);
    assert.equal(new Set(runIds).size, runIds.length, 'no RunId twice');
    const xml = receiver.received.filter((r) => r.body.startsWith('<Response>')).length;
    assert.ok(xml > 0 && xml < ids.length, 'both XML and JSON bodies');
    // Equal weights: every registered Tag gets its share, to within one request.
    const share = report.requests / tagNames().length;
    for (const tag of tagNames()) {
      const sent = report.tags[tag]?.requests ?? 0;
      assert.ok(Math.abs(sent - share) <= 1, `${tag}: ${sent} of ${report.requests}`);
    }
  });

  it('closed model: keeps N requests in flight, each started when the last one ends', async () => {
    const { report, receiver } = await loadAgainst(
      { answer: () => ({ delayMs: 20 }) },
      { connections: 4, duration: '1s' },
    );
    assert.equal(report.model, 'closed');
    assert.equal(report.targetRate, null);
    assert.equal(receiver.maxConcurrent, 4);
    // 4 in flight at ~20 ms each: about 200 per second, never more.
    assert.ok(report.achievedRate > 100 && report.achievedRate <= 205, `rate ${report.achievedRate}`);
    assert.ok(report.latencyMs.p50 >= 20, `p50 ${report.latencyMs.p50}`);
  });

  it('sorts transport failures into connect, timeout and reset', async () => {
    const closed = await startLoadReceiver();
    const deadUrl = closed.url;
    await closed.close();
    const connect = await runLoad(
      resolveLoadPlan({ target: deadUrl, rate: 50, duration: '200ms', tags: 'SoundHound' }),
    );
    assert.equal(connect.errors.connect, connect.requests);
    assert.equal(connect.errorRate, 1);

    const { report: timeout } = await loadAgainst(
      { answer: () => 'hang' },
      { rate: 50, duration: '200ms', timeout: '100ms' },
    );
    assert.equal(timeout.errors.timeout, timeout.requests);

    const { report: reset } = await loadAgainst({ answer: () => 'drop' }, { rate: 50, duration: '200ms' });
    assert.equal(reset.errors.reset, reset.requests);
    assert.equal(reset.responses, 0);
  });

  it('says when --max-in-flight held requests back, and when some never finished', async () => {
    const { report } = await loadAgainst(
      { answer: () => ({ delayMs: 50 }) },
      { rate: 100, duration: '500ms', maxInFlight: 1, timeout: '200ms' },
    );
    assert.ok(report.saturation.delayedByInFlightCap > 0);
    assert.ok(report.saturation.unfinished > 0, 'one at a time at 50 ms cannot finish 50 requests in time');
    assert.match(report.saturation.warnings.join('\n'), /--max-in-flight/);
    assert.match(report.saturation.warnings.join('\n'), /had not finished/);
  });

  it('stops early when aborted and says so', async () => {
    const receiver = await startLoadReceiver();
    try {
      const stop = new AbortController();
      let started = Number.NaN;
      const plan = resolveLoadPlan({ target: receiver.url, rate: 100, duration: '10s', tags: 'SoundHound' });
      const report = await runLoad(plan, {
        onSample: () => {
          if (!Number.isNaN(started)) return;
          started = performance.now();
          setTimeout(() => stop.abort(), 200);
        },
        signal: stop.signal,
      });
      assert.ok(performance.now() - started < 1_000, 'stopped soon after the abort');
      assert.equal(report.aborted, true);
      assert.ok(report.durationSeconds < 1, `${report.durationSeconds}`);
      assert.ok(report.requests > 0 && report.requests < 100, `${report.requests}`);
    } finally {
      await receiver.close();
    }
  });
});
