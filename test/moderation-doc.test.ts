/**
 * docs/moderation.md runs as shown: its `sh` blocks of `npx ci-callback …` in-process (exit 0 each), its
 * transcripts compared with what the command prints, its `ts` snippets imported against the built package.
 * The README's doc test (test/readme.test.ts) reads only README.md; this one holds the moderation page to the
 * same markers (test/readme/blocks.ts), so the page can join it unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../src/cli/main.ts';
import { outputMatches, readmeBlocks, shellCommands, transcript } from './readme/blocks.ts';
import { captureIo } from './support/cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = 'docs/moderation.md';
const blocks = readmeBlocks(readFileSync(join(ROOT, PAGE), 'utf8'), PAGE);
/** Inside the repository, so `ci-callback-emitter` resolves to the package itself. */
const snippets = join(ROOT, '.readme-test', `moderation-${process.pid}`);

async function cli(words: string[]) {
  const { out, io } = captureIo();
  const code = await runCli(words, io);
  return { code, ...out };
}

describe(`${PAGE}: every example runs as shown`, () => {
  after(() => rm(snippets, { recursive: true, force: true }));

  it('has examples (a page whose blocks are all skipped proves nothing)', () => {
    assert.ok(blocks.filter((block) => !block.markers.some((m) => m.kind === 'skip')).length >= 4);
  });

  for (const block of blocks) {
    if (block.markers.some((marker) => marker.kind === 'skip')) continue;
    it(block.name, async () => {
      const shown = transcript(block.text);
      if (block.lang === 'sh') {
        for (const words of shellCommands(block.text)) {
          assert.deepEqual(
            words.slice(0, 2),
            ['npx', 'ci-callback'],
            `${block.name}: only ci-callback runs here`,
          );
          const { code, stderr } = await cli(words.slice(2));
          assert.equal(code, 0, `${words.join(' ')}\n${stderr}`);
        }
      } else if (block.lang === '' && shown) {
        const [words, ...more] = shellCommands(shown.command);
        assert.ok(
          words && more.length === 0 && words[1] === 'ci-callback',
          `${block.name}: one ci-callback command`,
        );
        const { stdout, stderr } = await cli(words.slice(2));
        const actual = stdout === '' ? stderr : stdout;
        if (!outputMatches(shown.output, actual, false))
          assert.equal(actual.trimEnd(), shown.output.trimEnd());
      } else if (block.lang === 'ts') {
        await mkdir(snippets, { recursive: true });
        const file = join(snippets, `line-${block.line}.ts`);
        await writeFile(file, block.text);
        await import(pathToFileURL(file).href);
      } else {
        assert.fail(`${block.name}: a ${block.lang || 'plain'} block the doc test cannot run: mark it`);
      }
    });
  }
});
