/**
 * The contract has teeth: the reference receiver passes every variant; receivers that mishandle one kind of
 * variant fail verification, and the report names exactly those variants.
 */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createReceiver } from '../../examples/receiver/app.ts';
import { asList } from '../../examples/receiver/callback.ts';
import { runCaptured } from '../../test/support/cli.ts';
import {
  arrayAssumingReceiver,
  headerIgnoringReceiver,
  noContentReviewReceiver,
  reviewRejectingReceiver,
  workflowRejectingReceiver,
} from '../../test/support/faulty-receivers.ts';
import { InputError } from '../core/errors.ts';
import { describeReviewVariant, reviewContractVariants } from './review-variants.ts';
import { contractVariants, describeVariant } from './variants.ts';
import { formatReport, selectInteractions, verifyReceiver } from './verify.ts';

type Fetch = (request: Request) => Response | Promise<Response>;

/** Serves a fetch handler on 127.0.0.1:0 for the duration of a describe block. */
function serveOnLoopback(fetch: Fetch) {
  const handle = { url: '', close: () => {} };
  before(async () => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    handle.close = () => server.close();
  });
  after(() => handle.close());
  return handle;
}

describe('verify against the reference receiver (examples/receiver)', () => {
  const receiver = serveOnLoopback(createReceiver().fetch);

  it('passes every variant of the committed pact, TaskFinish and moderation', async () => {
    const report = await verifyReceiver({ providerBaseUrl: receiver.url });
    assert.deepEqual(
      report.results.filter((row) => !row.passed),
      [],
    );
    assert.equal(report.results.length, contractVariants().length + reviewContractVariants().length);
    const reviews = report.results.filter((row) => row.description.startsWith('review:'));
    assert.deepEqual(
      reviews.map((row) => row.description).sort(),
      reviewContractVariants().map(describeReviewVariant).sort(),
    );
    assert.ok(report.passed);
  });
});

describe('verify against receivers that mishandle moderation callbacks', () => {
  const taskFinishOnly = serveOnLoopback(reviewRejectingReceiver.fetch);
  const headerIgnoring = serveOnLoopback(headerIgnoringReceiver.fetch);
  const noContent = serveOnLoopback(noContentReviewReceiver.fetch);
  const reviews = ['review:video', 'review:document'];
  const failedOf = (report: Awaited<ReturnType<typeof verifyReceiver>>) =>
    report.results.filter((row) => !row.passed).map((row) => row.description);

  it('fails a receiver of TaskFinish only on every moderation variant, and on no TaskFinish one', async () => {
    const report = await verifyReceiver({
      providerBaseUrl: taskFinishOnly.url,
      tags: ['SoundHound', ...reviews],
    });
    assert.ok(!report.passed);
    const expected = reviewContractVariants(['video', 'document']).map(describeReviewVariant);
    assert.deepEqual(failedOf(report).sort(), expected.sort());
    assert.ok(report.results.some((row) => row.passed && row.description.startsWith('SoundHound')));
    assert.match(formatReport(report), /review:video · simple · violation\s+FAIL\s+.*400/);
  });

  it('fails a receiver that ignores X-Ci-Content-Version on exactly the Simple variants', async () => {
    const report = await verifyReceiver({ providerBaseUrl: headerIgnoring.url, tags: reviews });
    assert.deepEqual(failedOf(report).sort(), [
      'review:video · simple · normal',
      'review:video · simple · suspected',
      'review:video · simple · violation',
    ]);
  });

  it('fails a receiver that answers a moderation callback 204 instead of 200', async () => {
    const report = await verifyReceiver({ providerBaseUrl: noContent.url, tags: ['review:text'] });
    assert.equal(failedOf(report).length, reviewContractVariants(['text']).length);
    assert.ok(
      report.results.every((row) => /200/.test(row.reason) && /204/.test(row.reason)),
      formatReport(report),
    );
  });
});

