/**
 * The package as a user installs it: `import { generate } from 'ci-callback-emitter'` works from plain Node,
 * without tsx, through the `exports` map (dist/ is built by `npm install`'s prepare step).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from '../src/generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the published library', () => {
  it('imports from plain Node by package name and generates the same bytes as the sources', async () => {
    const script = `
      const { generate, tags } = await import('ci-callback-emitter');
      process.stdout.write(JSON.stringify({ body: generate({ tag: 'SmartCover', seed: 3, format: 'json' }).body, tags: tags().length }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    const result = JSON.parse(stdout) as { body: string; tags: number };
    assert.equal(result.body, generate({ tag: 'SmartCover', seed: 3, format: 'json' }).body);
    assert.ok(result.tags >= 30);
  });

  it('exports the Artillery processor by name, for import and for require (Artillery loads either)', async () => {
    const script = `
      const { setCallbackBody, recordCallbackResponse, recordCallbackError } = await import('ci-callback-emitter/artillery');
      const required = (await import('node:module')).createRequire(process.cwd() + '/')('ci-callback-emitter/artillery');
      const req = {};
      setCallbackBody(req, { vars: { ciCallback: { tags: 'SmartCover', format: 'json' } } }, { emit() {} }, (error) => {
        if (error) throw error;
      });
      process.stdout.write(JSON.stringify({
        hooks: [setCallbackBody, recordCallbackResponse, recordCallbackError, required.setCallbackBody].map((f) => typeof f),
        contentType: req.headers['content-type'],
        tag: JSON.parse(req.body.toString()).JobsDetail.Tag,
      }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    assert.deepEqual(JSON.parse(stdout), {
      hooks: ['function', 'function', 'function', 'function'],
      contentType: 'application/json',
      tag: 'SmartCover',
    });
  });
});

describe('the installed ci-callback command', () => {
  const bin = join(ROOT, 'bin', 'ci-callback.js');
  const trace = join(ROOT, 'test', 'support', 'import-trace.js');

  /** Runs the bin as npx would, and returns what it printed and every module it loaded. */
  async function runBin(argv: string[]) {
    const dir = await mkdtemp(join(tmpdir(), 'ci-callback-trace-'));
    try {
      const file = join(dir, 'modules.txt');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', trace, bin, ...argv], {
        env: { ...process.env, IMPORT_TRACE_FILE: file },
      });
      const modules = (await readFile(file, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
      return { stdout, modules };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  // Start-up time is what a call loads: the figures are in bench/startup.ts; this keeps the cause from coming back.
  for (const argv of [['generate', '--tag', 'SmartCover', '--seed', '3'], ['tags']]) {
    it(`'${argv[0]}' runs the compiled JavaScript and loads only what it uses`, async () => {
      const { stdout, modules } = await runBin(argv);
      if (argv[0] === 'generate') assert.equal(stdout, generate({ tag: 'SmartCover', seed: 3 }).body);
      else assert.match(stdout, /^SmartCover\s/m);
      const packages = new Set(
        modules.flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
      );
      // faker draws the values; zod is the one definition of the options that the CLI, the API and generate()
      // check (src/payload-options.ts). Nothing else: no xmlbuilder2, pact, hono, SQLite or undici.
      assert.deepEqual([...packages].sort(), ['@faker-js/faker', 'zod']);
      const own = modules.filter((url) => !url.includes('/node_modules/'));
      assert.deepEqual(
        own.filter((url) => !url.includes('/dist/') && !url.endsWith('/bin/ci-callback.js')),
        [],
      );
      assert.ok(
        !own.some((url) => /\/cli\/(send|serve|load|verify|probe|artillery|fixtures)\.js$/.test(url)),
      );
      const locales = modules.filter((url) => url.includes('/dist/locale/'));
      assert.deepEqual(
        locales.map((url) => url.replace(/^.*\/dist\/locale\//, '')),
        ['zh_CN.js'],
      );
    });
  }

  it('answers --help from the compiled CLI with exit 0', async () => {
    const { stdout } = await runBin(['send', '--help']);
    assert.match(stdout, /^ci-callback send — .*\n\nUsage:\n {2}ci-callback send --target URL/);
  });
});
