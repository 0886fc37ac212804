/**
 * Runs pact's Verifier in a child process, so its own console output (one block per interaction) stays out of
 * the caller's output unless asked for. argv: <options JSON file> <results file>. Options are pact's
 * VerifierOptions, plus `messagesFromPact: true` to answer the messages of the pact file from the generators.
 * Writes the verifier's JSON results, or `{"crash": "..."}` when it could not run.
 */
import { appendFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { PROVIDER_STATE } from './interactions.ts';
import { messageProvidersFor } from './messages.ts';
import { type ContractVariant, describeVariant } from './variants.ts';

const [optionsFile, resultsFile] = process.argv.slice(2) as [string, string];
const { messagesFromPact, progressFile, ...options } = JSON.parse(
  await readFile(optionsFile, 'utf8'),
) as VerifierOptions & {
  messagesFromPact?: boolean;
  progressFile?: string;
};
const [pactFile] = options.pactUrls ?? [];
if (messagesFromPact && pactFile) options.messageProviders = await messageProvidersFor(pactFile);
if (progressFile) recordProgress(options, progressFile);

/**
 * Appends `{"variant", "status"}` to `file` as each variant's request is answered, so a run that has to be
 * stopped (its receiver died) can still say which variants ran. The variant comes from the provider state's
 * parameters, which every interaction of the callback contract carries.
 */
function recordProgress(verifierOptions: VerifierOptions, file: string): void {
  let current: string | undefined;
  verifierOptions.stateHandlers = {
    [PROVIDER_STATE]: async (parameters?: unknown) => {
      const variant = parameters as ContractVariant | undefined;
      current = variant?.tag === undefined ? undefined : describeVariant(variant);
      return undefined;
    },
  };
  // Typed by hand: pact's option is an express handler, and express's types are not a dependency here.
  const filter = (
    request: { path: string },
    response: { statusCode: number; on: (event: 'finish', listener: () => void) => void },
    next: () => void,
  ) => {
    const variant = current;
    if (variant !== undefined && !request.path.startsWith('/_pact')) {
      response.on('finish', () =>
        appendFileSync(file, `${JSON.stringify({ variant, status: response.statusCode })}\n`),
      );
    }
    next();
  };
  verifierOptions.requestFilter = filter as unknown as NonNullable<VerifierOptions['requestFilter']>;
}
let results: string;
try {
  results = String(await new Verifier(options).verifyProvider());
} catch (error) {
  const message = (error as Error).message;
  results = message.trimStart().startsWith('{') ? message : JSON.stringify({ crash: message });
}
await writeFile(resultsFile, results);
