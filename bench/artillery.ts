/**
 * @module bench/artillery
 * What the Artillery processor costs, and whether workers keep JobIds apart. Against one bare node:http
 * receiver in its own process (bench/receiver.ts, which counts what arrives):
 *   1. overhead: Artillery with the processor (unique callbacks of every Tag, XML) vs Artillery posting one
 *      static body of about the same size, at the same arrival rate, in alternating rounds. Each run has a
 *      warm-up phase (the processor builds its pool on the first request) and a measured phase, over which the
 *      achieved rate (requests the receiver got / wall time) and the Artillery process's CPU per request are
 *      taken. Target: the processor costs at most 10% on both.
 *   2. uniqueness: 3 Artillery processes at once, sharing one seed (so the same templates), until about
 *      100,000 requests; the receiver counts JobIds it saw before. Target: 0.
 * They are two benchmarks (artillery-overhead, artillery-unique), each a couple of minutes. BENCH_ARTILLERY_RATE
 * (default 400), BENCH_SECONDS (default 6) and BENCH_ROUNDS (default 3) set part 1; BENCH_UNIQUE_RATE (default
 * 350 per process) and BENCH_UNIQUE_REQUESTS (default 100000) part 2.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArtilleryProcessor } from '../src/artillery/processor.ts';
import { createBodyPool } from '../src/load/body-pool.ts';
import { parseTagWeights } from '../src/load/plan.ts';
import {
  ARTILLERY_MISSING,
  type ArtilleryProject,
  artilleryInstalled,
  artilleryProject,
  processCpuSeconds,
  runArtillery,
} from '../test/support/artillery.ts';

const RATE = Number(process.env['BENCH_ARTILLERY_RATE'] ?? 400);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 6);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const WARMUP_SECONDS = 2;
const UNIQUE_RATE = Number(process.env['BENCH_UNIQUE_RATE'] ?? 350);
const UNIQUE_REQUESTS = Number(process.env['BENCH_UNIQUE_REQUESTS'] ?? 100_000);
const WORKERS = 3;

/** `npm run bench artillery-overhead`: part 1. */
export async function artilleryOverhead(): Promise<void> {
  if (installed()) await overhead();
}

/** `npm run bench artillery-unique`: part 2. */
export async function artilleryUnique(): Promise<void> {
  if (installed()) await uniqueness();
}

function installed(): boolean {
  if (!artilleryInstalled()) print('skipped', [ARTILLERY_MISSING]);
  return artilleryInstalled();
}

interface Measured {
  rate: number;
  cpuUsPerRequest: number;
}

async function overhead(): Promise<void> {
  const receiver = await startReceiver([]);
  const project = await artilleryProject(['--tags', 'all', '--rate', String(RATE)]);
  try {
    await project.editScript((yaml) => withPhases(yaml.replace('# seed: 1', 'seed: 1  '), RATE, SECONDS));
    const staticScript = join(project.dir, 'static.yml');
    await writeFile(staticScript, staticVersion(await readScript(project)));
    const runs: Record<'static' | 'processor', Measured[]> = { static: [], processor: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.static.push(await measure(staticScript, receiver, project.dir));
      runs.processor.push(await measure(project.script, receiver, project.dir));
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    // Rounds are paired (static, then processor) and the median of their ratios taken: the machine's load
    // drifts between rounds more than the processor costs.
    const ratio = (figure: keyof Measured) =>
      median(runs.processor.map((m, i) => m[figure] / (runs.static[i] as Measured)[figure]));
    const line = (kind: keyof typeof runs) =>
      `${kind.padEnd(9)} ${runs[kind].map((m) => `${m.rate.toFixed(0)} req/s, ${m.cpuUsPerRequest.toFixed(0)} µs CPU/req`).join(' | ')}`;
    const hooksUs = hooksAlone();
    print(
      `overhead at ${RATE} req/s (${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up, ${ROUNDS} rounds)`,
      [
        line('static'),
        line('processor'),
        `achieved rate: processor/static = ${ratio('rate').toFixed(3)} (median of rounds; target ≥ 0.90)`,
        `CPU per request: processor/static = ${ratio('cpuUsPerRequest').toFixed(3)} (median of rounds; target ≤ 1.10)`,
        `the hooks alone, in a loop: ${hooksUs.toFixed(2)} µs a request (${((100 * hooksUs) / median(runs.static.map((m) => m.cpuUsPerRequest))).toFixed(2)}% of Artillery's CPU per static request)`,
      ],
    );
  } finally {
    await project.remove();
    receiver.stop();
  }
}

async function uniqueness(): Promise<void> {
  const receiver = await startReceiver(['--job-ids']);
  const seconds = Math.ceil(UNIQUE_REQUESTS / WORKERS / UNIQUE_RATE);
  const project = await artilleryProject([
    '--tags',
    'all',
    '--rate',
    String(UNIQUE_RATE),
    '--duration',
    `${seconds}s`,
  ]);
  try {
    await project.editScript((yaml) =>
      yaml.replace('format: xml ', 'format: mixed').replace('# seed: 1', 'seed: 1  '),
    );
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS }, (_, i) =>
        runArtillery({
          script: project.script,
          target: receiver.origin,
          output: join(project.dir, `report-${i}.json`),
          timeoutMs: (seconds + 120) * 1000,
        }),
      ),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const stats = await receiver.stats();
    print(
      `uniqueness: ${WORKERS} Artillery processes at once, one seed, ${UNIQUE_RATE} req/s each for ${seconds} s`,
      [
        `${stats.requests} requests received in ${wallSeconds.toFixed(0)} s; duplicate JobIds: ${stats.duplicateJobIds}; without a JobId: ${stats.withoutJobId}`,
      ],
    );
  } finally {
    await project.remove();
    receiver.stop();
  }
}

