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
import { generate } from '../src/payloads/generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const execNode = promisify(execFile);
const TRACE = join(ROOT, 'test', 'support', 'import-trace.js');

/** Runs `script` as an ES module from the repository (the package resolves itself by name through `exports`),
 * and returns what it printed and the node_modules packages it loaded. */
async function traced(script: string): Promise<{ stdout: string; packages: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'ci-callback-trace-'));
  try {
    const file = join(dir, 'modules.txt');
    const { stdout } = await execNode(
      process.execPath,
      ['--import', TRACE, '--input-type=module', '-e', script],
      {
        cwd: ROOT,
        env: { ...process.env, IMPORT_TRACE_FILE: file },
      },
    );
    const urls = (await readFile(file, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
    const packages = new Set(
      urls.flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    );
    return { stdout, packages: [...packages].sort() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the published library', () => {
  it('imports from plain Node by package name and generates the same bytes as the sources', async () => {
    const { stdout, packages } = await traced(`
      const { generate, tags } = await import('ci-callback-emitter');
      process.stdout.write(JSON.stringify({ body: generate({ tag: 'SmartCover', seed: 3, format: 'json' }).body, tags: tags().length }));
    `);
    const result = JSON.parse(stdout) as { body: string; tags: number };
    assert.equal(result.body, generate({ tag: 'SmartCover', seed: 3, format: 'json' }).body);
    assert.ok(result.tags >= 30);
    // The payload library is only payload code: faker draws the values; nothing else, not even zod, is loaded
    // (generate() checks its options with src/payloads/payload-rules.ts).
    assert.deepEqual(packages, ['@faker-js/faker']);
  });

  it('parses a content-moderation callback with parseCallback into its typed object, still loading only faker', async () => {
    const { stdout, packages } = await traced(`
      const { generateReview, parseCallback } = await import('ci-callback-emitter');
      const review = generateReview({ review: 'live', callbackVersion: 'detail', result: 'violation', seed: 2 });
      const parsed = parseCallback(review.body, {
        contentType: review.contentType,
        contentVersion: review.headers['X-Ci-Content-Version'],
      });
      process.stdout.write(JSON.stringify({ event: parsed.event, form: parsed.form, kind: parsed.kind, result: parsed.job.Result }));
    `);
    assert.deepEqual(JSON.parse(stdout), { event: 'ReviewVideo', form: 'detail', kind: 'live', result: 1 });
    assert.deepEqual(packages, ['@faker-js/faker']);
  });

  // Each entry costs only what it uses: its own packages, none of another part's.
  const ENTRIES: { entry: string; names: string[]; packages: string[] }[] = [
    {
      entry: 'ci-callback-emitter/server',
      names: ['startServer'],
      packages: [
        '@asteasolutions/zod-to-openapi',
        '@faker-js/faker',
        '@hono/node-server',
        '@hono/zod-openapi',
        '@hono/zod-validator',
        'better-sqlite3',
        'croner',
        'hdr-histogram-js',
        'hono',
        'undici',
        'zod',
      ],
    },
    {
      entry: 'ci-callback-emitter/load',
      names: ['runLoad', 'resolveLoadPlan', 'formatLoadReport'],
      packages: ['@faker-js/faker', 'hdr-histogram-js', 'zod'],
    },
    {
      entry: 'ci-callback-emitter/probe',
      names: ['runProbes', 'probeIds'],
      packages: ['@faker-js/faker'],
    },
    {
      entry: 'ci-callback-emitter/pact',
      names: ['verifyReceiver', 'verifyMessages', 'contractVariants'],
      packages: ['@faker-js/faker', '@pact-foundation/pact'],
    },
    {
      entry: 'ci-callback-emitter/artillery',
      names: ['setCallbackBody'],
      packages: ['@faker-js/faker', 'zod'],
    },
  ];
  for (const { entry, names, packages } of ENTRIES) {
    it(`${entry} exports ${names.join(', ')} and loads only its own packages`, async () => {
      const result = await traced(`
        const entry = await import('${entry}');
        process.stdout.write(JSON.stringify(${JSON.stringify(names)}.map((name) => typeof entry[name])));
      `);
      assert.deepEqual(
        JSON.parse(result.stdout),
        names.map(() => 'function'),
      );
      assert.deepEqual(result.packages, [...packages].sort());
    });
  }

  it("refuses with one InputError class across entries: the main entry's catches the server's", async () => {
    const { stdout } = await traced(`
      const { InputError } = await import('ci-callback-emitter');
      const { startServer } = await import('ci-callback-emitter/server');
      const error = await startServer({ port: 70000, db: ':memory:' }).catch((e) => e);
      process.stdout.write(JSON.stringify({ input: error instanceof InputError, plain: new Error('x') instanceof InputError, message: String(error.message) }));
    `);
    const result = JSON.parse(stdout) as { input: boolean; plain: boolean; message: string };
    assert.ok(result.input, `not an InputError of the main entry: ${result.message}`);
    assert.equal(result.plain, false);
  });

  it('ships the committed pact by name: ci-callback-emitter/pacts/<file>', async () => {
    const { stdout } = await traced(`
      const { COMMITTED_PACT } = await import('ci-callback-emitter/pact');
      const byName = (await import('node:url')).fileURLToPath(import.meta.resolve('ci-callback-emitter/pacts/ci-callback-emitter-callback-receiver.json'));
      const pact = JSON.parse((await import('node:fs')).readFileSync(byName, 'utf8'));
      process.stdout.write(JSON.stringify({ same: byName === COMMITTED_PACT, interactions: pact.interactions.length }));
    `);
    const result = JSON.parse(stdout) as { same: boolean; interactions: number };
    assert.ok(result.same, 'COMMITTED_PACT is the file exported as ci-callback-emitter/pacts/…');
    assert.ok(result.interactions > 100);
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
      // faker draws the values; zod checks the flags with the API's schemas (src/payloads/payload-options.ts).
      // Nothing else: no xmlbuilder2, pact, hono, SQLite or undici.
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
