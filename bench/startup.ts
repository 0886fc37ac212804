/**
 * @module bench/startup
 * How long does a call of the installed CLI take, start to exit? `ci-callback generate …` and `ci-callback tags`
 * through bin/ci-callback.js (the compiled dist/), each spawned BENCH_RUNS times (default 15), against
 * `node -e 0` (Node's own start-up) and against the same `generate` run from the TypeScript sources through tsx
 * (`npm run cli`, how the bin ran before). The runs go in turns, so load from elsewhere on a shared machine falls
 * on every command alike. Target: ≤ 250 ms wall (median) for generate and tags.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, print } from './report.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const TARGET_MS = 250;
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const BIN = root('bin/ci-callback.js');

const COMMANDS: { name: string; argv: string[] }[] = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  {
    name: 'ci-callback generate --tag SmartCover --seed 1',
    argv: [BIN, 'generate', '--tag', 'SmartCover', '--seed', '1'],
  },
  { name: 'ci-callback tags', argv: [BIN, 'tags'] },
  {
    name: 'generate from the sources through tsx (npm run cli)',
    argv: ['--import', 'tsx', root('src/cli/main.ts'), 'generate', '--tag', 'SmartCover', '--seed', '1'],
  },
];

/** Wall-clock milliseconds from spawn to exit. */
function timeRun(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}`));
      else resolve(Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

export async function startupBench(): Promise<void> {
  if (!existsSync(root('dist/cli/main.js'))) throw new Error('dist/ is not built: run npm run build first');
  const times = COMMANDS.map(() => [] as number[]);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, command] of COMMANDS.entries()) times[i]?.push(await timeRun(command.argv));
  }
  const node = median(times[0] ?? []);
  print(
    `start-up, median of ${RUNS} runs each (ms wall, spawn to exit; target ≤ ${TARGET_MS} for generate and tags)`,
    COMMANDS.map((command, i) => {
      const ms = median(times[i] ?? []);
      const over = i === 0 ? '' : `, ${(ms - node).toFixed(0)} over node -e 0 (× ${(ms / node).toFixed(1)})`;
      const range = `range ${Math.min(...(times[i] ?? [])).toFixed(0)}–${Math.max(...(times[i] ?? [])).toFixed(0)}`;
      return `${command.name}: ${ms.toFixed(0)} ms (${range}${over})`;
    }),
  );
}