/**
 * The processor's own work per request, apart from what Artillery does around it: beforeRequest then
 * afterResponse, as Artillery calls them, with an emitter that only counts.
 */
function hooksAlone(): number {
  const processor = createArtilleryProcessor();
  const context = { vars: { ciCallback: { tags: 'all', seed: 1 } } };
  let emitted = 0;
  const events = { emit: () => emitted++ };
  const response = { statusCode: 200, timings: { phases: { firstByte: 1 } } };
  const once = () => {
    const req = {};
    processor.setCallbackBody(req, context, events, () => {});
    processor.recordCallbackResponse(req, response, context, events, () => {});
  };
  once(); // builds the pool
  const requests = 200_000;
  const started = performance.now();
  for (let i = 0; i < requests; i++) once();
  if (emitted === 0) throw new Error('the hooks emitted nothing');
  return ((performance.now() - started) * 1000) / requests;
}

async function readScript(project: ArtilleryProject): Promise<string> {
  let text = '';
  await project.editScript((yaml) => {
    text = yaml;
    return yaml;
  });
  return text;
}

/** A warm-up phase, then the measured one. */
function withPhases(yaml: string, rate: number, seconds: number): string {
  return yaml.replace(
    /^ {2}phases:\n(?: {4}.*\n)+/m,
    `  phases:\n    - name: warm-up\n      duration: ${WARMUP_SECONDS}\n      arrivalRate: ${rate}\n    - name: measured\n      duration: ${seconds}\n      arrivalRate: ${rate}\n`,
  );
}

/** The same test without the processor: one generated body of about the pool's average size, every time. */
function staticVersion(yaml: string): string {
  const pool = createBodyPool({
    tags: parseTagWeights('all'),
    format: 'xml',
    trigger: 'direct',
    state: 'success',
    seed: 1,
  });
  const candidates = Array.from({ length: 200 }, () => pool.next(Date.now()).body.toString('utf8'));
  const body = candidates.reduce((best, b) =>
    Math.abs(b.length - pool.averageBytes) < Math.abs(best.length - pool.averageBytes) ? b : best,
  );
  return yaml
    .replace(/^ {2}processor: .*\n/m, '')
    .replace(/^ {4}(beforeRequest|afterResponse|onError): .*\n/gm, '')
    .replace(
      /^( {10}url: .*\n)/m,
      `$1          headers:\n            content-type: application/xml\n          body: ${JSON.stringify(body)}\n`,
    );
}

async function measure(script: string, receiver: BenchReceiver, dir: string): Promise<Measured> {
  type Sample = { cpu: number; at: number; requests: Promise<number> };
  const sample = (pid: number): Sample => ({
    cpu: processCpuSeconds(pid),
    at: performance.now(),
    requests: receiver.stats().then((s) => s.requests),
  });
  let start: Sample | undefined;
  let end: Sample | undefined;
  await runArtillery({
    script,
    target: receiver.origin,
    output: join(dir, 'report.json'),
    timeoutMs: (WARMUP_SECONDS + SECONDS + 60) * 1000,
    onLine: (line, pid) => {
      if (line.startsWith('Phase started: measured')) start = sample(pid);
      if (line.startsWith('Phase completed: measured')) end = sample(pid);
    },
  });
  if (!start || !end) throw new Error('Artillery did not report the measured phase');
  const requests = (await end.requests) - (await start.requests);
  return {
    rate: requests / ((end.at - start.at) / 1000),
    cpuUsPerRequest: ((end.cpu - start.cpu) * 1e6) / requests,
  };
}

interface BenchReceiver {
  origin: string;
  stats(): Promise<{ requests: number; duplicateJobIds: number; withoutJobId: number }>;
  stop(): void;
}

async function startReceiver(args: string[]): Promise<BenchReceiver> {
  const file = fileURLToPath(new URL('./receiver.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    stats: async () => (await fetch(`${origin}/stats`)).json() as never,
    stop: () => {
      child.stdin?.end();
      child.kill();
    },
  };
}

function print(title: string, lines: string[]): void {
  process.stdout.write(`${title}\n${lines.map((line) => `  ${line}\n`).join('')}`);
}
