/**
 * @module bench/schema
 * What checking a received body costs a receiver, for five Tags (two documented ones, the largest media Tag,
 * VideoTag with its nested lists, WorkflowFinish's neighbour Snapshot):
 *   1. validating the JSON body, once parsed, with ajv against the Tag's schema (compiled once, as a receiver
 *      would), the validation alone;
 *   2. `parseCallback` of the JSON body and of the XML body;
 * each as µs per body (the median of the rounds) and as a ratio to the reference measured in the same turns:
 * `JSON.parse` of the same bodies, which every JSON receiver pays anyway. The four are timed in turns over
 * blocks of bodies and a ratio is the median of its blocks' ratios, so a burst of load from elsewhere on a
 * shared machine slows both sides of a ratio alike.
 * Then the same for content-moderation bodies, six kinds in a form each, every result class in turn (no XML:
 * CI sends them as JSON only).
 * BENCH_ROUNDS (default 7) sets the rounds, BENCH_SEEDS (default 200) the bodies per Tag or kind.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { REVIEW_RESULTS, type ReviewKind } from '../src/moderation/types.ts';
import { generate } from '../src/payloads/generate.ts';
import { generateReview } from '../src/payloads/generate-review.ts';
import { parseCallback } from '../src/schema/parse-callback.ts';
import { schemaForReview, schemaForTag } from '../src/schema/schemas.ts';
import { median, print } from './report.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const SEEDS = Number(process.env['BENCH_SEEDS'] ?? 200);
const TAGS = ['SmartCover', 'SpeechRecognition', 'Transcode', 'VideoTag', 'Snapshot'];
const REVIEWS: [ReviewKind, 'simple' | 'detail'][] = [
  ['image', 'detail'],
  ['video', 'detail'],
  ['live', 'simple'],
  ['audio', 'detail'],
  ['text', 'simple'],
  ['document', 'detail'],
];
const BLOCK = 20;

interface Bodies {
  json: string[];
  /** None for moderation bodies: JSON only. */
  xml: string[];
  /** The JSON bodies parsed once: validation is timed alone. */
  parsed: unknown[];
}

type Measure = 'reference' | 'validate' | 'parseJson' | 'parseXml';
const MEASURES: Measure[] = ['reference', 'validate', 'parseJson', 'parseXml'];

export async function schemaBench(): Promise<void> {
  const seeds = Array.from({ length: SEEDS }, (_, i) => i * 7_919 + 3);
  const lines: string[] = [];
  for (const tag of TAGS) {
    const bodies: Bodies = {
      json: seeds.map((seed) => generate({ tag, seed, format: 'json', compact: true }).body),
      xml: seeds.map((seed) => generate({ tag, seed, format: 'xml', compact: true }).body),
      parsed: [],
    };
    bodies.parsed = bodies.json.map((body) => JSON.parse(body) as unknown);
    const validate = new Ajv2020({ allErrors: false }).compile(schemaForTag(tag));
    const { us, ratio: ratios } = measure(bodies, validate);
    const ratio = (m: Measure) => ratios[m].toFixed(1);
    const bytes = Math.round(median(bodies.json.map((body) => body.length)));
    lines.push(
      `${tag.padEnd(18)} ${String(bytes).padStart(6)} B  JSON.parse ${us.reference.toFixed(1)} µs  ` +
        `validate ${us.validate.toFixed(1)} µs (×${ratio('validate')})  ` +
        `parseCallback json ${us.parseJson.toFixed(1)} µs (×${ratio('parseJson')}), ` +
        `xml ${us.parseXml.toFixed(1)} µs (×${ratio('parseXml')})`,
    );
  }
  print(
    `µs per body (median of ${ROUNDS} rounds of ${SEEDS} bodies); × JSON.parse of the same bodies (median of blocks of ${BLOCK})`,
    lines,
  );

  const reviewLines: string[] = [];
  for (const [review, callbackVersion] of REVIEWS) {
    const json = seeds.map(
      (seed, n) =>
        generateReview({
          review,
          callbackVersion,
          result: REVIEW_RESULTS[n % REVIEW_RESULTS.length],
          seed,
          compact: true,
        }).body,
    );
    const bodies: Bodies = { json, xml: [], parsed: json.map((body) => JSON.parse(body) as unknown) };
    const validate = new Ajv2020({ allErrors: false }).compile(schemaForReview(review, callbackVersion));
    const { us, ratio } = measure(bodies, validate);
    const bytes = Math.round(median(json.map((body) => body.length)));
    reviewLines.push(
      `${`${review} ${callbackVersion}`.padEnd(18)} ${String(bytes).padStart(6)} B  JSON.parse ${us.reference.toFixed(1)} µs  ` +
        `validate ${us.validate.toFixed(1)} µs (×${ratio.validate.toFixed(1)})  ` +
        `parseCallback ${us.parseJson.toFixed(1)} µs (×${ratio.parseJson.toFixed(1)})`,
    );
  }
  print('moderation bodies (every result in turn), the same measures; JSON only', reviewLines);
}

interface Figures {
  /** µs per body: the median of the rounds. */
  us: Record<Measure, number>;
  /** × the reference: the median of the blocks' ratios, each block timed in turns. */
  ratio: Record<Measure, number>;
}

function measure(bodies: Bodies, validate: ValidateFunction): Figures {
  const rounds: Record<Measure, number[]> = { reference: [], validate: [], parseJson: [], parseXml: [] };
  const ratios: Record<Measure, number[]> = { reference: [], validate: [], parseJson: [], parseXml: [] };
  const runs: Record<Measure, (from: number, to: number) => void> = {
    reference: (from, to) => {
      for (let i = from; i < to; i++) JSON.parse(bodies.json[i] as string);
    },
    validate: (from, to) => {
      for (let i = from; i < to; i++) {
        if (!validate(bodies.parsed[i])) throw new Error('a generated body failed its schema');
      }
    },
    parseJson: (from, to) => {
      for (let i = from; i < to; i++)
        parseCallback(bodies.json[i] as string, { contentType: 'application/json' });
    },
    parseXml: (from, to) => {
      for (let i = from; i < Math.min(to, bodies.xml.length); i++)
        parseCallback(bodies.xml[i] as string, { contentType: 'application/xml' });
    },
  };
  // Round 0 warms the JIT up and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    const totals: Record<Measure, number> = { reference: 0, validate: 0, parseJson: 0, parseXml: 0 };
    for (let from = 0; from < SEEDS; from += BLOCK) {
      const to = Math.min(SEEDS, from + BLOCK);
      const block = {} as Record<Measure, number>;
      for (const m of MEASURES) {
        const started = process.hrtime.bigint();
        runs[m](from, to);
        block[m] = Number(process.hrtime.bigint() - started) / 1000;
        totals[m] += block[m];
      }
      if (round > 0) for (const m of MEASURES) ratios[m].push(block[m] / block.reference);
    }
    if (round > 0) for (const m of MEASURES) rounds[m].push(totals[m] / SEEDS);
  }
  const of = (values: Record<Measure, number[]>) =>
    Object.fromEntries(MEASURES.map((m) => [m, median(values[m])])) as Record<Measure, number>;
  return { us: of(rounds), ratio: of(ratios) };
}
