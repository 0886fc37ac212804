import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, it, mock } from 'node:test';
import { probeReceiver, watchReceiver } from './receiver-reach.ts';

describe('is the receiver there?', () => {
  it('a probe is one TCP connect: nothing to say when something listens, "connection refused" when not', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    assert.equal(await probeReceiver(url), undefined);
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await probeReceiver(url), 'connection refused');
  });

  it('the watch reports a receiver gone after two failed probes in a row, not after one blip', async (t) => {
    mock.timers.enable({ apis: ['setTimeout'] });
    t.after(() => mock.timers.reset());
    const answers = [undefined, 'connection refused', undefined, 'connection refused', 'connection refused'];
    let probes = 0;
    const watch = watchReceiver('http://127.0.0.1:1', {
      probe: async () => answers[probes++],
      intervalMs: 500,
    });
    let gone: string | undefined;
    void watch.gone.then((problem) => {
      gone = problem;
    });
    for (let i = 0; i < 4; i++) {
      mock.timers.tick(500);
      await new Promise((resolve) => process.nextTick(resolve));
      await Promise.resolve();
    }
    assert.equal(probes, 4);
    assert.equal(gone, undefined, 'a single failed probe between answers is a blip');
    mock.timers.tick(500);
    await new Promise((resolve) => process.nextTick(resolve));
    await Promise.resolve();
    assert.equal(probes, 5);
    assert.equal(gone, 'connection refused');
    watch.stop();
  });
});
