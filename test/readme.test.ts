/**
 * The docs are a test: every fenced block of README.md, of every docs/*.md page and of CONTRIBUTING.md runs here,
 * against loopback receivers this file starts, and what a block shows as output is compared with what happens.
 * CONTRIBUTING.md ("The docs are a test") describes the markers and the addresses below; a block that needs an
 * outside service is marked `skip` with its reason. The links between the pages are checked too: every relative
 * link and image points at a file of the repository, and every `#anchor` at a heading of that file.
 *
 *   127.0.0.1:3000            the reference receiver (examples/receiver), as `npx tsx examples/receiver/server.ts 3000`
 *   localhost:8787, 127.0.0.1:8787   a fixture server (startServer, db :memory:), as `npm start`
 *   127.0.0.1:37751           a receiver that answers one request in 100 after 40 ms and one in 1000 with 503
 *   127.0.0.1:3002            a receiver that reads ObjectName as if it were always an array (500 on a single file)
 *   127.0.0.1:3999            a port where nothing listens
 *   {tmp}                     (in a replace marker) a scratch directory, removed afterwards
 *   <id>                      (in a sh block) the `id` of the last JSON answer a curl in that block got
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createReceiver } from '../examples/receiver/app.ts';
import { runCli } from '../src/cli/main.ts';
import { type RunningServer, startServer } from '../src/server/start.ts';
import {
  headingAnchors,
  isExcerptOf,
  markdownLinks,
  outputMatches,
  type ReadmeBlock,
  readmeBlocks,
  shellCommands,
  transcript,
} from './readme/blocks.ts';
import { captureIo } from './support/cli.ts';
import { arrayAssumingReceiver } from './support/faulty-receivers.ts';
import { type LoadReceiver, startLoadReceiver } from './support/load-receiver.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The pages, as paths from the repository root: the README, every docs/*.md, CONTRIBUTING.md. */
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
  'CONTRIBUTING.md',
];
const text = new Map(PAGES.map((page) => [page, readFileSync(join(ROOT, page), 'utf8')]));
const blocksOf = new Map(PAGES.map((page) => [page, readmeBlocks(text.get(page) as string, page)]));

/** Blocks run over all the pages, at least: a harness that runs nothing proves nothing. */
const MIN_BLOCKS_RUN = 30;

const isSkipped = (block: ReadmeBlock) => block.markers.some((marker) => marker.kind === 'skip');

let referenceReceiver: ReturnType<typeof serve>;
let fixtureServer: RunningServer;
let loadReceiver: LoadReceiver;
let faultyReceiver: ReturnType<typeof serve>;
let scratch: string;
/**
 * Where ts snippets are written: inside the repository, so `ci-callback-emitter` and `hono` resolve; one
 * directory per process, and a file named after its page and line (`docs-payloads-md-line-42.ts`), so no two
 * pages' snippets meet.
 */
const snippets = join(ROOT, '.readme-test', String(process.pid));
const hosts = new Map<string, string>();

