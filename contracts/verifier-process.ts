/**
 * Runs pact's Verifier in a child process, so its own console output (one block per interaction) stays out of
 * the caller's output unless asked for. argv: <options JSON file> <results file>. Options are pact's
 * VerifierOptions, plus `messagesFromPact: true` to answer the messages of the pact file from the generators.
 * Writes the verifier's JSON results, or `{"crash": "..."}` when it could not run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { messageProvidersFor } from './messages.ts';

const [optionsFile, resultsFile] = process.argv.slice(2) as [string, string];
const { messagesFromPact, ...options } = JSON.parse(
  await readFile(optionsFile, 'utf8'),
) as VerifierOptions & {
  messagesFromPact?: boolean;
};
const [pactFile] = options.pactUrls ?? [];
if (messagesFromPact && pactFile) options.messageProviders = await messageProvidersFor(pactFile);
let results: string;
try {
  results = String(await new Verifier(options).verifyProvider());
} catch (error) {
  const message = (error as Error).message;
  results = message.trimStart().startsWith('{') ? message : JSON.stringify({ crash: message });
}
await writeFile(resultsFile, results);
