/**
 * The package as a user gets it: `npm pack` (run on a copy of the working tree, so its prepare build never
 * rewrites the dist/ other tests read), then `npm install <tarball>` alone into a scratch project, and from
 * there: the `ci-callback` bin (generate, serve with its dashboard), the main entry loading only the payload
 * library's packages, the `/server`, `/load`, `/probe`, `/pact` and `/artillery` subpaths, and what the tarball holds.
 * The install compiles better-sqlite3 from source (no prebuilt download offline): about a minute on 2 cores.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from '../src/payloads/generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRACE = join(ROOT, 'test', 'support', 'import-trace.js');
/** What the copy to pack leaves out: git, installed and built files, local state. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', '.ci-callback', 'tmp', '.readme-test']);
/** The only packages `import { generate } from 'ci-callback-emitter'` may load (generating XML needs none; generate() checks its options without zod). */
const LIBRARY_PACKAGES = ['@faker-js/faker'];
const MAX_FILES = 400;
const MAX_UNPACKED_BYTES = 6_000_000; // 6 MB as npm counts it

interface PackedFile {
  path: string;
  size: number;
}
interface Packed {
  filename: string;
  entryCount: number;
  unpackedSize: number;
  files: PackedFile[];
}
interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

let temp = '';
let project = '';
let packed: Packed;
const timings: string[] = [];
const running = new Set<ChildProcess>();

/** The environment of every command in the scratch project: plain Node, nothing the test runner added. */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env['NODE_OPTIONS'];
  return env;
}

/** Runs a command to its end and returns its exit code and output (never throws on a non-zero exit). */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<Ran>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? project, env: options.env ?? plainEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const tail = (text: string) => text.trim().split('\n').slice(-15).join('\n');

/** Runs an ES module script with plain Node in the scratch project. */
function node(script: string, nodeArgs: string[] = [], env: Record<string, string> = {}) {
  return run(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], { env: plainEnv(env) });
}

/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole process group (npx, npm exec, the bin), then SIGKILL if any of it outlives 10 s. */
async function stopGroup(child: ChildProcess): Promise<boolean> {
  const pid = child.pid as number;
  if (groupAlive(pid)) process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const stopped = !groupAlive(pid);
  if (!stopped) process.kill(-pid, 'SIGKILL');
  running.delete(child);
  return stopped;
}

