import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCallback } from '../../examples/receiver/callback.ts';
import { runCaptured } from '../../test/support/cli.ts';
import { startReceiver } from '../../test/support/receiver.ts';

describe('ci-callback send --fault', () => {
  it('sends each callback, then its faulted extras, one line each and a count per fault', async () => {
    // a receiver that reads callbacks as the reference receiver does: 400 to what is not one
    const receiver = await startReceiver((request) => {
      try {
        parseCallback(String(request.headers['content-type']), request.body);
        return { status: 204 };
      } catch {
        return { status: 400 };
      }
    });
    try {
      const { code, stdout } = await runCaptured([
        'send',
        '--target',
        receiver.url,
        '--tag',
        'Transcode',
        '--seed',
        '8',
        '--count',
        '2',
        '--fault',
        'duplicate',
        '--fault',
        'malformed=100%',
      ]);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^#1 Transcode xml direct\/success seed 8 → .*: HTTP 204/m);
      assert.match(
        stdout,
        /^#2 Transcode xml direct\/success seed 8 \[fault duplicate of #1\] → .*: HTTP 204/m,
      );
      assert.match(
        stdout,
        /^#3 Transcode xml direct\/success seed 8 \[fault malformed\/[a-z-]+ of #1\] → .*: FAILED HTTP 400/m,
      );
      assert.match(stdout, /^sent 2 to .*: 2 delivered, 0 failed$/m);
      assert.match(stdout, /^faults: duplicate 2 \(2 accepted\), malformed\/[a-z-]+ \d \(0 accepted\)/m);
      assert.equal(receiver.received.length, 6);
      // a duplicate is the very bytes of its callback (the next callback may reach the receiver between them)
      const bodies = receiver.received.map((r) => r.body);
      assert.ok(bodies.slice(1).includes(bodies[0] as string), 'the first callback’s duplicate');
      assert.equal(new Set(bodies).size, 4, 'two callbacks and their duplicates, two malformed extras');
    } finally {
      await receiver.close();
    }
  });

  it('bursts a --count batch: all at once', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    try {
      const { code, stdout } = await runCaptured([
        'send',
        '--target',
        receiver.url,
        '--tag',
        'Snapshot',
        '--count',
        '5',
        '--fault',
        'burst',
      ]);
      assert.equal(code, 0);
      assert.match(stdout, /fault burst: the 5 callbacks were sent at once/);
      assert.equal((stdout.match(/\[fault burst\]/g) ?? []).length, 5);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a bad --fault with exit 2', async () => {
    const { code, stderr } = await runCaptured([
      'send',
      '--target',
      'http://127.0.0.1:9/cb',
      '--tag',
      'Snapshot',
      '--fault',
      'dupe',
    ]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /--fault 'dupe': unknown fault 'dupe'; accepted fault names: duplicate, reorder, burst/,
    );
  });
});
