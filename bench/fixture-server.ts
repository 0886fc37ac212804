/**
 * @module bench/fixture-server
 * The fixture server under sustained emits: `POST /emit` with count=100, a random Tag and format each, against
 * a fast loopback receiver (its own process), with a file db that already holds 100,000 deliveries (the default
 * retention bound, so the pruner works all along, as on a server left running). Prints:
 *   1. the reference: the load engine's closed-model rate (50 connections, unrecorded callbacks) into the same
 *      receiver, measured in this run before and after the emits (their mean is the reference);
 *   2. recorded deliveries/s with 1 and with 4 emits in parallel, and the ratio of 4 emits to the reference
 *      (goal: ≥ 0.1 ×), and to the same workload on an empty db measured first in the same run (the log must not
 *      slow down as it fills);
 *   3. bytes of db per delivery (goal: ≤ 1.5 KB);
 *   4. the server's RSS at start, along a long run, at its end, and idle (goal: flat ±10%); the run is
 *      BENCH_RSS_SECONDS long (default 60) and the trend is extrapolated to 1,000,000 deliveries.
 * Every emit's answer is checked: recorded = delivered + failed, and the db's ids grew by exactly that many.
 * The server runs from dist/ (`npm run build` first; `npm test` builds it). The prefilled db is built once
 * through the store and cached in the temp dir (per schema version).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';
import { FORMATS } from '../src/core/types.ts';
import { createDeliveryStore, SCHEMA_VERSION } from '../src/delivery/store.ts';
import { runLoad } from '../src/load/engine.ts';
import { resolveLoadPlan } from '../src/load/plan.ts';
import { generate } from '../src/payloads/generate.ts';
import { tagNames } from '../src/payloads/registry.ts';
import { type Child, startChild, stopChild } from './child-process.ts';

const PER_EMIT = 100;
const PHASE_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const RSS_SECONDS = Number(process.env['BENCH_RSS_SECONDS'] ?? 60);
const PREFILLED = 100_000;
/** Unmeasured emits after each start, so JIT warm-up is not counted against either db. */
const WARMUP_SECONDS = 3;
/** Recorded deliveries/s with 4 emits in parallel, as a share of the load engine's unrecorded rate. */
const GOAL_SHARE_OF_LOAD = 0.1;
const LOAD_CONNECTIONS = 50;
/** Node flags for the server's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes. */
const SERVER_NODE_FLAGS = (process.env['BENCH_SERVER_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
const GOAL_BYTES = 1_536;

export async function fixtureServer(): Promise<void> {
  const dist = fileURLToPath(new URL('../dist/server/index.js', import.meta.url));
  if (!existsSync(dist))
    throw new Error('bench fixture-server runs the compiled server: npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'ci-callback-bench-'));
  const receiver = await startChild(['--import', 'tsx', here('./receiver.ts')], (line) => Number(line));
  const target = `http://127.0.0.1:${receiver.value}/callback`;
  try {
    const loadBefore = await loadRate(target);
    // the same workload on an empty db, in this run
    const empty = await startServer(join(dir, 'empty.db'));
    await emitFor(empty.value, target, 4, WARMUP_SECONDS);
    const reference = await emitFor(empty.value, target, 4, PHASE_SECONDS);
    await stopChild(empty.child);

    const db = join(dir, 'state.db');
    prefill(db);
    const server = await startServer(db);
    const pid = server.child.pid as number;
    const rssStart = rssMiB(pid);
    await emitFor(server.value, target, 4, WARMUP_SECONDS);
    const rssWarm = rssMiB(pid);
    const idsBefore = maxId(db);
    const one = await emitFor(server.value, target, 1, PHASE_SECONDS);
    const four = await emitFor(server.value, target, 4, PHASE_SECONDS);
    const long = await emitFor(server.value, target, 4, RSS_SECONDS, () => rssMiB(pid));
    const rssEnd = rssMiB(pid);
    const loadAfter = await loadRate(target);
    await sleep(5_000);
    const rssIdle = rssMiB(pid);
    await stopChild(server.child);

    const recorded = one.recorded + four.recorded + long.recorded;
    const grew = maxId(db) - idsBefore;
    const { bytes, deliveries } = dbBytes(db);
    const loadReference = (loadBefore + loadAfter) / 2;
    line(
      `reference: the load engine, closed model, ${LOAD_CONNECTIONS} connections, unrecorded, into the same receiver: ` +
        `${Math.round(loadBefore)} req/s before, ${Math.round(loadAfter)} after; mean ${Math.round(loadReference)} req/s`,
    );
    print('4 emits at a time on an empty db', reference);
    print(`1 emit at a time on a ${PREFILLED.toLocaleString('en')}-delivery db`, one);
    print(`4 emits at a time on a ${PREFILLED.toLocaleString('en')}-delivery db`, four);
    const share = four.perSecond / loadReference;
    line(
      `  ratio 4 emits (full db) / load engine: ${share.toFixed(3)} (goal ≥ ${GOAL_SHARE_OF_LOAD}: ${share >= GOAL_SHARE_OF_LOAD ? 'met' : 'NOT met'}); ` +
        `empty db / load engine: ${(reference.perSecond / loadReference).toFixed(3)}; ` +
        `full db / empty db: ${(four.perSecond / reference.perSecond).toFixed(3)}`,
    );
    line(
      `  nothing lost: ${recorded} recorded = ${one.delivered + four.delivered + long.delivered} delivered + ` +
        `${one.failed + four.failed + long.failed} failed; db ids grew by ${grew} (${grew === recorded ? 'equal' : 'DIFFERENT'})`,
    );
    line(
      `db: ${(bytes / 1024 / 1024).toFixed(1)} MiB for ${deliveries} deliveries = ${Math.round(bytes / deliveries)} bytes per delivery ` +
        `(goal ≤ ${GOAL_BYTES}: ratio ${(bytes / deliveries / GOAL_BYTES).toFixed(3)}, ${bytes / deliveries <= GOAL_BYTES ? 'met' : 'NOT met'})`,
    );
    rssReport({
      rssStart,
      rssWarm,
      rssEnd,
      rssIdle,
      samples: long.samples,
      before: one.recorded + four.recorded,
    });
  } finally {
    receiver.child.stdin?.end();
    receiver.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const line = (text: string) => process.stdout.write(`${text}\n`);

/** The load engine's closed-model rate into `target`: callbacks sent and answered, nothing recorded. */
async function loadRate(target: string): Promise<number> {
  const plan = resolveLoadPlan({
    target,
    connections: LOAD_CONNECTIONS,
    duration: PHASE_SECONDS,
    tags: 'all',
    format: 'xml',
    seed: 1,
  });
  return (await runLoad(plan)).achievedRate;
}

function startServer(db: string): Promise<Child<string>> {
  return startChild(
    [...SERVER_NODE_FLAGS, here('./fixture-server-process.js'), db],
    (text) => (JSON.parse(text) as { url: string }).url,
  );
}

/** 100,000 finished deliveries of the same mix, written through the store (as the server writes them). */
function prefill(path: string): void {
  const cached = join(tmpdir(), `ci-callback-bench-${PREFILLED}-v${SCHEMA_VERSION}.db`);
  if (!existsSync(cached)) {
    const store = createDeliveryStore({ path: `${cached}.part` });
    const tags = tagNames();
    const bodies = Array.from({ length: 500 }, (_, i) =>
      generate({ tag: tags[i % tags.length] as string, format: FORMATS[i % 2] as 'xml' | 'json', seed: i }),
    );
    for (let i = 0; i < PREFILLED; i++) {
      const body = bodies[i % bodies.length] as (typeof bodies)[number];
      const id = store.insertDelivery({
        target: 'http://127.0.0.1:9/callback',
        body: body.body,
        contentType: body.contentType,
        headers: {},
        tag: body.variant.tag,
        format: body.variant.format,
        trigger: body.variant.trigger,
        state: body.variant.state,
        seed: body.seed,
        scheduleId: null,
        replayOf: null,
      });
      const attempt = store.startAttempt(id, 1);
      store.finishAttempt(attempt, { ok: true, status: 200, latencyMs: 0.4, responseSnippet: 'OK' });
      store.finishDelivery(id, 'delivered');
    }
    store.close();
    checkpoint(`${cached}.part`);
    copyFileSync(`${cached}.part`, cached);
    rmSync(`${cached}.part`);
  }
  copyFileSync(cached, path);
}

function checkpoint(path: string): void {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function maxId(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT MAX(id) AS id FROM deliveries').get() as { id: number }).id;
  } finally {
    db.close();
  }
}

/** The db's size (file + WAL) over the deliveries it holds. */
function dbBytes(path: string): { bytes: number; deliveries: number } {
  const wal = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
  const db = new Database(path, { readonly: true });
  try {
    const deliveries = (db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n;
    return { bytes: statSync(path).size + wal, deliveries };
  } finally {
    db.close();
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

interface EmitRun {
  emits: number;
  recorded: number;
  delivered: number;
  failed: number;
  seconds: number;
  perSecond: number;
  samples: { recorded: number; rss: number }[];
}

/** `parallel` loops of POST /emit for `seconds`; `sample` is called every 5 s with the count so far. */
async function emitFor(
  url: string,
  target: string,
  parallel: number,
  seconds: number,
  sample?: () => number,
): Promise<EmitRun> {
  const agent = new Agent({ connections: parallel });
  const tags = tagNames();
  const run: EmitRun = { emits: 0, recorded: 0, delivered: 0, failed: 0, seconds, perSecond: 0, samples: [] };
  const started = performance.now();
  const end = started + seconds * 1000;
  let nextSample = started;
  const loop = async () => {
    while (performance.now() < end) {
      const body = {
        target,
        tag: tags[Math.floor(Math.random() * tags.length)],
        format: FORMATS[Math.floor(Math.random() * FORMATS.length)],
        count: PER_EMIT,
      };
      const response = await request(`${url}/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        dispatcher: agent,
      });
      const answer = (await response.body.json()) as {
        delivered: number;
        failed: number;
        deliveries: unknown[];
      };
      if (response.statusCode !== 200)
        throw new Error(`emit answered ${response.statusCode}: ${JSON.stringify(answer)}`);
      if (answer.deliveries.length !== answer.delivered + answer.failed)
        throw new Error('an emit answered deliveries ≠ delivered + failed');
      run.emits++;
      run.recorded += answer.deliveries.length;
      run.delivered += answer.delivered;
      run.failed += answer.failed;
      if (sample && performance.now() >= nextSample) {
        run.samples.push({ recorded: run.recorded, rss: sample() });
        nextSample += 5_000;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, loop));
  run.seconds = (performance.now() - started) / 1000;
  run.perSecond = run.recorded / run.seconds;
  await agent.close();
  return run;
}

function print(what: string, run: EmitRun): void {
  line(
    `${what}: ${Math.round(run.perSecond)} deliveries/s (${run.recorded} in ${run.seconds.toFixed(1)} s, ${run.failed} failed)`,
  );
}

function rssReport(figures: {
  rssStart: number;
  rssWarm: number;
  rssEnd: number;
  rssIdle: number;
  samples: { recorded: number; rss: number }[];
  before: number;
}): void {
  const { rssStart, rssWarm, rssEnd, rssIdle, samples, before } = figures;
  // the first samples include warm-up; the trend is fitted on the second half of the run
  const settled = samples.slice(Math.floor(samples.length / 2));
  const slope = leastSquaresSlope(settled.map((s) => [s.recorded, s.rss]));
  const last = samples.at(-1) ?? { recorded: 0, rss: rssEnd };
  const total = before + last.recorded;
  const at1M = last.rss + slope * (1_000_000 - total);
  const rss = samples.map((s) => s.rss);
  line(
    `RSS: ${rssStart.toFixed(0)} MiB at start, ${rssWarm.toFixed(0)} MiB after ${WARMUP_SECONDS} s of warm-up, ` +
      `${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MiB along ` +
      `${total} deliveries, ${rssEnd.toFixed(0)} MiB at the end, ${rssIdle.toFixed(0)} MiB idle 5 s later`,
  );
  line(
    `  trend over the second half: ${(slope * 100_000).toFixed(1)} MiB per 100,000 deliveries → ~${at1M.toFixed(0)} MiB ` +
      `extrapolated to 1,000,000 (${((at1M / last.rss - 1) * 100).toFixed(1)}% from the last sample; goal ±10%)`,
  );
}

function leastSquaresSlope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
