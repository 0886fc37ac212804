/**
 * Test and benchmark support: real Artillery runs. Artillery lives in artillery-test/ with its own lock file
 * (about 570 MB, kept out of the package's dependencies); `.ci/run` installs it, and whoever needs it without
 * it installed says so and skips. A run happens in a folder laid out as a user's would be: the script and
 * processor that `ci-callback artillery init` writes, and ci-callback-emitter in node_modules (a link to
 * this checkout, so the processor loads the built package through its `exports`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCaptured } from './cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTILLERY_CLI = join(ROOT, 'artillery-test', 'node_modules', 'artillery', 'bin', 'run');

export const ARTILLERY_MISSING =
  'Artillery is not installed in artillery-test/ — run `PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix artillery-test` (as .ci/run does) to run the real-Artillery tests and benchmark';

export function artilleryInstalled(): boolean {
  return existsSync(ARTILLERY_CLI);
}

export interface ArtilleryProject {
  dir: string;
  /** The test script's path. */
  script: string;
  /** Rewrites the script, e.g. to set an option `init` leaves commented out. */
  editScript(edit: (yaml: string) => string): Promise<void>;
  remove(): Promise<void>;
}

/** A user's folder after `ci-callback artillery init <initArgs>`. */
export async function artilleryProject(initArgs: string[]): Promise<ArtilleryProject> {
  const dir = await mkdtemp(join(tmpdir(), 'ci-callback-artillery-run-'));
  await mkdir(join(dir, 'node_modules'));
  await symlink(ROOT, join(dir, 'node_modules', 'ci-callback-emitter'), 'dir');
  const { code, stderr } = await runCaptured(['artillery', 'init', '--out', dir, ...initArgs]);
  if (code !== 0) throw new Error(`artillery init failed: ${stderr}`);
  const script = join(dir, 'ci-callback.yml');
  return {
    dir,
    script,
    editScript: async (edit) => writeFile(script, edit(await readFile(script, 'utf8'))),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The parts of Artillery's JSON report (`--output`) the tests read. */
export interface ArtilleryReport {
  aggregate: {
    counters: Record<string, number>;
    summaries: Record<string, { count: number; min: number; max: number; p99: number }>;
    firstCounterAt: number;
    lastCounterAt: number;
  };
}

export interface ArtilleryRun {
  report: ArtilleryReport;
  /** CPU seconds the Artillery process (all its worker threads) used up to the report. */
  cpuSeconds: number;
}

/**
 * `artillery run --target <target> --output <dir>/report.json <script>`, done when the report is written.
 * Artillery then spends 10–15 s trying to send a telemetry event (it sends one even with
 * ARTILLERY_DISABLE_TELEMETRY, and this machine has no route out); the process is stopped instead, by its pid.
 */
export async function runArtillery(options: {
  script: string;
  target: string;
  output: string;
  /** Longest wait for the report before the run counts as failed. */
  timeoutMs: number;
  /** Each line Artillery prints on stdout as it comes (e.g. `Phase started: …`), with the process id. */
  onLine?: (line: string, pid: number) => void;
}): Promise<ArtilleryRun> {
  const child = spawn(
    process.execPath,
    [ARTILLERY_CLI, 'run', '--target', options.target, '--output', options.output, options.script],
    { env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let partialLine = '';
  const collect = (data: Buffer) => {
    output = (output + data.toString()).slice(-20_000);
  };
  const toLines = (data: Buffer) => {
    const lines = (partialLine + data.toString()).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) options.onLine?.(line, child.pid as number);
  };
  child.stderr?.on('data', collect);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no report after ${options.timeoutMs} ms:\n${output}`)),
        options.timeoutMs,
      );
      child.stdout?.on('data', (data: Buffer) => {
        collect(data);
        toLines(data);
        if (output.includes('Log file:')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`artillery exited with ${code} before its report:\n${output}`));
      });
    });
    // The line is printed just before the report is written, synchronously.
    const report = await readReport(options.output);
    return { report, cpuSeconds: processCpuSeconds(child.pid as number) };
  } finally {
    stop(child);
  }
}

async function readReport(path: string): Promise<ArtilleryReport> {
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as ArtilleryReport;
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** User + system CPU seconds of a process, all threads (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
