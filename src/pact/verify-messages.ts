/**
 * @module pact/verify-messages
 * Checks a consumer's message pact against what the generators produce, variant by variant.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { CONSUMER } from './interactions.ts';
import { type ProviderState, resolveMessage } from './messages.ts';
import { reportOf, runVerifier, type VerifyReport } from './verify.ts';

interface MessagePact {
  messages?: { description: string; providerStates?: ProviderState[]; type?: string }[];
  interactions?: { description: string; providerStates?: ProviderState[]; type?: string }[];
}

export async function verifyMessages({
  pactFile,
  timeoutMs,
}: {
  pactFile: string;
  timeoutMs?: number;
}): Promise<VerifyReport> {
  let pact: MessagePact;
  try {
    pact = JSON.parse(await readFile(pactFile, 'utf8')) as MessagePact;
  } catch (error) {
    throw new InputError('pact', `cannot read pact file '${pactFile}': ${(error as Error).message}`);
  }
  const messages = (pact.messages ?? pact.interactions ?? []).filter(
    (m) => !m.type || m.type.includes('Message'),
  );
  if (messages.length === 0) throw new InputError('pact', `'${pactFile}' has no message interactions`);
  const scratch = await mkdtemp(join(tmpdir(), 'ci-callback-messages-'));
  try {
    const verifierOptions = {
      provider: CONSUMER,
      pactUrls: [pactFile],
      logLevel: 'error',
      messagesFromPact: true,
    };
    const { failures, output } = await runVerifier(verifierOptions, scratch, timeoutMs);
    // A message that names no variant fails with the naming convention as its reason, not a generic 500.
    for (const message of messages) {
      const variant = resolveMessage(message.description, message.providerStates);
      if (typeof variant === 'string') failures.set(message.description, variant);
    }
    return reportOf(
      messages.map((m) => m.description),
      failures,
      output,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
