/** A load run of moderation callbacks: each request a distinct job, sent with its X-Ci-Content-Version. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { faultPlanOf } from '../faults/options.ts';
import { createBodyPool } from './body-pool.ts';
import { runLoad } from './engine.ts';
import { resolveLoadPlan } from './plan.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const TARGET = 'http://127.0.0.1:9/cb';

describe('load with review', () => {
  it('plans moderation callbacks of one kind, JSON, named review:<kind>', () => {
    const plan = resolveLoadPlan({ target: TARGET, rate: 10, review: 'audio', callbackVersion: 'detail' });
    assert.deepEqual(plan.review, { review: 'audio', callbackVersion: 'detail', result: 'mixed' });
    assert.deepEqual(plan.tags, [{ tag: 'review:audio', weight: 1 }]);
    assert.equal(plan.format, 'json');
  });

  it('refuses TaskFinish choices beside review, review choices without it, and a form the kind lacks', () => {
    const refused = (input: Record<string, unknown>, field: string) =>
      assert.throws(
        () => resolveLoadPlan({ target: TARGET, rate: 10, ...input }),
        (error: unknown) => error instanceof InputError && error.field === field,
      );
    refused({ review: 'video', tags: 'SmartCover' }, 'tags');
    refused({ review: 'video', format: 'xml' }, 'format');
    refused({ review: 'html', callbackVersion: 'simple' }, 'callbackVersion');
    refused({ result: 'violation' }, 'result');
  });

  it('stamps each body as a new job (JobId and CreationTime), keeps its header, cycles the results', () => {
    const pool = createBodyPool({
      tags: [{ tag: 'review:video', weight: 1 }],
      review: { review: 'video', callbackVersion: 'detail', result: 'mixed' },
      format: 'json',
      trigger: 'direct',
      state: 'success',
      seed: 4,
      templatesPerTag: 6,
    });
    const ids = new Set<string>();
    const results = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const lease = pool.next(NOW + i * 1000);
      assert.equal(lease.tag, 'review:video');
      assert.equal(lease.contentType, 'application/json');
      assert.deepEqual(lease.headers, { 'X-Ci-Content-Version': 'Detail' });
      const job = (JSON.parse(lease.body.toString('utf8')) as { JobsDetail: Record<string, unknown> })
        .JobsDetail;
      assert.match(job['JobId'] as string, /^av[0-9a-f]{32}$/);
      ids.add(job['JobId'] as string);
      results.add(job['Result'] as number);
      assert.equal(Date.parse(job['CreationTime'] as string), Math.round((NOW + i * 1000) / 1000) * 1000);
      lease.release();
    }
    assert.equal(ids.size, 30);
    assert.deepEqual([...results].sort(), [0, 1, 2]);
  });

  it("sends X-Ci-Content-Version with every request of a faulted run, the faults' extra requests included", async () => {
    const versions: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      versions.push(req.headers['x-ci-content-version'] as string | undefined);
      req.resume();
      req.on('end', () => res.writeHead(200).end());
      req.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
      const plan = resolveLoadPlan({
        target,
        rate: 20,
        duration: '500ms',
        warmup: 0,
        timeout: '2s',
        review: 'text',
        seed: 2,
      });
      plan.faults = faultPlanOf({ duplicate: true, malformed: true, 'unknown-fields': true }, 'single');
      const report = await runLoad(plan);
      const extras = Object.values(report.faults ?? {}).reduce((sum, tally) => sum + tally.sent, 0);
      assert.ok(report.requests > 0 && extras === 3 * report.requests, JSON.stringify(report.faults));
      assert.equal(versions.length, report.requests + extras);
      // text's default form is Simple
      assert.deepEqual(new Set(versions), new Set(['Simple']));
    } finally {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
