/**
 * @module bench/ci-jobs
 * CI's job API under load: clients submit single-job `POST /jobs` requests (4 at a time, each job with its own
 * CallBack to a fast loopback receiver in its own process) to the compiled server (its own process, file db,
 * `--ci-job-time 0s`, so what is measured is the API, the job's life and its callback, not the waiting).
 * Prints jobs submitted per second with their callbacks delivered (the clock stops when the last callback has
 * arrived), judged as a ratio against a reference measured in the same run: as many callbacks sent by
 * `POST /emit` (count=100, 4 at a time) to the same receiver. Checks that every job called back exactly once.
 * The server runs from dist/ (`npm run build` first; `npm test` builds it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { startChild, stopChild } from './child-process.ts';
import { print } from './report.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const CLIENTS = 4;
const PER_EMIT = 100;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const agent = new Agent({ connections: CLIENTS * 2 });

async function stats(receiver: string) {
  const { body } = await request(`${receiver}/stats`, { dispatcher: agent });
  return (await body.json()) as { requests: number; withoutJobId: number; duplicateJobIds: number };
}

/** Waits (bounded) until the receiver has had `count` requests; the time it had them. */
async function arrived(receiver: string, count: number): Promise<number> {
  for (let i = 0; i < 6_000; i++) {
    if ((await stats(receiver)).requests >= count) return performance.now();
    await sleep(5);
  }
  throw new Error(`the receiver never had ${count} callbacks`);
}

/** `CLIENTS` loops of `send` for SECONDS; how many callbacks they asked for. */
async function drive(send: () => Promise<number>): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let asked = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) asked += await send();
    }),
  );
  return asked;
}

export async function ciJobsBench(): Promise<void> {
  if (!existsSync(here('../dist/server/index.js')))
    throw new Error('bench ci-jobs runs the compiled server: npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'ci-callback-bench-ci-'));
  const receiver = await startChild(['--import', 'tsx', here('./receiver.ts'), '--job-ids'], Number);
  const receiverUrl = `http://127.0.0.1:${receiver.value}`;
  const target = `${receiverUrl}/callback`;
  const server = await startChild(
    [here('./fixture-server-process.js'), join(dir, 'state.db'), JSON.stringify({ ciJobTime: '0s' })],
    (text) => (JSON.parse(text) as { url: string }).url,
  );
  try {
    // reference: callbacks sent by POST /emit, in this run, to the same receiver
    let base = (await stats(receiverUrl)).requests;
    let started = performance.now();
    const emitted = await drive(async () => {
      const { statusCode, body } = await request(`${server.value}/emit`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target, tag: 'Transcode', count: PER_EMIT }),
      });
      await body.text();
      if (statusCode !== 200) throw new Error(`POST /emit answered ${statusCode}`);
      return PER_EMIT;
    });
    const emitPerSecond = emitted / (((await arrived(receiverUrl, base + emitted)) - started) / 1000);

    base = (await stats(receiverUrl)).requests;
    started = performance.now();
    let n = 0;
    const submitted = await drive(async () => {
      const xml =
        `<Request><Tag>Transcode</Tag><Input><Object>bench/${n++}.mp4</Object></Input>` +
        `<Operation><TemplateId>t1460606b9752148c4ab182f55163ba7cd</TemplateId></Operation>` +
        `<CallBack>${target}</CallBack></Request>`;
      const { statusCode, body } = await request(`${server.value}/jobs`, {
        method: 'POST',
        dispatcher: agent,
        body: xml,
      });
      await body.text();
      if (statusCode !== 200) throw new Error(`POST /jobs answered ${statusCode}`);
      return 1;
    });
    const jobsPerSecond = submitted / (((await arrived(receiverUrl, base + submitted)) - started) / 1000);
    const after = await stats(receiverUrl);

    print(
      `jobs submitted with their callbacks delivered (${CLIENTS} clients, ${SECONDS} s, --ci-job-time 0s)`,
      [
        `reference, POST /emit count=${PER_EMIT}: ${emitted} callbacks, ${emitPerSecond.toFixed(0)}/s`,
        `POST /jobs, one job each: ${submitted} jobs, ${jobsPerSecond.toFixed(0)} jobs/s with their callbacks`,
        `ratio jobs/s ÷ emitted callbacks/s: ${(jobsPerSecond / emitPerSecond).toFixed(3)}`,
        `every job called back once: ${after.duplicateJobIds === 0 && after.withoutJobId === 0 ? 'yes' : `NO (${after.duplicateJobIds} duplicates, ${after.withoutJobId} without a JobId)`}`,
      ],
    );
  } finally {
    await stopChild(server.child);
    await stopChild(receiver.child);
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
