import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBodyPool, defaultTemplatesPerTag, weightedRoundRobin } from './body-pool.ts';
import { parseTagWeights } from './plan.ts';
import { newStampSession } from './restamp.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('body pool', () => {
  it('hands out Tags in their weighted proportions, spread out', () => {
    const pick = weightedRoundRobin([5, 1]);
    const picks = Array.from({ length: 60 }, pick);
    assert.equal(picks.filter((i) => i === 0).length, 50);
    assert.equal(picks.filter((i) => i === 1).length, 10);
    // Smooth: the light choice never waits more than one cycle.
    for (let at = 0; at + 6 <= picks.length; at += 6) assert.ok(picks.slice(at, at + 6).includes(1));
  });

  it('mixes formats, triggers and states as asked', () => {
    const pool = createBodyPool({
      tags: parseTagWeights('SmartCover:3,SoundHound:1'),
      format: 'mixed',
      trigger: 'mixed',
      state: 'mixed',
      seed: 9,
      templatesPerTag: 20,
    });
    const bodies = Array.from({ length: 400 }, () => pool.next(NOW));
    const count = (test: (b: (typeof bodies)[number]) => boolean) => bodies.filter(test).length;
    assert.equal(
      count((b) => b.tag === 'SmartCover'),
      300,
    );
    assert.equal(
      count((b) => b.tag === 'SoundHound'),
      100,
    );
    assert.equal(
      count((b) => b.contentType === 'application/json'),
      200,
    );
    assert.equal(
      count((b) => b.body.includes('<Workflow>') || b.body.includes('"Workflow"')),
      200,
    );
    assert.equal(
      count((b) => /"State":\s*"Failed"|<State>Failed</.test(b.body.toString())),
      40,
    );
    assert.equal(pool.templates, 40);
  });

  it('has its one failed job in ten with --state mixed, however many templates a Tag gets', () => {
    const pool = createBodyPool({
      tags: parseTagWeights('SoundHound'),
      format: 'xml',
      trigger: 'direct',
      state: 'mixed',
      seed: 2,
      templatesPerTag: 4,
    });
    const bodies = Array.from({ length: 100 }, () => pool.next(NOW).body.toString());
    assert.equal(bodies.filter((b) => b.includes('<State>Failed</State>')).length, 10);
  });

  it('keeps to one format, trigger and state when given one', () => {
    const pool = createBodyPool({
      tags: parseTagWeights('SoundHound'),
      format: 'json',
      trigger: 'workflow',
      state: 'failed',
      seed: 1,
      templatesPerTag: 8,
    });
    for (let i = 0; i < 16; i++) {
      const { body, contentType } = pool.next(NOW);
      assert.equal(contentType, 'application/json');
      const text = body.toString();
      assert.match(text, /"Workflow"/);
      assert.match(text, /"State":\s*"Failed"/);
    }
  });

  it('sizes the pool to the number of Tags', () => {
    assert.equal(defaultTemplatesPerTag(1), 32);
    assert.equal(defaultTemplatesPerTag(16), 8);
    assert.equal(defaultTemplatesPerTag(100), 4);
  });

  it('builds whole requests, head then body, and re-stamps a released lease to the same bytes as a new one', () => {
    const session = newStampSession();
    const options = {
      tags: parseTagWeights('SmartCover:2,SoundHound:1'),
      format: 'mixed',
      trigger: 'mixed',
      state: 'success',
      seed: 4,
      templatesPerTag: 2,
      session,
    } as const;
    const head = (contentType: string, _headers: unknown, length: number) =>
      Buffer.from(`POST / HTTP/1.1\r\ncontent-type: ${contentType}\r\ncontent-length: ${length}\r\n\r\n`);
    const whole = createBodyPool({ ...options, requestHead: head });
    // the same pool without heads, every lease new (none released): the bytes as stamped before
    const reference = createBodyPool(options);
    const leases = new Set<object>();
    // sent 0.1 s apart, 4 templates: a lease's buffer is re-stamped sometimes within a second, sometimes not
    for (let i = 0; i < 60; i++) {
      const lease = whole.next(NOW + i * 100);
      const expected = reference.next(NOW + i * 100);
      assert.equal(lease.body.toString(), expected.body.toString(), `request ${i}`);
      assert.deepEqual(
        lease.request,
        Buffer.concat([head(lease.contentType, undefined, lease.body.length), lease.body]),
      );
      assert.equal(
        lease.request?.buffer,
        lease.body.buffer,
        'the body is the tail of the request, not a copy',
      );
      leases.add(lease);
      lease.release();
    }
    assert.equal(leases.size, whole.templates, 'one lease per template, reused once released');
    assert.equal(reference.next(NOW).request, undefined);
  });
});
