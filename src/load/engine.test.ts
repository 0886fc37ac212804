import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LoadReceiverOptions, startLoadReceiver } from '../../test/support/load-receiver.ts';
import { tagNames } from '../payloads/registry.ts';
import { runLoad } from './engine.ts';
import { renderHtmlReport } from './html-report.ts';
import type { HttpSender, SendCallbacks } from './http-sender.ts';
import { type LoadInput, resolveLoadPlan } from './plan.ts';
import type { Sample } from './recorder.ts';
import { formatReport, type LoadReport } from './report.ts';
import { evaluateThresholds, parseThresholds, thresholdsJUnit } from './thresholds.ts';

/**
 * A sender that answers request i (in send order) `latencyOf(i)` ms after it was due, without a network. While
 * it answers, the engine's clock reads the answer's time, so every latency is exactly the scripted one.
 */
function scriptedSender(latencyOf: (i: number) => number) {
  let answeringAt: number | undefined;
  const counts = { sent: 0, inFlight: 0, maxInFlight: 0 };
  const now = () => answeringAt ?? performance.now();
  const sender: HttpSender = {
    send(_body, _contentType, callbacks) {
      const flight = callbacks as SendCallbacks & { intendedAt: number };
      const at = flight.intendedAt + latencyOf(counts.sent++);
      counts.maxInFlight = Math.max(counts.maxInFlight, ++counts.inFlight);
      setTimeout(
        () => {
          counts.inFlight--;
          answeringAt = flight.intendedAt;
          flight.onSent();
          answeringAt = at;
          flight.onDone(200, undefined);
          answeringAt = undefined;
        },
        Math.max(0, at - performance.now()),
      );
    },
    close: async () => {},
    destroy: async () => {},
  };
  return { sender, now, counts };
}

/**
 * A sender on a virtual clock: each request is answered `latencyOf(its start)` ms after it started, answers are
 * delivered in time order, and the clock reads the time of the answer being delivered. A closed-model run is then
 * a simulation: exact figures, no wall clock involved.
 */
function virtualSender(latencyOf: (startedAt: number) => number) {
  let clock = 0;
  const counts = { maxInFlight: 0 };
  const pending: { at: number; flight: SendCallbacks }[] = [];
  let scheduled = false;
  const deliver = () => {
    scheduled = false;
    pending.sort((a, b) => a.at - b.at);
    const next = pending.shift();
    if (!next) return;
    clock = next.at;
    next.flight.onDone(200, undefined);
    schedule();
  };
  const schedule = () => {
    if (scheduled || pending.length === 0) return;
    scheduled = true;
    setImmediate(deliver);
  };
  const sender: HttpSender = {
    send(_body, _contentType, callbacks) {
      callbacks.onSent();
      pending.push({ at: clock + latencyOf(clock), flight: callbacks });
      counts.maxInFlight = Math.max(counts.maxInFlight, pending.length);
      schedule();
    },
    close: async () => {},
    destroy: async () => {},
  };
  return { sender, now: () => clock, counts };
}

/** Runs a plan against a fresh receiver and closes it, whatever happens. */
async function loadAgainst(receiverOptions: LoadReceiverOptions, input: Omit<LoadInput, 'target'>) {
  const receiver = await startLoadReceiver(receiverOptions);
  const samples: Sample[] = [];
  try {
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SmartCover,SoundHound',
      warmup: '0',
      ...input,
      target: receiver.url,
    });
    const report = await runLoad(plan, { onSample: (s) => samples.push({ ...s }) });
    return { report, receiver, samples };
  } finally {
    await receiver.close();
  }
}