describe('the installed package (npm pack, then npm install of the tarball alone)', {
  timeout: 15 * 60_000,
}, () => {
  before(
    async () => {
      temp = await mkdtemp(join(tmpdir(), 'ci-callback-installed-'));
      const source = join(temp, 'source');
      await cp(ROOT, source, {
        recursive: true,
        filter: (path) => !NOT_COPIED.has(relative(ROOT, path)),
      });
      // the prepare build (tsc) runs with the repo's devDependencies; the scratch project gets none of them
      await symlink(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
      let start = performance.now();
      const pack = await run('npm', ['pack', '--json', '--pack-destination', temp], { cwd: source });
      assert.equal(pack.code, 0, `npm pack failed:\n${tail(pack.stderr)}`);
      try {
        packed = (JSON.parse(pack.stdout) as Packed[])[0] as Packed;
      } catch {
        assert.fail(`npm pack --json printed no JSON:\n${tail(pack.stdout)}`);
      }
      timings.push(`npm pack (with its prepare build): ${((performance.now() - start) / 1000).toFixed(1)} s`);

      project = join(temp, 'project');
      await mkdir(project);
      const manifest = { name: 'scratch', version: '1.0.0', private: true, type: 'module' };
      await writeFile(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      start = performance.now();
      // the npm cache filled by the repo's `npm ci` serves the packages; better-sqlite3 builds from source
      // at once instead of first failing to download a prebuilt binary from GitHub
      const install = await run(
        'npm',
        ['install', join(temp, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'],
        { cwd: project, env: plainEnv({ npm_config_build_from_source: 'true' }) },
      );
      assert.equal(install.code, 0, `npm install of the tarball failed:\n${tail(install.stderr)}`);
      timings.push(`npm install <tarball>: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    },
    { timeout: 10 * 60_000 },
  );

  after(async () => {
    for (const child of running) await stopGroup(child);
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('`npx ci-callback generate` prints the same bytes as generate() from the sources', async (t) => {
    for (const line of timings) t.diagnostic(line);
    const { code, stdout, stderr } = await run('npx', [
      '--no',
      'ci-callback',
      'generate',
      '--tag',
      'SmartCover',
      '--seed',
      '3',
    ]);
    assert.equal(code, 0, `ci-callback generate exited ${code}:\n${tail(stderr)}`);
    assert.equal(
      stdout,
      generate({ tag: 'SmartCover', seed: 3 }).body,
      'the installed bin prints other bytes than generate() from the sources',
    );
  });

  it('`npx ci-callback serve` answers /health, the dashboard and its assets, and stops on SIGTERM', async () => {
    const args = [
      '--no',
      'ci-callback',
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--db',
      ':memory:',
      '--no-demo',
    ];
    // its own process group, so stopping it reaches npx, npm exec and the bin alike
    const child = spawn('npx', args, { cwd: project, env: plainEnv(), detached: true });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const closed = new Promise((resolve) => child.once('close', resolve));
    let stopped = false;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`serve printed no address in 30 s:\n${stdout}`)),
          30_000,
        );
        child.stdout.on('data', () => {
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited ${code} before listening:\n${tail(stderr)}`));
        });
      });

      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 200, `GET /health answered ${health.status}`);
      assert.equal(((await health.json()) as { status: string }).status, 'ok', 'GET /health is not "ok"');

      const page = await fetch(`${url}/`);
      const html = await page.text();
      assert.equal(page.status, 200, `GET / (the dashboard) answered ${page.status}`);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, 'GET / is not HTML');
      const assets = [
        ...html.matchAll(/<link[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g),
        ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
      ].map((match) => new URL(match[1] as string, `${url}/`).href);
      assert.ok(
        assets.length >= 2,
        `the dashboard references no stylesheet and script:\n${html.slice(0, 500)}`,
      );
      for (const asset of assets) {
        const response = await fetch(asset);
        assert.equal(response.status, 200, `the dashboard's asset ${asset} answered ${response.status}`);
      }
    } finally {
      stopped = await stopGroup(child);
      await closed;
    }
    assert.ok(stopped, 'serve (or npx) still ran 10 s after SIGTERM to its process group');
    assert.match(stdout, /^stopped$/m, `serve did not stop cleanly on SIGTERM:\n${tail(stdout + stderr)}`);
  });

  it("`import { generate } from 'ci-callback-emitter'` loads none of the server's packages", async () => {
    const file = join(temp, 'main-entry-modules.txt');
    const script =
      "import { generate } from 'ci-callback-emitter'; generate({ tag: 'SmartCover', seed: 3 });";
    const { code, stderr } = await node(script, ['--import', TRACE], { IMPORT_TRACE_FILE: file });
    assert.equal(code, 0, `importing the main entry failed:\n${tail(stderr)}`);
    const urls = (await readFile(file, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
    assert.ok(
      urls.some((url) => url.includes('/node_modules/ci-callback-emitter/')),
      'the trace shows no module of the installed package: the tracer did not run',
    );
    const packages = new Set(
      urls.flatMap((url) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    );
    packages.delete('ci-callback-emitter');
    const extra = [...packages].filter((name) => !LIBRARY_PACKAGES.includes(name)).sort();
    assert.deepEqual(
      extra,
      [],
      `the main entry loads ${extra.join(', ')}; it may load only ${LIBRARY_PACKAGES.join(', ')}`,
    );
  });

  it("`ci-callback-emitter/server`'s startServer serves /health on port 0 with db ':memory:', then closes", async () => {
    const script = `
      const { startServer } = await import('ci-callback-emitter/server');
      const server = await startServer({ db: ':memory:', port: 0, host: '127.0.0.1' });
      try {
        const response = await fetch((server.url ?? 'http://127.0.0.1:' + server.port) + '/health');
        process.stdout.write(JSON.stringify({ status: response.status, body: await response.json() }));
      } finally {
        await server.close();
      }
    `;
    const { code, stdout, stderr } = await node(script);
    assert.equal(code, 0, `starting the server from 'ci-callback-emitter/server' failed:\n${tail(stderr)}`);
    const answer = JSON.parse(stdout) as { status: number; body: { status: string } };
    assert.equal(answer.status, 200, `/health answered ${answer.status}`);
    assert.equal(answer.body.status, 'ok', '/health is not "ok"');
  });

  const SUBPATHS = {
    artillery: 'setCallbackBody',
    load: 'runLoad',
    probe: 'runProbes',
    pact: 'verifyReceiver',
  };
  for (const [subpath, name] of Object.entries(SUBPATHS)) {
    it(`'ci-callback-emitter/${subpath}' imports from plain Node and exports ${name}()`, async () => {
      const specifier = `ci-callback-emitter/${subpath}`;
      const script = `const m = await import('${specifier}'); process.stdout.write(typeof m.${name});`;
      const { code, stdout, stderr } = await node(script);
      assert.equal(code, 0, `importing '${specifier}' failed:\n${tail(stderr)}`);
      assert.equal(stdout, 'function', `'${specifier}' exports no function ${name}`);
    });
  }

  it('the tarball holds no tests, test data or TypeScript sources, and stays small', () => {
    const paths = packed.files.map((file) => file.path);
    const rules: [string, (path: string) => boolean][] = [
      ['test files', (path) => /\.test\./.test(path)],
      ['files under test/ or testdata/', (path) => /(^|\/)(test|testdata)\//.test(path)],
      ['TypeScript sources', (path) => /\.[cm]?tsx?$/.test(path) && !/\.d\.[cm]?ts$/.test(path)],
    ];
    const problems = rules.flatMap(([what, breaks]) => {
      const found = paths.filter(breaks);
      const shown = found.slice(0, 8).join(', ') + (found.length > 8 ? ', …' : '');
      return found.length === 0 ? [] : [`${found.length} ${what}: ${shown}`];
    });
    if (paths.length > MAX_FILES) problems.push(`${paths.length} files (at most ${MAX_FILES})`);
    if (packed.unpackedSize > MAX_UNPACKED_BYTES) {
      const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
      problems.push(`${mb(packed.unpackedSize)} unpacked (at most ${mb(MAX_UNPACKED_BYTES)})`);
    }
    assert.ok(problems.length === 0, `the tarball holds:\n  ${problems.join('\n  ')}`);
  });
});
