/**
 * @module bench/import-cost
 * What importing the package costs a user: `import { generate } from 'ci-callback-emitter'` plus one body, and
 * the same call from the unbundled modules (what bundling the entry saves), and
 * `import 'ci-callback-emitter/server'`, each in a fresh `node` spawned BENCH_RUNS times (default 15) from the
 * repo root (the package resolves itself through its `exports`, so the compiled dist/ runs), against
 * `node -e 0`. The runs go in turns, as in bench/startup.ts. Goal: import + one body ≤ 2.5× node -e 0. Also how
 * many modules each loads, from test/support/import-trace.js (ES module resolutions: a CommonJS package's own
 * require() calls are not counted).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, print } from './report.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const GOAL = 2.5;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRACE = join(ROOT, 'test', 'support', 'import-trace.js');

const esm = (script: string) => ['--input-type=module', '-e', script];
const COMMANDS: { name: string; argv: string[] }[] = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  {
    name: "import { generate } from 'ci-callback-emitter' + one body",
    argv: esm("import { generate } from 'ci-callback-emitter'; generate({ tag: 'SmartCover', seed: 1 });"),
  },
  {
    // the same code as the main entry, a module per file as tsc writes it: what bundling the entry saves
    name: 'the same from dist/payloads/generate.js (not bundled: a module per file)',
    argv: esm(
      "import { generate } from './dist/payloads/generate.js'; generate({ tag: 'SmartCover', seed: 1 });",
    ),
  },
  { name: "import 'ci-callback-emitter/server'", argv: esm("import 'ci-callback-emitter/server';") },
];

/** Runs node with `argv` from the repo root: wall-clock ms from spawn to exit, or the error it printed. */
function timeRun(argv: string[], env = process.env): Promise<number | string> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const error = /^\w*Error\b.*$/m.exec(stderr)?.[0] ?? stderr.trim().split('\n')[0];
      resolve(code === 0 ? ms : `exits ${code}: ${error}`);
    });
  });
}

/** What one traced run loads: distinct module files and the node_modules packages among them. */
async function modulesLoaded(argv: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ci-callback-import-cost-'));
  try {
    const file = join(dir, 'modules.txt');
    const run = await timeRun(['--import', TRACE, ...argv], { ...process.env, IMPORT_TRACE_FILE: file });
    if (typeof run === 'string') return run;
    const text = existsSync(file) ? await readFile(file, 'utf8') : '';
    const urls = new Set(text.split('\n').filter((url) => url.startsWith('file:')));
    const packages = new Set(
      [...urls].flatMap((url) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    );
    const names = packages.size > 0 && packages.size <= 4 ? `: ${[...packages].sort().join(', ')}` : '';
    return `${urls.size} modules, ${packages.size} packages${names}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function importCostBench(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'index.js')))
    throw new Error('dist/ is not built: run npm run build first');
  const loads = await Promise.all(COMMANDS.map((command) => modulesLoaded(command.argv)));
  const times = COMMANDS.map(() => [] as number[]);
  const failures: (string | undefined)[] = COMMANDS.map(() => undefined);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, command] of COMMANDS.entries()) {
      if (failures[i] !== undefined) continue;
      const run = await timeRun(command.argv);
      if (typeof run === 'string') failures[i] = run;
      else times[i]?.push(run);
    }
  }
  const node = median(times[0] ?? []);
  print(
    `import cost, median of ${RUNS} runs each (ms wall, spawn to exit; goal: import + one body ≤ ${GOAL}× node -e 0)`,
    COMMANDS.map((command, i) => {
      if (failures[i] !== undefined) return `${command.name}: ${failures[i]}`;
      const ms = median(times[i] ?? []);
      const ratio = i === 0 ? '' : `, × ${(ms / node).toFixed(1)} node -e 0`;
      const goal = i === 1 ? ` (goal ≤ ${GOAL}×: ${ms / node <= GOAL ? 'met' : 'not met'})` : '';
      return `${command.name}: ${ms.toFixed(0)} ms${ratio}${goal}; ${loads[i]}`;
    }),
  );
}