describe('load engine', () => {
  it('reports percentiles that match the latencies the requests had', async () => {
    // Of every 20 requests: 12 answered 10 ms after they were due, 7 after 50 ms, 1 after 200 ms. The sender
    // is scripted and answers on the engine's clock, so the figures are exact, whatever the machine's load.
    const latencyOf = (i: number) => (i % 20 < 12 ? 10 : i % 20 < 19 ? 50 : 200);
    const scripted = scriptedSender(latencyOf);
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SmartCover,SoundHound',
      format: 'mixed',
      rate: 200,
      warmup: '0',
      duration: '1s',
      target: 'http://127.0.0.1:9/callback',
    });
    const report = await runLoad(plan, { sender: scripted.sender, now: scripted.now });
    assert.equal(report.model, 'open');
    assert.equal(report.requests, 200);
    assert.equal(report.responses, 200);
    assert.deepEqual(report.statusCodes, { '200': 200 });
    const l = report.latencyMs;
    // HDR keeps 3 significant digits: each figure is the injected latency, to within its bucket.
    const near = (value: number, expected: number) =>
      assert.ok(value >= expected && value < expected * 1.001, `${value} ≈ ${expected}`);
    near(l.p50, 10);
    near(l.p90, 50);
    near(l.p99, 200);
    near(l.max, 200);
    assert.ok(Math.abs(l.mean - 33.5) < 0.05, `mean ${l.mean} (injected mean 33.5 ms)`);
  });

  it('explains an achieved rate above the target: answers to warm-up requests arrive in the window', async () => {
    // Requests due in the warm-up are answered 300 ms late, inside the measured window, on top of its own.
    const scripted = scriptedSender((i) => (i < 50 ? 300 : 1));
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SoundHound',
      rate: 100,
      warmup: '500ms',
      duration: '500ms',
      target: 'http://127.0.0.1:9/callback',
    });
    const report = await runLoad(plan, { sender: scripted.sender, now: scripted.now });
    assert.ok(report.achievedRate > 110, `achieved ${report.achievedRate}`);
    assert.match(
      report.saturation.warnings.join('\n'),
      /above the target 100: .*answers to requests due earlier/,
    );
  });

  it('open model: leaves the warm-up out of every measured figure and reports it apart', async () => {
    // Requests due in the warm-up take 100 ms, the measured ones 5 ms (on the engine's clock): a warm-up
    // request in any measured figure would show as a 100 ms latency.
    const scripted = scriptedSender((i) => (i < 50 ? 100 : 5));
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SmartCover,SoundHound',
      rate: 100,
      warmup: '500ms',
      duration: '500ms',
      target: 'http://127.0.0.1:9/callback',
    });
    const report = await runLoad(plan, { sender: scripted.sender, now: scripted.now });
    assertWarmupExcluded(report, { measured: 50, warmup: 50, measuredMs: 5, warmupMs: 100 });
  });

  it('closed model: leaves the warm-up out of every measured figure and reports it apart', async () => {
    // Two workers; requests started in the first 100 ms take 25 ms, later ones 10 ms: 4 + 4 in the warm-up,
    // then 20 + 20 in the 200 ms window, on a virtual clock.
    const virtual = virtualSender((startedAt) => (startedAt < 100 ? 25 : 10));
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SmartCover,SoundHound',
      connections: 2,
      warmup: '100ms',
      duration: '200ms',
      target: 'http://127.0.0.1:9/callback',
    });
    const report = await runLoad(plan, { sender: virtual.sender, now: virtual.now });
    assertWarmupExcluded(report, { measured: 40, warmup: 8, measuredMs: 10, warmupMs: 25 });
  });

  it('measures from the first request with --warmup 0, and says there was no warm-up', async () => {
    const virtual = virtualSender(() => 10);
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SoundHound',
      connections: 1,
      warmup: '0',
      duration: '100ms',
      target: 'http://127.0.0.1:9/callback',
    });
    const report = await runLoad(plan, { sender: virtual.sender, now: virtual.now });
    assert.equal(report.requests, 10);
    assert.deepEqual([report.warmup.seconds, report.warmup.requests], [0, 0]);
    assert.match(formatReport(report), /^warm-up {7}none: start-up .* is inside the measured window$/m);
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
    // Each request is answered 20 ms after it started, on a virtual clock: 4 workers × 50 in the second.
    const virtual = virtualSender(() => 20);
    const plan = resolveLoadPlan({
      seed: 7,
      tags: 'SmartCover,SoundHound',
      connections: 4,
      warmup: '0',
      duration: '1s',
      target: 'http://127.0.0.1:9/callback',
    });
    const report = await runLoad(plan, { sender: virtual.sender, now: virtual.now });
    assert.equal(report.model, 'closed');
    assert.equal(report.targetRate, null);
    assert.equal(virtual.counts.maxInFlight, 4);
    assert.equal(report.requests, 200);
    // The last answer of each worker lands on the window's end, outside it.
    assert.ok(report.achievedRate >= 196 && report.achievedRate <= 200, `rate ${report.achievedRate}`);
    assert.ok(report.latencyMs.p50 >= 20 && report.latencyMs.p50 < 20.02, `p50 ${report.latencyMs.p50}`);
  });

  it('sorts transport failures into connect, timeout and reset', async () => {
    const closed = await startLoadReceiver();
    const deadUrl = closed.url;
    await closed.close();
    const connect = await runLoad(
      resolveLoadPlan({ target: deadUrl, rate: 50, warmup: '0', duration: '200ms', tags: 'SoundHound' }),
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
    const scripted = scriptedSender(() => 1);
    const stop = new AbortController();
    let answered = 0;
    const plan = resolveLoadPlan({
      target: 'http://127.0.0.1:9/callback',
      rate: 100,
      warmup: '0',
      duration: '10s',
      tags: 'SoundHound',
    });
    const report = await runLoad(plan, {
      sender: scripted.sender,
      now: scripted.now,
      onSample: () => {
        if (++answered === 20) stop.abort();
      },
      signal: stop.signal,
    });
    assert.equal(report.aborted, true);
    assert.equal(report.requests, 20, 'what was answered before the stop, nothing after');
    assert.ok(report.durationSeconds < 10, `${report.durationSeconds}`);
    // Unfinished are the requests sent before the stop and not answered (a busy machine answers late); the
    // ~980 due after the stop were never sent and are not counted.
    assert.ok(scripted.counts.sent < 100, `${scripted.counts.sent} sent`);
    assert.equal(report.saturation.unfinished, scripted.counts.sent - 20);
    assert.doesNotMatch(report.saturation.warnings.join('\n'), /had not finished/);
  });
});

