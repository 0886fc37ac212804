/**
 * @module bench/generate
 * How much does a body cost? For six Tags (the four documented ones, the largest media Tag and VideoTag):
 *   1. generate() in XML and in JSON, µs per body, against xmlbuilder2 serializing the very same trees (the
 *      project's renderer before it wrote XML by hand), timed in turns over blocks of 20 seeds. Targets:
 *      generate() XML ≤ 1.25 × xmlbuilder2 alone; JSON ≤ XML. A ratio is the median of its blocks' ratios, so a
 *      burst of load from elsewhere on a shared machine slows both sides of a sample alike; µs are medians of
 *      the rounds;
 *   2. a batch of bodies of every Tag, XML and JSON, pretty and compact (BENCH_BATCH_SEEDS seeds each, default 12:
 *      1,920 bodies), as the fixture server makes an emit's callbacks and keeps them: generate() for the whole
 *      batch, then the first Buffer.from of each body (a rope would be flattened there), then a second one (flat).
 *      µs per body, medians of the rounds;
 *   3. the 100,000-body corpus: `ci-callback fixtures --out DIR --count 100000` in its own process, wall-clock
 *      seconds from spawn to exit (start-up included). Target ≤ 60 s.
 * BENCH_ROUNDS (default 7) sets the rounds, BENCH_SEEDS (default 200) the bodies per Tag and round, BENCH_CORPUS
 * (default 100000) the corpus size.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerateOptions, Job } from '../src/core/types.ts';
import { generate } from '../src/payloads/generate.ts';
import { tagNames } from '../src/payloads/registry.ts';
import { renderXmlWithXmlbuilder2 } from '../test/support/xmlbuilder2-render.ts';
import { median, print } from './report.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const SEEDS = Number(process.env['BENCH_SEEDS'] ?? 200);
const CORPUS = Number(process.env['BENCH_CORPUS'] ?? 100_000);
const BATCH_SEEDS = Number(process.env['BENCH_BATCH_SEEDS'] ?? 12);
const TAGS = ['SpeechRecognition', 'SmartCover', 'Transcode', 'VideoTag', 'SoundHound', 'WordsGeneralize'];
const XML_TARGET = 1.25;
/** Seeds timed in one turn. */
const BLOCK = 20;
const CORPUS_TARGET_SECONDS = 60;

export async function generateBench(): Promise<void> {
  measureGeneration();
  measureBatch();
  await measureCorpus();
}

interface TagFigures {
  xmlUs: number[];
  jsonUs: number[];
  xmlbuilder2Us: number[];
  xmlRatios: number[];
  jsonRatios: number[];
}

