/** A load run of moderation callbacks: each request a distinct job, sent with its X-Ci-Content-Version. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { createBodyPool } from './body-pool.ts';
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
});