before(async () => {
  referenceReceiver = serve({ fetch: createReceiver().fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => referenceReceiver.once('listening', resolve));
  fixtureServer = await startServer({ port: 0, db: ':memory:' });
  loadReceiver = await startLoadReceiver({
    answer: (i) => (i % 1000 === 999 ? { status: 503 } : i % 100 === 99 ? { delayMs: 40 } : {}),
  });
  scratch = await mkdtemp(join(tmpdir(), 'ci-callback-readme-'));
  await mkdir(snippets, { recursive: true });
  const port = (server: ReturnType<typeof serve>) => (server.address() as AddressInfo).port;
  hosts.set('127.0.0.1:3000', `127.0.0.1:${port(referenceReceiver)}`);
  hosts.set('localhost:8787', `127.0.0.1:${fixtureServer.port}`);
  hosts.set('127.0.0.1:8787', `127.0.0.1:${fixtureServer.port}`);
  hosts.set('127.0.0.1:37751', new URL(loadReceiver.url).host);
  faultyReceiver = serve({ fetch: arrayAssumingReceiver.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => faultyReceiver.once('listening', resolve));
  hosts.set('127.0.0.1:3002', `127.0.0.1:${port(faultyReceiver)}`);
  const closed = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => closed.once('listening', resolve));
  hosts.set('127.0.0.1:3999', `127.0.0.1:${port(closed)}`);
  await new Promise((resolve) => closed.close(resolve));
});

after(async () => {
  await fixtureServer?.close();
  await loadReceiver?.close();
  await new Promise((resolve) => referenceReceiver?.close(resolve));
  await new Promise((resolve) => faultyReceiver?.close(resolve));
  await rm(scratch, { recursive: true, force: true });
  await rm(snippets, { recursive: true, force: true });
  // Another run's snippets may still be there; the folder goes only when it is empty.
  await rmdir(join(ROOT, '.readme-test')).catch(() => {});
});

/** The block as this run executes it: replace markers, the scratch directory, the loopback addresses. */
function prepared(block: ReadmeBlock, text = block.text): string {
  let out = text;
  for (const marker of block.markers) {
    if (marker.kind !== 'replace') continue;
    for (const [from, to] of marker.pairs) {
      assert.ok(out.includes(from), `${block.name}: replace "${from}" matches nothing in the block`);
      out = out.split(from).join(to);
    }
  }
  out = out.split('{tmp}').join(scratch);
  for (const [from, to] of hosts) out = out.split(from).join(to);
  return out;
}

async function cli(words: string[]) {
  const { out, io } = captureIo();
  const code = await runCli(words, io);
  return { code, ...out };
}

async function runShell(block: ReadmeBlock): Promise<void> {
  let lastJson: Record<string, unknown> | undefined;
  for (const words of shellCommands(prepared(block))) {
    const shown = words.join(' ');
    if (words[0] === 'npx' && words[1] === 'ci-callback') {
      // An example writes into the working tree unless a marker points it at the scratch directory.
      const out = words[words.indexOf('--out') + 1];
      if (words.includes('--out'))
        assert.ok(
          out?.startsWith(scratch),
          `${block.name}: '${shown}' writes outside {tmp}: add a replace marker`,
        );
      const { code, stdout, stderr } = await cli(words.slice(2));
      assert.equal(code, 0, `${shown}\nexit ${code}\n${stderr}${stdout.slice(0, 2000)}`);
    } else if (words[0] === 'curl') {
      const id = lastJson?.['id'];
      const request = curlRequest(
        words.map((word) => (id === undefined ? word : word.replace('<id>', String(id)))),
      );
      const response = await fetch(request.url, request.init);
      const body = await response.text();
      assert.ok(response.ok, `${shown}\nHTTP ${response.status} ${body}`);
      if (response.headers.get('content-type')?.includes('json')) lastJson = JSON.parse(body);
    } else {
      assert.fail(
        `${block.name}: cannot run '${shown}': mark the block (see CONTRIBUTING.md, "The docs are a test")`,
      );
    }
  }
}

async function runTranscript(block: ReadmeBlock, shown: { command: string; output: string }): Promise<void> {
  const [words, ...more] = shellCommands(prepared(block, shown.command));
  assert.ok(words && more.length === 0, `${block.name}: a transcript shows one command`);
  assert.deepEqual(words.slice(0, 2), ['npx', 'ci-callback'], `${block.name}: transcripts run ci-callback`);
  const { stdout, stderr } = await cli(words.slice(2));
  // The output shown is what the command printed on stdout, or on stderr when it printed nothing else.
  const actual = stdout === '' ? stderr : stdout;
  const expected = prepared(block, shown.output);
  const numbersVary = block.markers.some((marker) => marker.kind === 'numbers vary');
  if (!outputMatches(expected, actual, numbersVary)) assert.equal(actual.trimEnd(), expected.trimEnd());
}

async function runSnippet(block: ReadmeBlock, page: string): Promise<void> {
  const file = join(snippets, `${page.replace(/[^A-Za-z0-9]+/g, '-')}-line-${block.line}.ts`);
  await writeFile(file, prepared(block));
  await import(pathToFileURL(file).href);
}

async function checkExcerpt(block: ReadmeBlock, path: string): Promise<void> {
  const file = await readFile(join(ROOT, path), 'utf8');
  assert.ok(
    isExcerptOf(block.text, file),
    `${block.name}: not an excerpt of ${path} (lines with … are left out)`,
  );
}

for (const page of PAGES) {
  const blocks = blocksOf.get(page) as ReadmeBlock[];

  describe(`${page}: every example runs as shown`, () => {
    for (const block of blocks) {
      if (isSkipped(block)) continue;
      it(block.name, { timeout: 120_000 }, async () => {
        const excerpt = block.markers.find((marker) => marker.kind === 'excerpt');
        const shown = transcript(block.text);
        if (excerpt) await checkExcerpt(block, excerpt.path);
        else if (block.lang === 'sh') await runShell(block);
        else if (block.lang === 'ts') await runSnippet(block, page);
        else if (block.lang === '' && shown) await runTranscript(block, shown);
        else {
          assert.fail(
            `${block.name}: a '${block.lang || 'plain'}' block runs only as a transcript ($ command, then output) or with a marker`,
          );
        }
      });
    }

    it('names every block it does not run, and why', (t) => {
      const skipped = blocks.flatMap((block) =>
        block.markers.flatMap((marker) =>
          marker.kind === 'skip' ? [`${block.name}: ${marker.reason}`] : [],
        ),
      );
      for (const line of skipped) t.diagnostic(`not run: ${line}`);
      t.diagnostic(`${blocks.length - skipped.length} of ${blocks.length} blocks run`);
    });
  });
}

describe('the pages together', () => {
  it(`run at least ${MIN_BLOCKS_RUN} blocks`, (t) => {
    const all = [...blocksOf.values()].flat();
    const run = all.filter((block) => !isSkipped(block)).length;
    t.diagnostic(`${run} of ${all.length} blocks run over ${PAGES.length} pages`);
    assert.ok(run >= MIN_BLOCKS_RUN, `${run} of ${all.length} blocks run`);
  });

  it('link only to files of the repository, and to headings those files have', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const { target, line } of markdownLinks(text.get(page) as string)) {
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:, …: outside the repository
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
        const at = `${page}:${line}: ${target}`;
        if (file.startsWith('..') || relative(ROOT, join(ROOT, file)).startsWith('..')) {
          broken.push(`${at} points outside the repository`);
        } else if (!existsSync(join(ROOT, file))) {
          broken.push(`${at}: no file ${file}`);
        } else if (anchor !== undefined) {
          if (!file.endsWith('.md') || statSync(join(ROOT, file)).isDirectory()) {
            broken.push(`${at}: an anchor into a file that is not a page`);
          } else if (!headingAnchors(readFileSync(join(ROOT, file), 'utf8')).has(anchor)) {
            broken.push(`${at}: ${file} has no heading #${anchor}`);
          }
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it("are all on the README's map", () => {
    const linked = new Set(
      markdownLinks(text.get('README.md') as string).map(({ target }) => target.split('#')[0] as string),
    );
    const unmapped = PAGES.filter((page) => page !== 'README.md' && !linked.has(page));
    assert.deepEqual(unmapped, [], 'pages the README does not link to');
  });
});

/** The subset of curl the pages use: -s, -X METHOD, -H 'Name: value', -d BODY, and a URL without a scheme. */
export function curlRequest(words: string[]): { url: string; init: RequestInit } {
  const headers = new Headers();
  let method: string | undefined;
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '-s') continue;
    if (word === '-X') method = words[++i];
    else if (word === '-H') {
      const [name, ...value] = (words[++i] as string).split(':');
      headers.set(name as string, value.join(':').trim());
    } else if (word === '-d') body = words[++i];
    else if (word.startsWith('-')) throw new Error(`the docs harness does not run curl ${word}`);
    else url = /^https?:\/\//.test(word) ? word : `http://${word}`;
  }
  if (!url) throw new Error(`curl without a URL: ${words.join(' ')}`);
  return {
    url,
    init: { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, body: body ?? null },
  };
}
