/**
 * @module bench/load-vs-autocannon
 * Is `ci-callback load` a fair load generator? Against one local node:http receiver (its own process):
 *   1. body generation: generate() per body vs a re-stamped template per body (why the pool exists);
 *   2. closed model: autocannon sending one fixed body vs `load` sending unique, realistic bodies of about the
 *      same average size, same connections, in alternating rounds; the median of the rounds' ratios (target:
 *      load ≥ 0.9 × autocannon); `load` with autocannon's one body as a third run shows what the HTTP client
 *      costs apart from the bodies;
 *   3. open model at 2,000 and 10,000 req/s: achieved rate and p99 send lag (target: within 0.5% at 10,000).
 * BENCH_SECONDS (default 4) sets the length of each measured run; BENCH_ROUNDS (default 3) the closed rounds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type BodyPool, createBodyPool } from '../src/load/body-pool.ts';
import { runLoad } from '../src/load/engine.ts';
import { type LoadInput, resolveLoadPlan } from '../src/load/plan.ts';
import { generate } from '../src/payloads/generate.ts';
import { median, print } from './report.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 4);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONNECTIONS = 50;
/** The bodies both tools send: every Tag, XML (CI's default format). */
const MIX = { tags: 'all', format: 'xml', seed: 1 } as const;

export async function loadVsAutocannon(): Promise<void> {
  const { url, child } = await startReceiver();
  try {
    measureBodyGeneration();
    await closedModel(url, () => processCpuSeconds(child.pid as number));
    for (const rate of [2_000, 10_000]) await openModel(url, rate);
  } finally {
    child.stdin?.end();
    child.kill();
  }
}

async function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const file = fileURLToPath(new URL('./receiver.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  return { url: `http://127.0.0.1:${port}/callback`, child };
}

function measureBodyGeneration(): void {
  const tags = resolveLoadPlan({ target: 'http://127.0.0.1/', rate: 1, ...MIX }).tags.map((t) => t.tag);
  const generated = 400;
  let started = performance.now();
  for (let i = 0; i < generated; i++)
    generate({ tag: tags[i % tags.length] as string, format: 'xml', seed: i });
  const generateUs = ((performance.now() - started) * 1000) / generated;
  started = performance.now();
  const pool = createBodyPool({
    ...MIX,
    tags: tags.map((tag) => ({ tag, weight: 1 })),
    trigger: 'direct',
    state: 'success',
  });
  const poolMs = performance.now() - started;
  const stamps = 200_000;
  started = performance.now();
  for (let i = 0; i < stamps; i++) pool.next(Date.now()).release();
  const stampUs = ((performance.now() - started) * 1000) / stamps;
  print('body generation', [
    `generate(): ${generateUs.toFixed(0)} µs/body (at most ${Math.round(1e6 / generateUs)} bodies/s on one core)`,
    `re-stamped template: ${stampUs.toFixed(2)} µs/body (${Math.round(1e6 / stampUs)} bodies/s); pool of ${pool.templates} templates, ${pool.averageBytes} B average, built in ${poolMs.toFixed(0)} ms`,
  ]);
}

async function closedModel(url: string, receiverCpu: () => number): Promise<void> {
  const plan = resolveLoadPlan({ target: url, connections: CONNECTIONS, duration: SECONDS, ...MIX });
  // autocannon's one body: the generated body closest to the average size of load's bodies.
  const pool = createBodyPool({ ...plan });
  const candidates = Array.from({ length: 200 }, () => pool.next(Date.now()));
  const fixed = candidates.reduce((best, b) =>
    Math.abs(b.body.length - pool.averageBytes) < Math.abs(best.body.length - pool.averageBytes) ? b : best,
  );
  // The same fixed body through load's engine: separates the HTTP client's cost from the unique bodies' cost.
  const oneBody = {
    tag: fixed.tag,
    contentType: fixed.contentType,
    body: Buffer.from(fixed.body),
    release() {},
  };
  const fixedPool: BodyPool = { next: () => oneBody, templates: 1, averageBytes: fixed.body.length };
  const measured = async (run: () => Promise<number>) => {
    const before = receiverCpu();
    const rate = await run();
    return { rate, receiverCpu: (receiverCpu() - before) / SECONDS };
  };
  const tools = {
    autocannon: async () => {
      const result = await autocannon({
        url,
        method: 'POST',
        body: fixed.body.toString('utf8'),
        headers: { 'content-type': fixed.contentType },
        connections: CONNECTIONS,
        duration: SECONDS,
      });
      return result.requests.total / result.duration;
    },
    'load, unique bodies': async () => (await runLoad(plan, { bodyPool: pool })).achievedRate,
    'load, one fixed body': async () => (await runLoad(plan, { bodyPool: fixedPool })).achievedRate,
  };
  await autocannon({ url, method: 'POST', body: 'warm-up', connections: CONNECTIONS, duration: 1 });

  const rates: Record<keyof typeof tools, number[]> = {
    autocannon: [],
    'load, unique bodies': [],
    'load, one fixed body': [],
  };
  const ratios: number[] = [];
  const lines: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const parts: string[] = [];
    for (const [name, run] of Object.entries(tools) as [keyof typeof tools, () => Promise<number>][]) {
      const { rate, receiverCpu: cpu } = await measured(run);
      rates[name].push(rate);
      parts.push(`${name} ${Math.round(rate)} req/s (receiver CPU ${Math.round(cpu * 100)}%)`);
    }
    ratios.push((rates['load, unique bodies'].at(-1) as number) / (rates.autocannon.at(-1) as number));
    lines.push(`round ${round}: ${parts.join('; ')}`);
  }
  const ratio = median(ratios);
  lines.push(
    `median: autocannon ${Math.round(median(rates.autocannon))} req/s (one ${fixed.body.length} B body); load ${Math.round(median(rates['load, unique bodies']))} req/s (unique bodies, ${pool.averageBytes} B average); load with autocannon's body ${Math.round(median(rates['load, one fixed body']))} req/s`,
    `ratio load/autocannon (median of rounds): ${ratio.toFixed(3)} (target ≥ 0.9: ${ratio >= 0.9 ? 'met' : 'NOT met'})`,
  );
  print(`closed model, ${CONNECTIONS} connections, ${SECONDS} s runs`, lines);
}

async function openModel(url: string, rate: number): Promise<void> {
  const input: LoadInput = { target: url, rate, duration: SECONDS, warmup: 1, ...MIX };
  const report = await runLoad(resolveLoadPlan(input));
  const deviation = ((report.achievedRate - rate) / rate) * 100;
  const lines = [
    `achieved ${report.achievedRate} req/s (${deviation >= 0 ? '+' : ''}${deviation.toFixed(2)}% of target${rate === 10_000 ? `; target within 0.5%: ${Math.abs(deviation) <= 0.5 ? 'met' : 'NOT met'}` : ''})`,
    `send lag p50 ${report.sendLagMs.p50} ms, p99 ${report.sendLagMs.p99} ms, max ${report.sendLagMs.max} ms; latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms`,
    `${report.requests} requests, ${report.failures} without a 2xx`,
    ...report.saturation.warnings.map((w) => `warning: ${w}`),
  ];
  print(`open model at ${rate} req/s, ${SECONDS} s after 1 s warm-up`, lines);
}

/** CPU seconds a process has used (Linux /proc; 0 elsewhere, where the figure is then left out). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