describe('verify against receivers that mishandle a kind of variant', () => {
  const arrays = serveOnLoopback(arrayAssumingReceiver.fetch);
  const noWorkflows = serveOnLoopback(workflowRejectingReceiver.fetch);
  const tags = ['SmartCover', 'SoundHound'];

  it('fails a receiver that treats a single-element list as an array, on exactly the lists-of-one variants', async () => {
    const report = await verifyReceiver({ providerBaseUrl: arrays.url, tags });
    const failed = report.results.filter((row) => !row.passed).map((row) => row.description);
    assert.ok(!report.passed);
    assert.deepEqual(failed.sort(), [
      'SmartCover · json · direct · success · lists of one',
      'SmartCover · json · workflow · success · lists of one',
      'SmartCover · xml · direct · success · lists of one',
      'SmartCover · xml · workflow · success · lists of one',
    ]);
    assert.match(formatReport(report), /SmartCover · json · direct · success · lists of one\s+FAIL\s+.*500/);
  });

  it('fails a receiver that rejects workflow callbacks, on every workflow variant and no other', async () => {
    const report = await verifyReceiver({ providerBaseUrl: noWorkflows.url, tags });
    for (const row of report.results) {
      assert.equal(
        row.passed,
        !row.description.includes(' · workflow · '),
        `${row.description}: ${row.reason}`,
      );
    }
  });
});

