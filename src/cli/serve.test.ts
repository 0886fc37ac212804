import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureIo } from '../../test/support/cli.ts';
import { startReceiver } from '../../test/support/receiver.ts';
import { resolveLoadPlan } from '../load/plan.ts';
import { runCli } from './main.ts';
import { createServeCommand, loadRunLimits } from './serve.ts';

/** Runs `serve` in-process with `args`; resolves once it says where it listens. `stop` is the signal's arrival. */
async function startServe(args: string[]) {
  const { out, io } = captureIo();
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const serve = createServeCommand({ env: {}, waitForStop: () => stopped });
  const running = serve(args, io);
  const deadline = Date.now() + 5_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline) {
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout)?.[1];
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(url, out.stdout);
  return { out, url, stop, running };
}

describe('ci-callback serve', () => {
  it('starts, says where it listens, serves the API, and stops cleanly when told', async () => {
    const { out, url, stop, running } = await startServe(['--port', '0', '--db', ':memory:', '--no-demo']);
    assert.equal((await fetch(`${url}/health`)).status, 200);
    assert.match(out.stdout, new RegExp(`dashboard: ${url}/\n`));
    assert.match(await (await fetch(`${url}/`)).text(), /<h1>Catalog<\/h1>/);
    assert.doesNotMatch(out.stdout, /demo:/);
    stop('SIGTERM');
    assert.equal(await running, 0);
    assert.match(out.stdout, /SIGTERM: finishing deliveries in flight, then stopping\nstopped\n$/);
    await assert.rejects(fetch(`${url}/health`), 'no longer listening');
  });

  it('retries by --retry, numbers attempts by --attempt-header, and answers as --sink-response says', async () => {
    const flags = ['--retry', '0,1ms', '--attempt-header', '--sink-response', 'status=503,200&delay=1ms'];
    const { out, url, stop, running } = await startServe([
      '--port',
      '0',
      '--db',
      ':memory:',
      '--no-demo',
      ...flags,
    ]);
    assert.match(out.stdout, /deliveries: retry 0,1ms; X-CI-Callback-Attempt sent\n/);
    assert.match(out.stdout, /sink: answers status=503,200&delay=1ms unless a callback asks otherwise\n/);
    const emit = await fetch(`${url}/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: `${url}/sink`, tag: 'Transcode' }),
    });
    const [delivery] = ((await emit.json()) as { deliveries: { attempts: { httpStatus: number }[] }[] })
      .deliveries;
    assert.deepEqual(
      delivery?.attempts.map((a) => a.httpStatus),
      [503, 200],
    );
    const sink = (await (await fetch(`${url}/sink`)).json()) as { callbacks: { attempt: string | null }[] };
    assert.deepEqual(
      sink.callbacks.map((c) => c.attempt),
      ['2', '1'],
    );
    stop('SIGTERM');
    assert.equal(await running, 0);
  });

  it('refuses a bad --retry or --sink-response before it listens, saying what is accepted', async () => {
    for (const [flag, value, words] of [
      ['--retry', '5s', /--retry: must be a retry schedule: '5s' starts with 5s.*at most 20 attempts/],
      ['--sink-response', 'status=99', /--sink-response 'status': .*'99' is not a status from 200 to 599/],
      ['--sink-response', 'delay=1m', /--sink-response 'delay': .*from 0 to 30s, got '1m'/],
      ['--sink-response', 'stats=503', /--sink-response: unknown stats; accepted: status, delay, body/],
    ] as const) {
      const { out, io } = captureIo();
      const code = await runCli(['serve', '--port', '0', '--db', ':memory:', '--no-demo', flag, value], io);
      assert.equal(code, 2, `${flag} ${value}: ${out.stderr}`);
      assert.match(out.stderr, words, `${flag} ${value}`);
      assert.equal(out.stdout, '');
    }
  });

  it('serves CI’s job API with the --ci-* flags: a submitted job fails by --ci-fail and calls back --ci-callback', async () => {
    const receiver = await startReceiver();
    const { out, url, stop, running } = await startServe(
      [
        '--port',
        '0',
        '--db',
        ':memory:',
        '--no-demo',
        '--ci-job-time',
        '50ms',
        '--ci-callback',
        receiver.url,
      ].concat(['--ci-fail', 'missing/*:InputObjectNotExist', '--ci-workflow', 'w1=Transcode']),
    );
    assert.match(out.stdout, /CI job API: .*\/jobs .*jobs take 50ms/);
    const submit = await fetch(`${url}/jobs`, {
      method: 'POST',
      body: '<Request><Tag>Transcode</Tag><Input><Object>missing/a.mp4</Object></Input><Operation/></Request>',
    });
    assert.equal(submit.status, 200);
    const [callback] = await receiver.waitFor(1, 5_000);
    assert.match(callback?.body ?? '', /<Code>InputObjectNotExist<\/Code>/);
    const workflows = (await (await fetch(`${url}/ci/workflows`)).json()) as unknown;
    assert.deepEqual(workflows, { workflows: [{ id: 'w1', tags: ['Transcode'] }] });
    stop('SIGTERM');
    assert.equal(await running, 0);
    await receiver.close();
  });

  it('refuses to bind a non-loopback address without --token, with exit 2 and the reason', async () => {
    const { out, io } = captureIo();
    const code = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--db', ':memory:'], io);
    assert.equal(code, 2);
    assert.equal(out.stdout, '');
    assert.match(
      out.stderr,
      /^ci-callback serve: --host: refusing to listen on 0\.0\.0\.0 without --token: .*give --token SECRET/,
    );
  });

  it('refuses bad flags with exit 2', async () => {
    for (const [argv, message] of [
      [['--port', 'http'], /--port: must be a whole number from 0 to 65535, got "http"/],
      [
        ['--allow-target', 'nope', '--port', '0', '--db', ':memory:'],
        /allow-target 'nope' is not a URL pattern/,
      ],
      [
        ['--target', 'nowhere', '--port', '0', '--db', ':memory:'],
        /--target: 'nowhere' is not an absolute http:\/\/ or https:\/\/ URL/,
      ],
      [['--bogus'], /unknown flag '--bogus'/],
      [['--ci-fail', 'missing/*'], /--ci-fail 'code': .*e\.g\. InputObjectNotExist/],
      [['--ci-workflow', 'w1=NoSuchTag', '--port', '0', '--db', ':memory:'], /unknown Tag 'NoSuchTag'/],
      [['--ci-job-time', 'soon'], /--ci-job-time: .*not a duration|--ci-job-time: .*250ms/],
      [['--ci-callback', 'ftp://x'], /--ci-callback: .*not an absolute http/],
      [['--ci-secret', 'nocolon', '--port', '0', '--db', ':memory:'], /expected SECRET_ID:SECRET_KEY/],
      [['--port', '0', '--db', '/dev/null/state.db'], /cannot open the db '\/dev\/null\/state.db'/],
    ] as const) {
      const { out, io } = captureIo();
      assert.equal(await runCli(['serve', ...argv], io), 2, argv.join(' '));
      assert.match(out.stderr, message);
    }
  });
});

describe('serve --load-max-duration', () => {
  it('reads a duration as load --duration does: a bare number is seconds', () => {
    for (const text of ['60', '60s', '1m']) {
      const limit = loadRunLimits(text, undefined).maxDurationSeconds;
      const run = resolveLoadPlan({ target: 'http://127.0.0.1:9/', rate: 1, duration: text });
      assert.equal(limit, 60);
      assert.equal(run.durationMs, 60_000);
    }
    assert.throws(
      () => loadRunLimits('500ms', undefined),
      /--load-max-duration: must be .*, at least 1s, got '500ms'/,
    );
  });
});
