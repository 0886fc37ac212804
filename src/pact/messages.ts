/**
 * @module pact/messages
 * Consumer-driven use: a team writes message pacts describing only the fields it reads, and the emitter checks
 * them against what its generators produce. A message names its variant either in its description, exactly as
 * the HTTP contract does (`SmartCover · json · workflow · success`, optionally `· lists of one|many`), or in a
 * provider state's parameters ({ tag, format, trigger, state, lists?, seed? }).
 */
import { readFile } from 'node:fs/promises';
import type { MessageProviders } from '@pact-foundation/pact';
import type { Format, JobState, Trigger } from '../core/types.ts';
import { FORMATS, STATES, TRIGGERS } from '../core/types.ts';
import { generate } from '../payloads/generate.ts';
import { findTag } from '../payloads/registry.ts';
import { type ListCardinality, parseVariantDescription, seedFor } from './variants.ts';

export interface MessageVariant {
  tag: string;
  format: Format;
  trigger: Trigger;
  state: JobState;
  seed: number;
}

export interface ProviderState {
  name?: string;
  params?: Record<string, unknown>;
}

export const NAMING_HINT =
  "name the message '<Tag> · <xml|json> · <direct|workflow> · <success|failed>' or give a provider state the parameters { tag, format, trigger, state }";

/** The variant a message asks for, or a reason it names none. */
export function resolveMessage(
  description: string,
  states: readonly ProviderState[] = [],
): MessageVariant | string {
  const params = states.find((state) => state.params && 'tag' in state.params)?.params;
  const named = parseVariantDescription(description);
  const candidate = named ?? {
    tag: String(params?.['tag'] ?? ''),
    format: String(params?.['format'] ?? 'json') as Format,
    trigger: String(params?.['trigger'] ?? 'direct') as Trigger,
    state: String(params?.['state'] ?? 'success') as JobState,
    lists: params?.['lists'] as ListCardinality | undefined,
  };
  if (!candidate.tag) return `'${description}' names no variant: ${NAMING_HINT}`;
  let def: ReturnType<typeof findTag>;
  try {
    def = findTag(candidate.tag);
  } catch (error) {
    return (error as Error).message;
  }
  if (
    !FORMATS.includes(candidate.format) ||
    !TRIGGERS.includes(candidate.trigger) ||
    !STATES.includes(candidate.state)
  ) {
    return `'${description}' names an unknown format, trigger or state: ${NAMING_HINT}`;
  }
  const lists = candidate.lists === 'one' || candidate.lists === 'many' ? candidate.lists : undefined;
  const seed =
    params?.['seed'] !== undefined
      ? Number(params['seed'])
      : seedFor(def, candidate.trigger, def.lists.length > 0 ? lists : undefined);
  return { tag: def.tag, format: candidate.format, trigger: candidate.trigger, state: candidate.state, seed };
}

/** The body the emitter sends for a message variant, with its content type. */
export function messageBody(variant: MessageVariant): { body: string; contentType: string } {
  const { body, contentType } = generate(variant);
  return { body, contentType };
}

/**
 * Pact Verifier message providers for every message of a consumer's pact: each is answered with what the
 * generators produce for the variant it names; one that names none fails with the naming convention.
 */
export async function messageProvidersFor(pactFile: string): Promise<MessageProviders> {
  const pact = JSON.parse(await readFile(pactFile, 'utf8')) as {
    messages?: { description: string; providerStates?: ProviderState[] }[];
    interactions?: { description: string; providerStates?: ProviderState[] }[];
  };
  const providers: MessageProviders = {};
  for (const message of pact.messages ?? pact.interactions ?? []) {
    const variant = resolveMessage(message.description, message.providerStates);
    providers[message.description] = async () => {
      if (typeof variant === 'string') throw new Error(variant);
      const { body, contentType } = messageBody(variant);
      // JSON goes out as the parsed document; XML as its text, typed by the content-type metadata.
      const content = contentType === 'application/json' ? JSON.parse(body) : body;
      return { __pactMessageMetadata: { contentType }, message: content };
    };
  }
  return providers;
}
