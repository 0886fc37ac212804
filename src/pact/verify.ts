/**
 * @module pact/verify
 * Verifies a running receiver against the callback contract with pact's Verifier: selects variants, points
 * them at the receiver's path, and reports each variant as passed or failed with the reason.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';
import type { Format } from '../core/types.ts';
import { PACT_FILE_NAME, PROVIDER } from './interactions.ts';
import { probeReceiver, type ReachProbe, ReceiverUnreachableError, watchReceiver } from './receiver-reach.ts';
import { parseReviewDescription, reviewTagOf } from './review-variants.ts';
import { parseVariantDescription } from './variants.ts';
import type { PactDocument } from './write-pact.ts';

// beside this module in the sources and in dist/ (the build copies src/pact/pacts)
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
  /** Checks the receiver is there, before and during the run (a TCP connect by default). */
  probe?: ReachProbe;
  /** How often the receiver is probed during the run. */
  watchIntervalMs?: number;
}

export interface VariantResult {
  description: string;
  passed: boolean;
  reason: string;
  /** False for a variant the run never got to (it was stopped). */
  ran: boolean;
}

export interface VerifyReport {
  results: VariantResult[];
  passed: boolean;
  /** What pact's verifier printed (its own per-interaction report). */
  verifierOutput: string;
  /** Set when the run was stopped before every variant ran: why. */
  stopped?: string;
}

interface VerifierResults {
  errors?: {
    interaction: string;
    mismatch?: { type?: string; message?: string; mismatches?: { mismatch?: string }[] };
  }[];
  crash?: string;
}

/**
 * What `--tags` and `--formats` select an interaction by: a TaskFinish variant's Tag and format; a moderation
 * variant's `review:<kind>`, and json (moderation callbacks are JSON only).
 */
function selectionOf(description: string): { tag: string; format: Format } | undefined {
  const review = parseReviewDescription(description);
  if (review) return { tag: reviewTagOf(review.review), format: 'json' };
  return parseVariantDescription(description);
}