function measureGeneration(): void {
  const seeds = Array.from({ length: SEEDS }, (_, i) => i * 7_919 + 1);
  // The trees generate() renders: { EventName, JobsDetail } of each seed's direct success.
  const trees = new Map(
    TAGS.map((tag) => [
      tag,
      seeds.map((seed): Job => ({ EventName: 'TaskFinish', JobsDetail: generate({ tag, seed }).job })),
    ]),
  );
  const figures = new Map<string, TagFigures>(
    TAGS.map((tag) => [tag, { xmlUs: [], jsonUs: [], xmlbuilder2Us: [], xmlRatios: [], jsonRatios: [] }]),
  );
  // Within a round the three are timed in turns over blocks of seeds, so a burst of load from elsewhere on the
  // machine falls on all three alike.
  const elapsedUs = (run: () => void) => {
    const started = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - started) / 1000;
  };
  // Round 0 warms the JIT up and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const tag of TAGS) {
      const tagTrees = trees.get(tag) as Job[];
      const totals = { xml: 0, json: 0, reference: 0 };
      const f = figures.get(tag) as TagFigures;
      for (let from = 0, turn = 0; from < SEEDS; from += BLOCK, turn++) {
        const block = seeds.slice(from, from + BLOCK);
        const blockTrees = tagTrees.slice(from, from + BLOCK);
        const runs: Record<keyof typeof totals, () => void> = {
          xml: () => {
            for (const seed of block) generate({ tag, format: 'xml', seed });
          },
          json: () => {
            for (const seed of block) generate({ tag, format: 'json', seed });
          },
          reference: () => {
            for (const tree of blockTrees) renderXmlWithXmlbuilder2(tree);
          },
        };
        // Each block starts with the next of the three, so none always runs right after another's garbage.
        const names = Object.keys(runs) as (keyof typeof totals)[];
        const blockUs = { xml: 0, json: 0, reference: 0 };
        for (let i = 0; i < names.length; i++) {
          const name = names[(turn + i) % names.length] as keyof typeof totals;
          blockUs[name] = elapsedUs(runs[name]);
          totals[name] += blockUs[name];
        }
        if (round === 0) continue;
        f.xmlRatios.push(blockUs.xml / blockUs.reference);
        f.jsonRatios.push(blockUs.json / blockUs.xml);
      }
      if (round === 0) continue;
      f.xmlUs.push(totals.xml / SEEDS);
      f.jsonUs.push(totals.json / SEEDS);
      f.xmlbuilder2Us.push(totals.reference / SEEDS);
    }
  }
  const rows = TAGS.map((tag) => {
    const f = figures.get(tag) as TagFigures;
    const xmlRatio = median(f.xmlRatios);
    const jsonRatio = median(f.jsonRatios);
    return [
      tag,
      median(f.xmlUs).toFixed(1),
      median(f.jsonUs).toFixed(1),
      median(f.xmlbuilder2Us).toFixed(1),
      `${xmlRatio.toFixed(2)}${xmlRatio <= XML_TARGET ? '' : ' (NOT met)'}`,
      `${jsonRatio.toFixed(2)}${jsonRatio <= 1 ? '' : ' (NOT met)'}`,
    ];
  });
  const worst = Math.max(...TAGS.map((tag) => median((figures.get(tag) as TagFigures).xmlRatios)));
  print(
    `generate(), µs per body (${ROUNDS} rounds × ${SEEDS} seeds per Tag; ratios: median of ${(ROUNDS * SEEDS) / BLOCK} blocks)`,
    [
      ...table(['Tag', 'XML µs', 'JSON µs', 'xmlbuilder2 µs', 'XML / xmlbuilder2', 'JSON / XML'], rows),
      `worst XML / xmlbuilder2: ${worst.toFixed(2)} (target ≤ ${XML_TARGET}: ${worst <= XML_TARGET ? 'met' : 'NOT met'})`,
    ],
  );
}

function measureBatch(): void {
  const options: GenerateOptions[] = [];
  let seed = 1;
  for (const tag of tagNames())
    for (const format of ['xml', 'json'] as const)
      for (const compact of [false, true])
        for (let i = 0; i < BATCH_SEEDS; i++) options.push({ tag, format, compact, seed: seed++ * 7_919 });
  const figures = {
    generate: [] as number[],
    first: [] as number[],
    again: [] as number[],
    sum: [] as number[],
  };
  const perBody = (started: number) => ((performance.now() - started) * 1000) / options.length;
  // Round 0 warms the JIT up and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    let started = performance.now();
    const bodies = options.map((o) => generate(o).body);
    const generateUs = perBody(started);
    started = performance.now();
    for (const body of bodies) Buffer.from(body);
    const firstUs = perBody(started);
    started = performance.now();
    for (const body of bodies) Buffer.from(body);
    const againUs = perBody(started);
    if (round === 0) continue;
    figures.generate.push(generateUs);
    figures.first.push(firstUs);
    figures.again.push(againUs);
    figures.sum.push(generateUs + firstUs);
  }
  print(
    `a batch of ${options.length} bodies (every Tag, XML and JSON, pretty and compact), µs per body (${ROUNDS} rounds)`,
    [
      `generate() ${median(figures.generate).toFixed(1)}, first Buffer.from ${median(figures.first).toFixed(1)}, ` +
        `generate() + first Buffer.from ${median(figures.sum).toFixed(1)}; a second Buffer.from ${median(figures.again).toFixed(1)}`,
    ],
  );
}

async function measureCorpus(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ci-callback-corpus-'));
  try {
    const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
    const argv = ['--import', 'tsx', main, 'fixtures', '--out', dir, '--count', String(CORPUS)];
    const started = performance.now();
    let stderr = '';
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      child.once('error', reject);
      child.once('close', resolve);
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`fixtures --count exited with ${code}: ${stderr}`);
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) =>
      e.isFile(),
    ).length;
    print(`corpus: fixtures --count ${CORPUS}, its own process`, [
      `${files} files in ${seconds.toFixed(1)} s (${((seconds * 1e6) / files).toFixed(0)} µs per file, generation and writing; target ≤ ${CORPUS_TARGET_SECONDS} s for 100,000: ${files === CORPUS && seconds <= CORPUS_TARGET_SECONDS ? 'met' : 'NOT met'})`,
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Columns padded to their widest cell, the first left-aligned and the rest right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] as string).length)));
  return all.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  '),
  );
}
