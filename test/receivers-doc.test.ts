/**
 * docs/receivers.md is a test, as the README is: its `npx ci-callback` commands run in-process, its TypeScript
 * examples are imported (against the built package, as a user would), blocks for other toolchains carry a skip
 * marker with the reason, and the figures it states are the ones the tests use.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../src/cli/main.ts';
import { contractVariants } from '../src/pact/variants.ts';
import { TAGS } from '../src/tags/index.ts';
import { type ReadmeBlock, readmeBlocks, shellCommands } from './readme/blocks.ts';
import { captureIo } from './support/cli.ts';
import { UNSEEN_SEEDS } from './support/unseen-seeds.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = 'docs/receivers.md';
const markdown = readFileSync(join(ROOT, DOC), 'utf8');
const blocks = readmeBlocks(markdown, DOC);

describe(`${DOC}: every example runs as shown`, () => {
  let scratch: string;
  /** Inside the repository, so `ci-callback-emitter` and `ajv` resolve from a snippet. */
  const snippets = join(ROOT, '.readme-test', `receivers-${process.pid}`);

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ci-callback-receivers-'));
    await mkdir(snippets, { recursive: true });
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
    await rm(snippets, { recursive: true, force: true });
  });

  function prepared(block: ReadmeBlock): string {
    let text = block.text;
    for (const marker of block.markers) {
      if (marker.kind !== 'replace') continue;
      for (const [from, to] of marker.pairs) {
        assert.ok(text.includes(from), `${block.name}: replace "${from}" matches nothing`);
        text = text.split(from).join(to);
      }
    }
    return text.split('{tmp}').join(scratch);
  }

  for (const block of blocks) {
    if (block.markers.some((marker) => marker.kind === 'skip')) continue;
    it(block.name, async () => {
      if (block.lang === 'sh') {
        for (const words of shellCommands(prepared(block))) {
          assert.deepEqual(words.slice(0, 2), ['npx', 'ci-callback'], `${block.name}: runs only ci-callback`);
          const { out, io } = captureIo();
          const code = await runCli(words.slice(2), io);
          assert.equal(code, 0, `${words.join(' ')}\n${out.stderr}`);
        }
      } else if (block.lang === 'ts') {
        const file = join(snippets, `line-${block.line}.ts`);
        await writeFile(file, prepared(block));
        await import(pathToFileURL(file).href);
      } else {
        assert.fail(`${block.name}: a '${block.lang || 'plain'}' block needs a skip marker saying why`);
      }
    });
  }

  it('states the number of bodies the schema tests validate', () => {
    const json = contractVariants().filter((variant) => variant.format === 'json').length;
    const unseen = TAGS.length * 2 * 2 * 3 * UNSEEN_SEEDS.length;
    const total = unseen + json * 3;
    assert.ok(markdown.includes(`${total.toLocaleString('en-US')} TaskFinish bodies`), `expected ${total}`);
    assert.ok(markdown.includes(`${unseen.toLocaleString('en-US')} bodies from seeds`), `expected ${unseen}`);
    assert.ok(markdown.includes(`contract's ${json} JSON variants`), `expected ${json}`);
  });
});
