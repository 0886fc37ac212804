/**
 * Consumer-driven contracts: the example team's message pact passes `verify-messages`; expectations the emitter
 * does not meet fail, named, with the reason.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MatchersV3 } from '@pact-foundation/pact';
import { runCli } from '../../src/cli/main.ts';
import { verifyMessages } from '../../src/pact/verify-messages.ts';
import { CONSUMER, MEDIA_SERVICE_MESSAGES, PROVIDER, writeMessagePact } from './media-service.consumer.ts';

const PACT_NAME = `${CONSUMER}-${PROVIDER}.json`;
const COMMITTED = new URL(`./pacts/${PACT_NAME}`, import.meta.url);

async function inScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ci-callback-messages-test-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('verify-messages on a consumer message pact', () => {
  it('the example consumer test writes the committed example pact', async () => {
    await inScratch(async (dir) => {
      await writeMessagePact(dir);
      const written = JSON.parse(await readFile(join(dir, PACT_NAME), 'utf8'));
      assert.deepEqual(
        written,
        JSON.parse(await readFile(COMMITTED, 'utf8')),
        'run the example consumer and commit its pact',
      );
    });
  });

  it('passes every message of the example pact', async () => {
    const report = await verifyMessages({ pactFile: new URL(COMMITTED).pathname });
    const rows = report.results.map((row) => [row.description, row.passed, row.reason].join(' | ')).sort();
    assert.deepEqual(rows, MEDIA_SERVICE_MESSAGES.map((m) => `${m.description} | true | `).sort());
  });

  it('fails, by name, a message whose expectation the emitter does not meet or that names no variant', async () => {
    await inScratch(async (dir) => {
      await writeMessagePact(dir, [
        {
          // Expects an array where one cover gives a bare string.
          description: 'SmartCover · json · direct · success · lists of one',
          content: {
            JobsDetail: {
              Operation: { MediaResult: { OutputFile: { ObjectName: MatchersV3.eachLike('a.jpg', 2) } } },
            },
          },
          check: () => {},
        },
        { description: 'a callback arrives', content: { EventName: 'TaskFinish' }, check: () => {} },
        {
          description: 'SoundHound · json · direct · success',
          content: { EventName: 'TaskFinish' },
          check: () => {},
        },
      ]);
      const report = await verifyMessages({ pactFile: join(dir, PACT_NAME) });
      const byName = new Map(report.results.map((row) => [row.description, row]));
      assert.equal(byName.get('SmartCover · json · direct · success · lists of one')?.passed, false);
      assert.match(
        byName.get('a callback arrives')?.reason ?? '',
        /names no variant: name the message '<Tag> · <xml\|json>/,
      );
      assert.equal(byName.get('SoundHound · json · direct · success')?.passed, true);
    });
  });

  it('ci-callback verify-messages exits 0 on the example pact and 2 without --pact', async () => {
    const silent = { stdout: () => {}, stderr: () => {}, isTty: false };
    assert.equal(await runCli(['verify-messages', '--pact', new URL(COMMITTED).pathname], silent), 0);
    assert.equal(await runCli(['verify-messages'], silent), 2);
  });
});
