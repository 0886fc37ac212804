/**
 * Verifies a consumer's message pact in a child process (see verifier-process.ts): every message is answered
 * with what the generators produce for the variant it names. argv: <pact file> <results file>.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { type MessageProviders, Verifier } from '@pact-foundation/pact';
import { CONSUMER } from './interactions.ts';
import { messageBody, type ProviderState, resolveMessage } from './messages.ts';

const [pactFile, resultsFile] = process.argv.slice(2) as [string, string];
const pact = JSON.parse(await readFile(pactFile, 'utf8')) as {
  messages?: { description: string; providerStates?: ProviderState[] }[];
  interactions?: { description: string; providerStates?: ProviderState[] }[];
};
const messageProviders: MessageProviders = {};
for (const message of pact.messages ?? pact.interactions ?? []) {
  const variant = resolveMessage(message.description, message.providerStates);
  messageProviders[message.description] = async () => {
    if (typeof variant === 'string') throw new Error(variant);
    const { body, contentType } = messageBody(variant);
    // JSON goes out as the parsed document; XML as its text, typed by the content-type metadata.
    const message = contentType === 'application/json' ? JSON.parse(body) : body;
    return { __pactMessageMetadata: { contentType }, message };
  };
}
let results: string;
try {
  results = String(
    await new Verifier({
      provider: CONSUMER,
      pactUrls: [pactFile],
      messageProviders,
      logLevel: 'error',
    }).verifyProvider(),
  );
} catch (error) {
  const message = (error as Error).message;
  results = message.trimStart().startsWith('{') ? message : JSON.stringify({ crash: message });
}
await writeFile(resultsFile, results);
