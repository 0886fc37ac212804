/**
 * @module pact/write-pact
 * Runs every contract variant through the emitter's real delivery client against pact's mock server, so the
 * pact records what the emitter actually sends. One mock-server pact per Tag (pact rewrites its file after each
 * interaction, so one file of hundreds would be written hundreds of times) and one per moderation kind, merged
 * into the one pact file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { PactV4 } from '@pact-foundation/pact';
import type { TagDefinition } from '../core/types.ts';
import { createDeliveryClient } from '../delivery/client.ts';
import { REVIEW_KINDS, type ReviewKind } from '../moderation/types.ts';
import { TAGS } from '../tags/index.ts';
import {
  CALLBACK_PATH,
  CONSUMER,
  defineInteraction,
  defineReviewInteraction,
  PACT_FILE_NAME,
  PROVIDER,
  variantPayload,
} from './interactions.ts';
import { describeReviewVariant, reviewContractVariants, reviewVariantPayload } from './review-variants.ts';
import { contractVariants, describeVariant } from './variants.ts';

const MATCH_SETTLE_MS = 10;
/**
 * pact's mock server very occasionally stalls on a request on a loaded machine; a Tag's pact is then written
 * again from scratch (its own pact file, so no interaction is recorded twice).
 */
const TAG_ATTEMPTS = 3;
const SEND_TIMEOUT_MS = 5_000;

export interface PactDocument {
  consumer: { name: string };
  provider: { name: string };
  interactions: { description: string; [key: string]: unknown }[];
  metadata: Record<string, unknown>;
}

/** One interaction to record: how to add it to a pact, and the request the emitter really sends for it. */
interface ContractEntry {
  description: string;
  define(interaction: ReturnType<PactV4['addInteraction']>): ReturnType<typeof defineInteraction>;
  request: { body: string; contentType: string; headers?: Record<string, string> };
}

/** A Tag's variants, or a moderation kind's, as entries. */
function tagEntries(def: TagDefinition): ContractEntry[] {
  return contractVariants([def]).map((variant) => {
    const { body, contentType } = variantPayload(variant);
    return {
      description: describeVariant(variant),
      define: (interaction) => defineInteraction(interaction, variant),
      request: { body, contentType },
    };
  });
}

function reviewEntries(review: ReviewKind): ContractEntry[] {
  return reviewContractVariants([review]).map((variant) => {
    const { body, contentType, headers } = reviewVariantPayload(variant);
    return {
      description: describeReviewVariant(variant),
      define: (interaction) => defineReviewInteraction(interaction, variant),
      request: { body, contentType, headers },
    };
  });
}

/**
 * Writes the pact for every variant of `tags` and of the moderation kinds `reviews` to
 * `dir/<consumer>-<provider>.json`; returns its path.
 */
export async function writePact(
  dir: string,
  tags = TAGS,
  reviews: readonly ReviewKind[] = REVIEW_KINDS,
): Promise<string> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const scratch = await mkdtemp(join(tmpdir(), 'ci-callback-pact-'));
  const merged: PactDocument = {
    consumer: { name: CONSUMER },
    provider: { name: PROVIDER },
    interactions: [],
    metadata: {},
  };
  const groups: [string, ContractEntry[]][] = [
    ...tags.map((def): [string, ContractEntry[]] => [def.tag, tagEntries(def)]),
    ...reviews.map((review): [string, ContractEntry[]] => [`review-${review}`, reviewEntries(review)]),
  ];
  try {
    for (const [name, entries] of groups) {
      const written = await withRetries(TAG_ATTEMPTS, () => writeGroupPact(entries, join(scratch, name)));
      merged.interactions.push(...written.interactions);
      merged.metadata = written.metadata;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  merged.interactions.sort((a, b) =>
    a.description < b.description ? -1 : a.description > b.description ? 1 : 0,
  );
  const path = join(dir, PACT_FILE_NAME);
  await writeFile(path, `${JSON.stringify(merged, null, 1)}\n`);
  return path;
}

/** Runs every entry of one group (a Tag, a moderation kind) against fresh mock servers; the pact they produced. */
async function writeGroupPact(entries: readonly ContractEntry[], dir: string): Promise<PactDocument> {
  await rm(dir, { recursive: true, force: true });
  const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir, logLevel: 'error' });
  for (const entry of entries) {
    const send = async (server: { url: string }) => {
      // A client per mock server: a new mock server may get a closed one's port, and a kept-alive
      // connection to that port would be stale.
      const client = createDeliveryClient({ timeoutMs: SEND_TIMEOUT_MS });
      const outcome = await client
        .send({ url: `${server.url}${CALLBACK_PATH}`, ...entry.request })
        .finally(() => client.close());
      if (!outcome.ok) {
        const why = outcome.responseSnippet ?? outcome.error?.message;
        throw new Error(`mock server answered ${outcome.status ?? 'nothing'}: ${why}`);
      }
      // pact's mock server can answer before it has recorded the match; checked at once, about one
      // interaction in 300 was reported "expected but not received". A short pause lets it settle.
      await setTimeout(MATCH_SETTLE_MS);
    };
    try {
      await entry.define(pact.addInteraction()).executeTest(send);
    } catch (error) {
      throw new Error(`${entry.description}: ${(error as Error).message}`);
    }
  }
  return JSON.parse(await readFile(join(dir, PACT_FILE_NAME), 'utf8')) as PactDocument;
}

async function withRetries<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