/** Every measured figure holds the measured requests only; the warm-up's are in `warmup` and said to be left out. */
function assertWarmupExcluded(
  report: LoadReport,
  expected: { measured: number; warmup: number; measuredMs: number; warmupMs: number },
): void {
  const near = (value: number, ms: number) => value >= ms && value < ms * 1.01;
  assert.equal(report.requests, expected.measured);
  assert.equal(report.responses, expected.measured);
  assert.deepEqual(report.statusCodes, { '200': expected.measured });
  assert.ok(near(report.latencyMs.max, expected.measuredMs), `measured max ${report.latencyMs.max}`);
  const perTag = Object.values(report.tags).reduce((sum, t) => sum + t.requests, 0);
  assert.equal(perTag, expected.measured, 'per Tag: measured requests only');
  const inTimeline = report.timeline.reduce((sum, s) => sum + s.requests, 0);
  assert.equal(inTimeline, expected.measured, 'timeline: measured requests only');
  assert.ok(report.timeline.every((s) => s.latencyMs.max < expected.warmupMs));
  // --fail-on judges the measured window: the warm-up's slow answers cross nothing.
  const [p99] = evaluateThresholds(parseThresholds(`max>=${expected.warmupMs}ms`), report);
  assert.equal(p99?.crossed, false);

  const w = report.warmup;
  assert.equal(w.excluded, true);
  assert.deepEqual([w.requests, w.responses, w.failures], [expected.warmup, expected.warmup, 0]);
  assert.ok(near(w.latencyMs.p50, expected.warmupMs) && near(w.latencyMs.max, expected.warmupMs));
  assert.equal(w.seconds, report.warmupSeconds);
  // Every report form says so.
  assert.match(formatReport(report), /^warm-up {7}[\d.]+ s, excluded from every other figure: /m);
  assert.match(renderHtmlReport(report), /Warm-up<\/th><td>[\d.]+ s, excluded from every other figure/);
  assert.match(
    thresholdsJUnit(evaluateThresholds(parseThresholds('p99>1s'), report), report),
    /<property name="warmup.excluded" value="true"\/>/,
  );
}
