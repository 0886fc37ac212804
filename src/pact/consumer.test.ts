/**
 * The emitter's consumer test: every variant goes through the real delivery client to pact's mock server, and
 * the pact that comes out must be the committed one (src/pact/pacts/), so the contract is proof of what the
 * emitter sends. After changing a generator: `npm run pact` and review the diff.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseXml } from '../core/render-xml.ts';
import { FORMATS, STATES, TRIGGERS } from '../core/types.ts';
import { REVIEWS } from '../moderation/index.ts';
import { REVIEW_KINDS, REVIEW_RESULTS } from '../moderation/types.ts';
import { TAGS } from '../tags/index.ts';
import { PACT_FILE_NAME, variantPayload } from './interactions.ts';
import { describeReviewVariant, reviewContractVariants, reviewVariantPayload } from './review-variants.ts';
import { contractVariants, describeVariant } from './variants.ts';
import { type PactDocument, writePact } from './write-pact.ts';

const COMMITTED = new URL(`./pacts/${PACT_FILE_NAME}`, import.meta.url);

describe('the callback contract', () => {
  it('covers every Tag × format × trigger × state, and lists of one and of many', () => {
    const descriptions = new Set(contractVariants().map(describeVariant));
    for (const def of TAGS) {
      for (const format of FORMATS) {
        for (const trigger of TRIGGERS) {
          for (const state of STATES) {
            const base = `${def.tag} · ${format} · ${trigger} · ${state}`;
            const expected =
              def.lists.length > 0 && state === 'success'
                ? [`${base} · lists of many`, `${base} · lists of one`]
                : [base];
            for (const description of expected) assert.ok(descriptions.has(description), description);
          }
        }
      }
    }
  });

  it('covers every moderation kind × the forms CI sends it in × result class', () => {
    const descriptions = reviewContractVariants().map(describeReviewVariant);
    const expected = REVIEW_KINDS.flatMap((kind) =>
      REVIEWS[kind].versions.flatMap((version) =>
        REVIEW_RESULTS.map((result) => `review:${kind} · ${version} · ${result}`),
      ),
    );
    assert.deepEqual(descriptions.sort(), expected.sort());
    // documents and web pages have no Simple form: 5 kinds × 2 forms + 2 kinds × 1, × 3 results
    assert.equal(descriptions.length, 36);
  });

  it('sends each moderation callback as JSON with the X-Ci-Content-Version of its form, and expects 200', async () => {
    const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as PactDocument;
    const byDescription = new Map(committed.interactions.map((i) => [i.description, i]));
    for (const variant of reviewContractVariants()) {
      const description = describeReviewVariant(variant);
      const interaction = byDescription.get(description) as
        | {
            request: { headers: Record<string, string[]>; body: { content: Record<string, unknown> } };
            response: { status: number };
          }
        | undefined;
      assert.ok(interaction, description);
      const { headers, body } = interaction.request;
      assert.deepEqual(headers['Content-Type'], ['application/json'], description);
      const form = 'EventName' in body.content ? 'Detail' : 'code' in body.content ? 'Simple' : 'neither';
      assert.deepEqual(headers['X-Ci-Content-Version'], [form], description);
      assert.equal(form.toLowerCase(), variant.callbackVersion, description);
      assert.equal(interaction.response.status, 200, description);
      assert.deepEqual(body.content, JSON.parse(reviewVariantPayload(variant).body), description);
    }
  });

  it('replays the generated callbacks themselves: every example body is the variant’s real body', async () => {
    const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as PactDocument;
    const byDescription = new Map(committed.interactions.map((i) => [i.description, i]));
    for (const variant of contractVariants()) {
      const interaction = byDescription.get(describeVariant(variant));
      assert.ok(interaction, describeVariant(variant));
      const content = (interaction['request'] as { body: { content: unknown } }).body.content;
      const payload = variantPayload(variant);
      if (variant.format === 'xml') {
        assert.deepEqual(parseXml(String(content)), parseXml(payload.body), describeVariant(variant));
      } else {
        assert.deepEqual(content, JSON.parse(payload.body), describeVariant(variant));
      }
    }
  });

  it('is what the emitter sends through its delivery client, and equals the committed pact', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ci-callback-consumer-'));
    try {
      const written = JSON.parse(await readFile(await writePact(dir), 'utf8')) as PactDocument;
      assert.equal(written.interactions.length, contractVariants().length + reviewContractVariants().length);
      const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as PactDocument;
      const names = (pact: PactDocument) => pact.interactions.map((i) => i.description);
      assert.deepEqual(
        names(committed),
        names(written),
        'the committed pact has other interactions: run npm run pact',
      );
      assert.deepEqual(committed, written, 'the committed pact is stale: run npm run pact');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
