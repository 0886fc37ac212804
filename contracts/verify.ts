/**
 * @module contracts/verify
 * Verifies a running receiver against the callback contract with pact's Verifier: selects variants, points
 * them at the receiver's path, and reports each variant as passed or failed with the reason.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../src/core/errors.ts';
import type { Format } from '../src/core/types.ts';
import { PACT_FILE_NAME, PROVIDER } from './interactions.ts';
import { parseVariantDescription } from './variants.ts';
import type { PactDocument } from './write-pact.ts';

export const COMMITTED_PACT = fileURLToPath(new URL(`./pacts/${PACT_FILE_NAME}`, import.meta.url));

export interface VerifyOptions {
  providerBaseUrl: string;
  /** Rewrites every interaction's path (the pact records /callback). */
  path?: string;
  tags?: readonly string[];
  formats?: readonly Format[];
  /** A pact file; defaults to the committed one. */
  pactFile?: string;
  /** Extra request headers, `Name: value`. */
  headers?: readonly string[];
  /** Verify the pacts a Pact Broker holds for this provider instead of a file. */
  broker?: { url: string; token?: string; providerVersion?: string; publish?: boolean };
  /** Whole-run limit. */
  timeoutMs?: number;
}

export interface VariantResult {
  description: string;
  passed: boolean;
  reason: string;
}

export interface VerifyReport {
  results: VariantResult[];
  passed: boolean;
  /** What pact's verifier printed (its own per-interaction report). */
  verifierOutput: string;
}

interface VerifierResults {
  errors?: {
    interaction: string;
    mismatch?: { type?: string; message?: string; mismatches?: { mismatch?: string }[] };
  }[];
  crash?: string;
}

/** Reads a pact file and keeps the interactions of the selected Tags and formats. */
export async function selectInteractions(options: VerifyOptions): Promise<PactDocument> {
  const file = options.pactFile ?? COMMITTED_PACT;
  let pact: PactDocument;
  try {
    pact = JSON.parse(await readFile(file, 'utf8')) as PactDocument;
  } catch (error) {
    throw new InputError('pact', `cannot read pact file '${file}': ${(error as Error).message}`);
  }
  if (!Array.isArray(pact.interactions))
    throw new InputError('pact', `'${file}' is not a pact file: no interactions`);
  const known = [
    ...new Set(pact.interactions.map((i) => parseVariantDescription(i.description)?.tag).filter(Boolean)),
  ];
  for (const tag of options.tags ?? []) {
    if (!known.includes(tag))
      throw new InputError('tags', `the pact has no interactions for tag '${tag}'`, known as string[]);
  }
  const interactions = pact.interactions.filter((interaction) => {
    const variant = parseVariantDescription(interaction.description);
    if (!variant) return !options.tags && !options.formats;
    return (
      (!options.tags || options.tags.includes(variant.tag)) &&
      (!options.formats || options.formats.includes(variant.format))
    );
  });
  if (interactions.length === 0)
    throw new InputError('formats', 'no interaction matches the selected tags and formats');
  if (options.path) {
    for (const interaction of interactions) (interaction['request'] as { path: string }).path = options.path;
  }
  return { ...pact, interactions };
}

export async function verifyReceiver(options: VerifyOptions): Promise<VerifyReport> {
  const scratch = await mkdtemp(join(tmpdir(), 'ci-callback-verify-'));
  try {
    let descriptions: string[] = [];
    const verifierOptions: Record<string, unknown> = {
      providerBaseUrl: options.providerBaseUrl,
      provider: PROVIDER,
      logLevel: 'error',
      customProviderHeaders: [...(options.headers ?? [])],
    };
    if (options.broker) {
      verifierOptions['pactBrokerUrl'] = options.broker.url;
      if (options.broker.token) verifierOptions['pactBrokerToken'] = options.broker.token;
      verifierOptions['consumerVersionSelectors'] = [{ latest: true }];
      verifierOptions['publishVerificationResult'] = options.broker.publish ?? false;
      if (options.broker.providerVersion) verifierOptions['providerVersion'] = options.broker.providerVersion;
    } else {
      const pact = await selectInteractions(options);
      descriptions = pact.interactions.map((i) => i.description);
      const pactFile = join(scratch, PACT_FILE_NAME);
      await writeFile(pactFile, JSON.stringify(pact));
      verifierOptions['pactUrls'] = [pactFile];
    }
    const { failures, output } = await runVerifier(verifierOptions, scratch, options.timeoutMs);
    if (descriptions.length === 0) descriptions = [...failures.keys()];
    return reportOf(descriptions, failures, output);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export function reportOf(
  descriptions: string[],
  failures: Map<string, string>,
  verifierOutput: string,
): VerifyReport {
  const rows = descriptions.map((description) => ({
    description,
    passed: !failures.has(description),
    reason: failures.get(description) ?? '',
  }));
  return { results: rows, passed: rows.every((row) => row.passed), verifierOutput };
}

/**
 * Runs pact's Verifier with `verifierOptions` in a child process (verifier-process.ts; `messagesFromPact: true`
 * answers a message pact from the generators) and reads its JSON results: the failed interactions by
 * description, with the reason. Throws when the verifier could not run at all. `scratch` is a directory for the
 * options and results files.
 */
export async function runVerifier(
  verifierOptions: Record<string, unknown>,
  scratch: string,
  timeoutMs = 600_000,
): Promise<{ failures: Map<string, string>; output: string }> {
  const optionsFile = join(scratch, 'options.json');
  const resultsFile = join(scratch, 'results.json');
  await writeFile(optionsFile, JSON.stringify(verifierOptions));
  const worker = fileURLToPath(new URL('./verifier-process.ts', import.meta.url));
  const output = await runWorker(worker, [optionsFile, resultsFile], timeoutMs);
  const fallback = JSON.stringify({ crash: 'the verifier wrote no results' });
  const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => fallback)) as VerifierResults;
  if (results.crash) throw new Error(`pact's verifier could not run: ${results.crash}\n${output}`);
  const failures = new Map<string, string>();
  for (const error of results.errors ?? []) {
    failures.set(error.interaction.replace(/^.* - /, ''), reasonOf(error.mismatch));
  }
  return { failures, output };
}

function reasonOf(mismatch: NonNullable<VerifierResults['errors']>[number]['mismatch']): string {
  if (!mismatch) return 'failed';
  if (mismatch.mismatches?.length) return mismatch.mismatches.map((m) => m.mismatch ?? 'mismatch').join('; ');
  return mismatch.message ?? mismatch.type ?? 'failed';
}

/** The verifier prints a block per interaction; a child process keeps that out of the caller's output. */
function runWorker(worker: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), worker, ...args], {
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

/** The report as a table: variant, PASS/FAIL, why. */
export function formatReport(report: VerifyReport): string {
  const width = Math.max(7, ...report.results.map((row) => row.description.length));
  const lines = [`${'VARIANT'.padEnd(width)}  RESULT  WHY`];
  for (const row of report.results) {
    lines.push(
      `${row.description.padEnd(width)}  ${row.passed ? 'pass  ' : 'FAIL  '}  ${row.reason}`.trimEnd(),
    );
  }
  const failed = report.results.filter((row) => !row.passed).length;
  lines.push('', `${report.results.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}
