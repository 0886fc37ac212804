/**
 * The moderation probes (`probe --review KIND`): the reference receiver passes them; receivers that mishandle
 * moderation callbacks fail exactly the probes they should. Kept apart from teeth.test.ts (the delivery faults).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createReceiver } from '../../examples/receiver/app.ts';
import { listenReceiver } from '../../examples/receiver/listen.ts';
import {
  headerIgnoringReceiver,
  noContentReviewReceiver,
  reviewRejectingReceiver,
} from '../../test/support/faulty-receivers.ts';
import { InputError } from '../core/errors.ts';
import type { ReviewKind } from '../moderation/types.ts';
import { type ProbeReport, probeIds, runProbes, selectProbes } from './runner.ts';

const closers: (() => void)[] = [];
after(() => {
  for (const close of closers) close();
});

async function probeReviews(app: Hono, review: ReviewKind, only = ['review']): Promise<ProbeReport> {
  const { server, url } = await listenReceiver(app, { port: 0, requestTimeoutMs: 2_500 });
  closers.push(() => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close();
  });
  return runProbes({ target: `${url}/callback`, review, only, timeoutMs: 3_000, seed: 5 });
}

const verdicts = (report: ProbeReport) => Object.fromEntries(report.probes.map((p) => [p.id, p.verdict]));

describe('probe --review', () => {
  it('probes each form the kind has and its console test; the reference receiver passes them', async () => {
    const report = await probeReviews(createReceiver(), 'video');
    assert.deepEqual(verdicts(report), {
      'review/simple': 'pass',
      'review/detail': 'pass',
      'review/console-test': 'pass',
    });
    assert.ok(report.passed);
    assert.ok(report.probes.every((p) => p.canary?.status === 200 && p.statuses.every((s) => s === 200)));
    assert.equal(report.probes[0]?.statuses.length, 3, 'one callback per result class');
  });

  it('fails a receiver that ignores X-Ci-Content-Version on the Simple probes only', async () => {
    // image's default form, and so the canary, is Detail
    const report = await probeReviews(headerIgnoringReceiver, 'image');
    assert.deepEqual(verdicts(report), {
      'review/detail': 'pass',
      'review/simple': 'fail',
      'review/console-test': 'fail',
    });
    assert.match(report.probes[1]?.happened ?? '', /normal 400 .*: 3 of 3 not answered 200/);
  });

  it('fails a receiver that answers 204 instead of 200', async () => {
    const report = await probeReviews(noContentReviewReceiver, 'document');
    // documents have no Simple form and no console test; the canary's 204 is accepted (2xx)
    assert.deepEqual(verdicts(report), { 'review/detail': 'fail' });
    assert.match(report.probes[0]?.happened ?? '', /204/);
  });

  it('stops before any probe when the receiver refuses a moderation callback (the canary is one)', async () => {
    const report = await probeReviews(reviewRejectingReceiver, 'text');
    assert.match(report.stoppedEarly ?? '', /did not accept a valid callback before any probe \(400/);
    assert.equal(report.counts.notRun, 3);
  });

  it('lists the moderation probes only with review, after the delivery faults', () => {
    assert.ok(!probeIds().some((id) => id.startsWith('review/')));
    assert.deepEqual(probeIds('document').slice(-1), ['review/detail']);
    assert.deepEqual(probeIds('audio').slice(-3), ['review/simple', 'review/detail', 'review/console-test']);
    assert.throws(
      () => selectProbes(['review']),
      (error: unknown) =>
        error instanceof InputError &&
        /'review' is a moderation probe: it runs only with review/.test(error.message),
    );
    assert.deepEqual(
      selectProbes(['review/detail'], [], 'html').map((p) => p.id),
      ['review/detail'],
    );
  });
});
