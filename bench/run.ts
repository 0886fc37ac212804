/**
 * @module bench/run
 * `npm run bench [name …]`: runs the benchmarks (all, or those named) one after another and prints their
 * figures. Benchmarks print; they never pass or fail like tests, since their numbers depend on the machine.
 */
import { artilleryOverhead, artilleryUnique } from './artillery.ts';
import { ciJobsBench } from './ci-jobs.ts';
import { fixtureServer } from './fixture-server.ts';
import { generateBench } from './generate.ts';
import { importCostBench } from './import-cost.ts';
import { loadVsAutocannon } from './load-vs-autocannon.ts';
import { schemaBench } from './schema.ts';
import { startupBench } from './startup.ts';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  generate: generateBench,
  'load-vs-autocannon': loadVsAutocannon,
  'artillery-overhead': artilleryOverhead,
  'artillery-unique': artilleryUnique,
  'fixture-server': fixtureServer,
  startup: startupBench,
  'import-cost': importCostBench,
  schema: schemaBench,
  'ci-jobs': ciJobsBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown benchmark ${unknown.join(', ')}; accepted: ${Object.keys(BENCHMARKS).join(', ')}\n`,
  );
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stdout.write(`\n== ${name}\n`);
  await run();
}
