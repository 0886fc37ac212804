import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  crashOnMalformedReceiver,
  elementOrderReceiver,
  literalContentTypeReceiver,
  noBodyTimeoutReceiver,
  type RunningReceiver,
  referenceReceiver,
  strictSchemaReceiver,
  uniqueJobIdReceiver,
} from '../../test/support/fragile-receivers.ts';
import { LARGE_WORDS } from '../faults/body-shapes.ts';
import { FAULT_NAMES } from '../faults/catalog.ts';
import { type ProbeReport, runProbes } from './runner.ts';

// Bounded: a probe waits 3.5 s at most for an answer; the receivers time a request out after 2.5 s. The
// fragile receivers get a 0.6 MiB large body (the reference receiver the full 5.6 MiB): enough to probe, and
// light enough not to slow the tests that run beside these.
const FAST = {
  timeoutMs: 3_500,
  slowBodyMs: 200,
  canaryTimeoutMs: 3_500,
  burstSize: 10,
  seed: 11,
  largeWords: 2_000,
};

const open: RunningReceiver[] = [];
after(async () => {
  await Promise.all(open.map((receiver) => receiver.close()));
});

async function probe(
  start: () => Promise<RunningReceiver>,
  format: 'xml' | 'json' = 'xml',
  largeWords = FAST.largeWords,
): Promise<ProbeReport> {
  const receiver = await start();
  open.push(receiver);
  return runProbes({ target: receiver.url, format, ...FAST, largeWords });
}

const failed = (report: ProbeReport) => report.probes.filter((p) => p.verdict === 'fail').map((p) => p.id);

describe('probe battery: the reference receiver', () => {
  for (const format of ['xml', 'json'] as const) {
    it(`passes every probe (${format})`, async () => {
      const report = await probe(referenceReceiver, format, LARGE_WORDS);
      assert.deepEqual(
        failed(report),
        [],
        JSON.stringify(
          report.probes.filter((p) => p.verdict !== 'pass'),
          null,
          1,
        ),
      );
      assert.equal(report.passed, true);
      assert.equal(report.stoppedEarly, null);
      assert.deepEqual(
        [...new Set(report.probes.map((p) => p.fault))],
        [...FAULT_NAMES],
        'every fault is probed',
      );
      assert.ok(report.probes.every((p) => p.canary?.accepted));
    });
  }
});

describe('probe battery: fragile receivers fail exactly the probes they should', () => {
  it('one that crashes on malformed XML fails malformed, then the run stops early', async () => {
    const report = await probe(crashOnMalformedReceiver);
    assert.deepEqual(failed(report), ['malformed/cut-short']);
    assert.match(report.stoppedEarly ?? '', /stopped answering after malformed\/cut-short/);
    const cut = report.probes.findIndex((p) => p.id === 'malformed/cut-short');
    assert.ok(report.probes.slice(0, cut).every((p) => p.verdict === 'pass'));
    assert.ok(report.probes.slice(cut + 1).every((p) => p.verdict === 'not-run'));
    assert.equal(report.passed, false);
  });

  it('one with no body timeout hangs on a stalled slow body', async () => {
    const report = await probe(noBodyTimeoutReceiver);
    assert.deepEqual(failed(report), ['slow-body/stalled']);
    const stalled = report.probes.find((p) => p.id === 'slow-body/stalled');
    assert.match(stalled?.happened ?? '', /no body timeout/);
    assert.ok(stalled?.events.includes('no-answer'));
  });

  it('one with a unique JobId constraint answers 500 to a duplicate', async () => {
    const report = await probe(uniqueJobIdReceiver);
    assert.deepEqual(failed(report), ['duplicate/same-body']);
    assert.deepEqual(report.probes[0]?.statuses, [204, 500]);
  });

  it('one with a strict schema rejects unknown fields', async () => {
    const report = await probe(strictSchemaReceiver);
    assert.deepEqual(failed(report), ['unknown-fields/every-level']);
  });

  it('one that depends on element order rejects reordered elements', async () => {
    const report = await probe(elementOrderReceiver);
    assert.deepEqual(failed(report), ['reordered-elements/reversed']);
  });

  it('one that reads Content-Type literally refuses the variants CI can send', async () => {
    const report = await probe(literalContentTypeReceiver);
    assert.deepEqual(failed(report), [
      'content-type/xml-charset',
      'content-type/text-xml',
      'content-type/json-charset',
    ]);
  });
});
