/**
 * Many receivers close idle keep-alive sockets without announcing it (gunicorn after 2 s, uvicorn after 5 s).
 * A client that keeps idle sockets longer writes the next callback on a socket the receiver has just closed,
 * and the receiver never sees that attempt. This receiver closes idle sockets after 2 s without a Keep-Alive
 * header; a request written on a socket that has been idle that long is lost, as when the close and the write
 * cross on the wire (the worst case of the race, made deterministic).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createDeliveryClient } from './client.ts';
import { createDeliverer } from './deliverer.ts';
import { createScheduler } from './scheduler.ts';
import { createDeliveryStore } from './store.ts';

const IDLE_CLOSE_MS = 2_000;
/** How close to the idle limit a write still crosses the receiver's close. */
const RACE_WINDOW_MS = 150;

function startGunicornLikeReceiver() {
  let requests = 0;
  let lost = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let idleSince = performance.now();
    let idleTimer = setTimeout(() => socket.end(), IDLE_CLOSE_MS);
    let buffered = '';
    socket.on('data', (chunk) => {
      if (buffered === '' && performance.now() - idleSince >= IDLE_CLOSE_MS - RACE_WINDOW_MS) {
        lost++;
        socket.destroy();
        return;
      }
      clearTimeout(idleTimer);
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = '';
      requests++;
      // HTTP/1.1 keeps the connection open by default; no Keep-Alive header says for how long
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      idleSince = performance.now();
      idleTimer = setTimeout(() => socket.end(), IDLE_CLOSE_MS);
    });
    socket.on('error', () => {});
  });
  return {
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`),
        ),
      ),
    counts: () => ({ requests, lost }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('idle keep-alive connections', () => {
  const receiver = startGunicornLikeReceiver();
  let url = '';
  before(async () => {
    url = await receiver.listen();
  });
  after(() => receiver.close());

  it('a schedule at the receiver idle period never loses a first attempt', async () => {
    const store = createDeliveryStore({ path: ':memory:' });
    const client = createDeliveryClient({ timeoutMs: 2_000 });
    const deliverer = createDeliverer({ store, client, retryPolicy: { delaysMs: [] } });
    const scheduler = createScheduler({ store, deliverer });
    try {
      const runs = 3;
      const schedule = scheduler.create({ target: url, every: '2s', choice: {}, headers: {}, limit: runs });
      const deadline = Date.now() + runs * 2_000 + 3_000;
      while (
        store.listDeliveries({ scheduleId: schedule.id, limit: runs }).filter((d) => d.finishedAt).length <
        runs
      ) {
        assert.ok(Date.now() < deadline, 'the schedule did not finish its runs');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const deliveries = store.listDeliveries({ scheduleId: schedule.id, limit: runs });
      assert.deepEqual(
        deliveries.map((d) => d.status),
        Array(runs).fill('delivered'),
        JSON.stringify(deliveries.map((d) => d.error)),
      );
      assert.deepEqual(receiver.counts(), { requests: runs, lost: 0 });
    } finally {
      scheduler.stop();
      await deliverer.drain();
      await client.close();
      store.close();
    }
  });
});
