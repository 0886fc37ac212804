import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startReceiver, type TestReceiver } from '../../test/support/receiver.ts';
import type { DeliveryDetail, DeliverySummary } from '../delivery/store.ts';
import { startServer } from './start.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `ci-callback serve` in a child process, as a user would run it; resolves once it listens. */
async function spawnServe(db: string): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--db', db, '--no-demo'],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { child, url, output: () => output, exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${output}`);
    }
    await sleep(20);
  }
}

const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function until(condition: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const hits = (receiver: TestReceiver, path: string) =>
  receiver.received.filter((r) => r.path === path).length;

describe('restart on the same db file', () => {
  let dir: string;
  let receiver: TestReceiver;
  const children: ChildProcess[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ci-callback-restart-'));
    // /hang never answers: a delivery to it is in flight when the server dies
    receiver = await startReceiver((request) => (request.path === '/hang' ? 'hang' : { status: 200 }));
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('after kill -9, keeps every delivery, marks the one in flight, and resumes the schedule', async () => {
    const db = join(dir, 'state.db');
    const first = await spawnServe(db);
    children.push(first.child);
    const target = (path: string) => receiver.url.replace('/callback', path);

    const created = await postJson(`${first.url}/schedules`, {
      target: target('/sched'),
      every: '100ms',
      limit: 100,
    });
    assert.equal(created.status, 201);
    const schedule = (await created.json()) as { id: number };
    // this emit waits on the hanging receiver until the process is killed
    postJson(`${first.url}/emit`, { target: target('/hang'), tag: 'SmartCover' }).catch(() => undefined);
    await until(
      () => hits(receiver, '/hang') === 1 && hits(receiver, '/sched') >= 3,
      'deliveries before the kill',
    );

    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = hits(receiver, '/sched');

    const restartedAt = new Date().toISOString();
    const second = await startServer({ db });
    try {
      assert.ok(second.recovered.deliveries >= 1, `recovered ${JSON.stringify(second.recovered)}`);
      const interrupted = (await (await fetch(`${second.url}/deliveries?status=interrupted`)).json()) as {
        deliveries: DeliverySummary[];
      };
      const hung = interrupted.deliveries.find((d) => d.target === target('/hang'));
      assert.ok(hung, 'the in-flight delivery is marked interrupted, not forgotten');
      const detail = (await (await fetch(`${second.url}/deliveries/${hung.id}`)).json()) as DeliveryDetail;
      assert.deepEqual(
        detail.attempts.map((a) => a.status),
        ['interrupted'],
      );
      assert.match(detail.request.body, /<Tag>SmartCover<\/Tag>/);

      const logged = (await (
        await fetch(`${second.url}/deliveries?schedule=${schedule.id}&limit=500`)
      ).json()) as {
        deliveries: DeliverySummary[];
      };
      // everything the receiver got before the kill is in the log: recorded before it was sent
      const fromFirstRun = logged.deliveries.filter((d) => d.createdAt < restartedAt);
      assert.ok(
        fromFirstRun.length >= beforeRestart,
        `${fromFirstRun.length} logged, ${beforeRestart} received`,
      );
      const statuses = fromFirstRun.map((d) => d.status);
      assert.ok(
        statuses.every((status) => status === 'delivered' || status === 'interrupted'),
        statuses.join(),
      );
      assert.ok(statuses.filter((status) => status === 'delivered').length >= 2, statuses.join());

      const state = (await (await fetch(`${second.url}/schedules/${schedule.id}`)).json()) as {
        status: string;
      };
      assert.equal(state.status, 'active');
      await until(() => hits(receiver, '/sched') >= beforeRestart + 2, 'the schedule to resume');
    } finally {
      await second.close();
    }
  });

  it('after kill -9 right after an emit is answered, keeps every delivery the answer reported, as it ended', async () => {
    // the log writes in batches: what an answer reports is committed before the answer is sent
    const db = join(dir, 'answered.db');
    const server = await spawnServe(db);
    children.push(server.child);
    const answer = await postJson(`${server.url}/emit`, {
      target: receiver.url.replace('/callback', '/batch'),
      tag: 'Transcode',
      count: 40,
    });
    assert.equal(answer.status, 200);
    const { deliveries } = (await answer.json()) as { deliveries: DeliverySummary[] };
    server.child.kill('SIGKILL');
    await server.exited;

    const restarted = await startServer({ db });
    try {
      assert.equal(restarted.recovered.deliveries, 0, 'nothing was left in flight');
      const logged = (await (await fetch(`${restarted.url}/deliveries?limit=100`)).json()) as {
        deliveries: DeliverySummary[];
      };
      const byId = new Map(logged.deliveries.map((d) => [d.id, d]));
      assert.equal(deliveries.length, 40);
      for (const sent of deliveries) {
        assert.deepEqual(
          [byId.get(sent.id)?.status, byId.get(sent.id)?.httpStatus],
          ['delivered', 200],
          `#${sent.id}`,
        );
      }
      const last = deliveries.at(-1) as DeliverySummary;
      const detail = (await (await fetch(`${restarted.url}/deliveries/${last.id}`)).json()) as DeliveryDetail;
      assert.match(detail.request.body, /<Tag>Transcode<\/Tag>/);
      assert.deepEqual(
        detail.attempts.map((a) => a.status),
        ['ok'],
      );
    } finally {
      await restarted.close();
    }
  });

  it('stops on SIGTERM: finishes, closes the db and exits 0', async () => {
    const db = join(dir, 'state.db');
    const server = await spawnServe(db);
    children.push(server.child);
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, server.output());
    // the schedule of the test above resumed here too: its deliveries in flight may finish after the signal
    assert.match(server.output(), /SIGTERM: finishing deliveries in flight, then stopping\n/);
    assert.match(server.output(), /\nstopped\n$/);
  });
});