describe('verify when the receiver is not there', () => {
  it('fails at once with one line saying what to start when nothing listens, exit 1', async () => {
    const server = serve({ fetch: createReceiver().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const deadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    // One TCP connect, before pact's verifier starts (it would retry for ~30 s per variant).
    const { code, stdout, stderr } = await runCaptured(['verify', '--provider-base-url', deadUrl]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `ci-callback verify: cannot reach the receiver at ${deadUrl} (connection refused): start it first — e.g. npx tsx examples/receiver/server.ts 3000 — or point --provider-base-url at where it runs\n`,
    );
  });

  it('stops a run whose receiver dies part-way, with a table of what ran', async () => {
    let jobs = 0;
    let stopReceiver = () => {};
    const receiver = createReceiver({
      onJob: () => {
        // The receiver goes away after its fifth callback, as a crashed process would.
        if (++jobs === 5) setImmediate(stopReceiver);
      },
    });
    const server = serve({ fetch: receiver.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    stopReceiver = () => {
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
    };
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const report = await verifyReceiver({
      providerBaseUrl: url,
      tags: ['SmartCover', 'SoundHound'],
      watchIntervalMs: 100,
    });
    assert.equal(report.passed, false);
    assert.match(
      report.stopped ?? '',
      new RegExp(`the receiver at ${url} stopped answering \\(connection refused\\)`),
    );
    const ran = report.results.filter((row) => row.ran);
    // The fifth callback stopped the receiver: the variants before it ran (and passed), the rest never did.
    assert.ok(ran.length >= 3 && ran.length <= 5, `${ran.length} of ${report.results.length} ran`);
    assert.ok(
      ran.every((row) => row.passed),
      JSON.stringify(ran),
    );
    assert.equal(report.results.length, 24, 'every selected variant has a row');
    const table = formatReport(report);
    assert.match(table, new RegExp(`^${ran[0]?.description}\\s+pass$`, 'm'));
    assert.match(table, /—\s+not run$/m);
    assert.match(
      table,
      new RegExp(
        `\\d+ passed, \\d+ failed, \\d+ not run\\nstopped: the receiver at ${url} stopped answering`,
      ),
    );
  });
});

describe('ci-callback verify', () => {
  const seen: { path: string; token: string | undefined }[] = [];
  const guarded = new Hono().post('/hooks/ci', (c) => {
    seen.push({ path: c.req.path, token: c.req.header('x-token') });
    return c.req.header('x-token') === 's3cret' ? c.body(null, 204) : c.json({ error: 'bad token' }, 401);
  });
  const receiver = serveOnLoopback(guarded.fetch);

  const run = (...argv: string[]) => runCaptured(argv);

  it('sends to --path with --header, prints a table and exits 0 when all pass', async () => {
    const { code, stdout } = await run(
      'verify',
      '--provider-base-url',
      receiver.url,
      '--path',
      '/hooks/ci',
      '--header',
      'X-Token: s3cret',
      '--tags',
      'SoundHound',
      '--formats',
      'json',
    );
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^VARIANT\s+RESULT\s+WHY$/m);
    assert.match(stdout, /SoundHound · json · direct · success · lists of one\s+pass/);
    assert.doesNotMatch(stdout, / · xml · /);
    assert.ok(seen.every((request) => request.path === '/hooks/ci' && request.token === 's3cret'));
  });

  it('exits 1 and names the failures when variants fail, in the table and in --junit', async () => {
    const junit = join(tmpdir(), `verify-${process.pid}.xml`);
    const { code, stdout } = await run(
      'verify',
      '--provider-base-url',
      receiver.url,
      '--path',
      '/hooks/ci',
      '--tags',
      'SoundHound',
      '--junit',
      junit,
    );
    assert.equal(code, 1);
    assert.match(stdout, /SoundHound · xml · workflow · failed\s+FAIL\s+.*401/);
    const xml = await readFile(junit, 'utf8');
    await rm(junit, { force: true });
    const failed = (stdout.match(/\sFAIL\s/g) ?? []).length;
    assert.match(xml, new RegExp(`failures="${failed}"`));
    assert.match(
      xml,
      /<testcase classname="contract" name="SoundHound · xml · workflow · failed[^"]*" time="0.000">\n\s+<failure message="[^"]*401/,
    );
  });

  const bad: [string[], RegExp][] = [
    [['verify'], /--provider-base-url is required/],
    [
      ['verify', '--provider-base-url', 'localhost:3000'],
      /--provider-base-url: 'localhost:3000' is not an absolute http:\/\/ or https:\/\/ URL/,
    ],
    [
      ['verify', '--provider-base-url', 'http://127.0.0.1:9', '--tags', 'Nope'],
      /no interactions for tag 'Nope'; accepted: .*SmartCover/,
    ],
    [
      ['verify', '--provider-base-url', 'http://127.0.0.1:9', '--formats', 'yaml'],
      /--formats: unknown format 'yaml'; accepted: xml, json/,
    ],
    [
      ['verify', '--provider-base-url', 'http://127.0.0.1:9', '--header', 'NoColon'],
      /--header: 'NoColon' is not 'Name: value'/,
    ],
    [
      ['verify', '--provider-base-url', 'http://127.0.0.1:9', '--header', 'Host: x'],
      /--header: these headers are set by the client and cannot be given/,
    ],
    [
      ['verify', '--provider-base-url', 'http://127.0.0.1:9', '--path', 'callback'],
      /--path: must start with '\/', e\.g\. \/callback, got 'callback'/,
    ],
    [
      ['verify', '--provider-base-url', 'http://127.0.0.1:9', '--pact', '/nonexistent.json'],
      /cannot read pact file/,
    ],
  ];
  for (const [argv, message] of bad) {
    it(`'${argv.slice(1).join(' ')}' exits 2 with one line`, async () => {
      const { code, stderr } = await run(...argv);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1);
    });
  }
});

describe('selectInteractions', () => {
  it('keeps the selected Tags and formats and rewrites the path', async () => {
    const pact = await selectInteractions({
      providerBaseUrl: 'http://x',
      tags: ['SmartCover'],
      formats: ['xml'],
      path: '/cb',
    });
    const expected = contractVariants()
      .filter((v) => v.tag === 'SmartCover' && v.format === 'xml')
      .map(describeVariant)
      .sort();
    assert.deepEqual(pact.interactions.map((i) => i.description).sort(), expected);
    assert.ok(pact.interactions.every((i) => (i['request'] as { path: string }).path === '/cb'));
  });

  it('selects moderation variants as review:<kind>, as json, and never as xml', async () => {
    const pact = await selectInteractions({ providerBaseUrl: 'http://x', tags: ['review:live'] });
    const expected = reviewContractVariants(['live']).map(describeReviewVariant).sort();
    assert.deepEqual(pact.interactions.map((i) => i.description).sort(), expected);
    const json = await selectInteractions({
      providerBaseUrl: 'http://x',
      tags: ['review:live'],
      formats: ['json'],
    });
    assert.equal(json.interactions.length, expected.length);
    await assert.rejects(
      selectInteractions({ providerBaseUrl: 'http://x', tags: ['review:live'], formats: ['xml'] }),
      /no interaction matches/,
    );
    await assert.rejects(
      selectInteractions({ providerBaseUrl: 'http://x', tags: ['review:pdf'] }),
      (error: unknown) => error instanceof InputError && /review:video/.test(error.message),
    );
  });

  it('rejects an unknown Tag with the list of Tags the pact has', async () => {
    await assert.rejects(selectInteractions({ providerBaseUrl: 'http://x', tags: ['Nope'] }), InputError);
  });
});

describe('the reference receiver reads lists of one and of many alike', () => {
  it('asList turns a bare value into a list of one', () => {
    assert.deepEqual(asList('a.jpg'), ['a.jpg']);
    assert.deepEqual(asList(['a.jpg', 'b.jpg']), ['a.jpg', 'b.jpg']);
    assert.deepEqual(asList(undefined), []);
  });
});
