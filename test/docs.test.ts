/**
 * The manual is a test: every `ts` block of docs/*.md runs here (written to a file inside the repository, so the
 * package's own dependencies resolve, then imported), with `127.0.0.1:8787` and `localhost:8787` pointing at a
 * fixture server this file starts. A block that cannot run here carries `<!-- readme-test: skip REASON -->` on the
 * line above (the README's markers, test/readme/blocks.ts); blocks in other languages are not run.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type RunningServer, startServer } from '../src/server/start.ts';
import { readmeBlocks } from './readme/blocks.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs');
const pages = readdirSync(DOCS).filter((name) => name.endsWith('.md'));
const blocks = pages.flatMap((page) =>
  readmeBlocks(readFileSync(join(DOCS, page), 'utf8'), `docs/${page}`).map((block) => ({ page, block })),
);
const runnable = blocks.filter(
  ({ block }) => block.lang === 'ts' && !block.markers.some((marker) => marker.kind === 'skip'),
);

describe('docs/*.md: every ts block runs', () => {
  let server: RunningServer;
  const snippets = join(ROOT, '.docs-test', String(process.pid));

  before(async () => {
    server = await startServer({ port: 0, db: ':memory:' });
    await mkdir(snippets, { recursive: true });
  });
  after(async () => {
    await server?.close();
    await rm(join(ROOT, '.docs-test'), { recursive: true, force: true });
  });

  for (const { page, block } of runnable) {
    it(block.name, { timeout: 60_000 }, async () => {
      const host = `127.0.0.1:${server.port}`;
      const text = block.text.split('127.0.0.1:8787').join(host).split('localhost:8787').join(host);
      const file = join(snippets, `${page.replace(/\W/g, '-')}-line-${block.line}.ts`);
      await writeFile(file, text);
      await import(pathToFileURL(file).href);
    });
  }

  it('runs the CI job API recipe (a page that shows code runs some of it)', () => {
    assert.ok(
      runnable.some(({ page }) => page === 'ci-api.md'),
      'docs/ci-api.md has a ts block that runs',
    );
  });
});