/** Reads a pact file and keeps the interactions of the selected Tags (review:<kind> too) and formats. */
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
  const known = [...new Set(pact.interactions.map((i) => selectionOf(i.description)?.tag).filter(Boolean))];
  for (const tag of options.tags ?? []) {
    if (!known.includes(tag))
      throw new InputError('tags', `the pact has no interactions for tag '${tag}'`, known as string[]);
  }
  const interactions = pact.interactions.filter((interaction) => {
    const variant = selectionOf(interaction.description);
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

/**
 * Verifies the receiver. Throws a ReceiverUnreachableError at once when nothing listens at its base URL; a
 * receiver that stops answering during the run stops it, and the report says which variants ran.
 */
export async function verifyReceiver(options: VerifyOptions): Promise<VerifyReport> {
  const probe = options.probe ?? probeReceiver;
  const pact = options.broker ? undefined : await selectInteractions(options);
  const unreachable = await probe(options.providerBaseUrl);
  if (unreachable !== undefined) throw new ReceiverUnreachableError(options.providerBaseUrl, unreachable);
  const scratch = await mkdtemp(join(tmpdir(), 'ci-callback-verify-'));
  const watch = watchReceiver(options.providerBaseUrl, {
    probe,
    ...(options.watchIntervalMs === undefined ? {} : { intervalMs: options.watchIntervalMs }),
  });
  const stop = new AbortController();
  let goneBecause: string | undefined;
  void watch.gone.then((problem) => {
    goneBecause = problem;
    stop.abort();
  });
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
    } else if (pact) {
      descriptions = pact.interactions.map((i) => i.description);
      const pactFile = join(scratch, PACT_FILE_NAME);
      await writeFile(pactFile, JSON.stringify(pact));
      verifierOptions['pactUrls'] = [pactFile];
    }
    const progressFile = join(scratch, 'progress.jsonl');
    if (pact) verifierOptions['progressFile'] = progressFile;
    let run: Awaited<ReturnType<typeof runVerifier>> | undefined;
    let failure: unknown;
    try {
      run = await runVerifier(verifierOptions, scratch, options.timeoutMs, stop.signal);
    } catch (error) {
      failure = error;
    }
    // The verifier's proxy dies when the receiver refuses a connection, often before the watch notices.
    if (goneBecause === undefined && (failure !== undefined || stop.signal.aborted)) {
      goneBecause = await probe(options.providerBaseUrl);
    }
    if (goneBecause !== undefined) {
      return stoppedReport(
        descriptions,
        await readProgress(progressFile),
        run?.output ?? '',
        `the receiver at ${options.providerBaseUrl} stopped answering (${goneBecause})`,
      );
    }
    if (!run) throw failure;
    const { failures, output } = run;
    if (descriptions.length === 0) descriptions = [...failures.keys()];
    return reportOf(descriptions, failures, output);
  } finally {
    watch.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One variant's request as the receiver answered it, as verifier-process.ts records it. */
interface VariantProgress {
  variant: string;
  status: number;
}

/** The report of a run stopped part-way: the variants whose request was answered, then those never run. */
export function stoppedReport(
  descriptions: string[],
  progress: readonly VariantProgress[],
  verifierOutput: string,
  why: string,
): VerifyReport {
  const statusOf = new Map(progress.map((entry) => [entry.variant, entry.status]));
  const ran = descriptions.filter((description) => statusOf.has(description));
  const results = [...ran, ...descriptions.filter((description) => !statusOf.has(description))].map(
    (description) => {
      const status = statusOf.get(description);
      if (status === undefined) return { description, passed: false, ran: false, reason: 'not run' };
      const passed = status >= 200 && status < 300;
      return { description, passed, ran: true, reason: passed ? '' : `HTTP ${status}` };
    },
  );
  return { results, passed: false, verifierOutput, stopped: why };
}

async function readProgress(file: string): Promise<VariantProgress[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as VariantProgress);
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
    ran: true,
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
  signal?: AbortSignal,
): Promise<{ failures: Map<string, string>; output: string }> {
  const optionsFile = join(scratch, 'options.json');
  const resultsFile = join(scratch, 'results.json');
  await writeFile(optionsFile, JSON.stringify(verifierOptions));
  // From the sources the worker runs through tsx; compiled (the installed CLI), it is plain JavaScript beside us.
  const compiled = import.meta.url.endsWith('.js');
  const worker = fileURLToPath(new URL(`./verifier-process.${compiled ? 'js' : 'ts'}`, import.meta.url));
  const loader = compiled ? [] : ['--import', import.meta.resolve('tsx')];
  const output = await runWorker([...loader, worker, optionsFile, resultsFile], timeoutMs, signal);
  if (signal?.aborted) return { failures: new Map(), output };
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
function runWorker(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
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
    const kill = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      resolve(output);
    });
  });
}

/** The report as a table: variant, PASS/FAIL, why. */
export function formatReport(report: VerifyReport): string {
  const width = Math.max(7, ...report.results.map((row) => row.description.length));
  const lines = [`${'VARIANT'.padEnd(width)}  RESULT  WHY`];
  for (const row of report.results) {
    const result = !row.ran ? '—     ' : row.passed ? 'pass  ' : 'FAIL  ';
    lines.push(`${row.description.padEnd(width)}  ${result}  ${row.ran ? row.reason : 'not run'}`.trimEnd());
  }
  const passed = report.results.filter((row) => row.passed).length;
  const notRun = report.results.filter((row) => !row.ran).length;
  const failed = report.results.length - passed - notRun;
  lines.push('', `${passed} passed, ${failed} failed${notRun > 0 ? `, ${notRun} not run` : ''}`);
  if (report.stopped) lines.push(`stopped: ${report.stopped}`);
  return `${lines.join('\n')}\n`;
}
