import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCaptured } from '../../test/support/cli.ts';
import { corpusSize } from '../payloads/corpus.ts';
import { generate } from '../payloads/generate.ts';
import { generateWorkflowFinish } from '../payloads/workflow-finish.ts';
import { TAGS } from '../tags/index.ts';

const run = (...argv: string[]) => runCaptured(argv);

describe('ci-callback CLI', () => {
  it('tags --json lists every Tag with its family, JobId prefix, source and variants', async () => {
    const { code, stdout } = await run('tags', '--json');
    assert.equal(code, 0);
    const tags = JSON.parse(stdout) as {
      tag: string;
      jobIdPrefix: string;
      source: string;
      formats: string[];
    }[];
    assert.deepEqual(
      tags.map((t) => t.tag),
      TAGS.map((def) => def.tag),
    );
    const speech = tags.find((t) => t.tag === 'SpeechRecognition');
    assert.equal(speech?.jobIdPrefix, 's');
    assert.equal(speech?.source, 'documented');
    assert.deepEqual(speech?.formats, ['xml', 'json']);
  });

  it('tags prints a table with one row per Tag', async () => {
    const { stdout } = await run('tags');
    for (const def of TAGS) assert.match(stdout, new RegExp(`^${def.tag}\\s`, 'm'));
  });

  it('generate prints exactly the library body on stdout, nothing else', async () => {
    const argv = [
      '--tag',
      'SpeechRecognition',
      '--format',
      'json',
      '--trigger',
      'workflow',
      '--state',
      'failed',
    ];
    const { code, stdout, stderr } = await run('generate', ...argv, '--seed', '42');
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const expected = generate({
      tag: 'SpeechRecognition',
      format: 'json',
      trigger: 'workflow',
      state: 'failed',
      seed: 42,
    });
    assert.equal(stdout, expected.body);
  });

  it('generate without --seed reports the seed used, and that seed reproduces the body', async () => {
    const first = await run('generate', '--tag', 'SmartCover');
    const seed = /--seed (\d+)/.exec(first.stderr)?.[1];
    assert.ok(seed, first.stderr);
    const again = await run('generate', '--tag', 'SmartCover', '--seed', seed);
    assert.equal(again.stdout, first.stdout);
  });

  it('generate applies --set overrides and --compact', async () => {
    const { stdout } = await run(
      'generate',
      '--tag',
      'SmartCover',
      '--seed',
      '1',
      '--compact',
      '--set',
      'JobsDetail.Input.Object=videos/a.mp4',
      '--set',
      'JobsDetail.Code=MyError',
    );
    assert.match(stdout, /<Object>videos\/a\.mp4<\/Object>/);
    assert.match(stdout, /<Code>MyError<\/Code>/);
    assert.doesNotMatch(stdout, /\n/);
  });

  it('generate --event workflow-finish prints exactly the library WorkflowFinish body', async () => {
    const flags = ['--tags', 'SpeechRecognition, soundhound', '--format', 'json', '--state', 'failed'];
    const { code, stdout, stderr } = await run(
      'generate',
      '--event',
      'workflow-finish',
      ...flags,
      '--seed',
      '8',
    );
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const expected = generateWorkflowFinish({
      tags: ['SpeechRecognition', 'SoundHound'],
      format: 'json',
      state: 'failed',
      seed: 8,
    });
    assert.equal(stdout, expected.body);
    assert.equal(JSON.parse(stdout).EventName, 'WorkflowFinish');
  });

  it('generate --event workflow-finish reports the random seed it used, and --set changes the body', async () => {
    const first = await run('generate', '--event', 'workflow-finish', '--tags', 'SmartCover');
    const seed = /--seed (\d+)/.exec(first.stderr)?.[1];
    assert.ok(seed, first.stderr);
    const set = ['--set', 'WorkflowExecution.State=Running', '--compact'];
    const again = await run(
      'generate',
      '--event',
      'workflow-finish',
      '--tags',
      'SmartCover',
      '--seed',
      seed,
      ...set,
    );
    assert.equal(
      again.stdout,
      first.stdout.replace(/\n\s*/g, '').replace('<State>Success</State>', '<State>Running</State>'),
    );
  });

  const bad: [string[], RegExp][] = [
    [['generate'], /--tag is required; accepted: SpeechRecognition/],
    [['generate', '--tag', 'Nope'], /unknown tag 'Nope'; accepted: .*SmartCover/],
    // a node of a workflow run is refused under the flag that listed it, not --tag
    [
      ['generate', '--event', 'workflow-finish', '--tags', 'Transcode,Nope'],
      /^ci-callback generate: --tags: unknown tag 'Nope'; accepted: /,
    ],
    [
      ['generate', '--tag', 'SmartCover', '--format', 'yaml'],
      /^ci-callback generate: --format: unknown format 'yaml'; accepted: xml, json\n$/,
    ],
    [
      ['generate', '--tag', 'SmartCover', '--trigger', 'cron'],
      /--trigger: unknown trigger 'cron'; accepted: direct, workflow/,
    ],
    [
      ['generate', '--tag', 'SmartCover', '--state', 'ok'],
      /--state: unknown state 'ok'; accepted: success, failed/,
    ],
    [
      ['generate', '--tag', 'SmartCover', '--json-shape', 'list'],
      /--json-shape: unknown jsonShape 'list'; accepted: object, array, wrapped/,
    ],
    [['generate', '--tag', 'SmartCover', '--seed', 'abc'], /--seed: seed "abc" is not a seed; a seed picks/],
    [
      ['generate', '--tag', 'SmartCover', '--seed', '-1'],
      /--seed: seed -1 is not a seed; .*from 0 to 4294967295/,
    ],
    [['generate', '--tag'], /^ci-callback generate: --tag needs a value\n$/],
    [['generate', '--tag', 'SmartCover', '--compact=yes'], /--compact takes no value/],
    [['generate', '--tag', 'SmartCover', '--set', 'JobsDetail'], /expected path=value/],
    [['generate', '--tag', 'SmartCover', '--colour'], /unknown flag '--colour'; accepted: --tag/],
    [
      ['generate', '--event', 'job-done', '--tag', 'SmartCover'],
      /unknown event 'job-done'; accepted: task-finish, workflow-finish/,
    ],
    [['generate', '--event', 'workflow-finish'], /--tags is required; accepted: SpeechRecognition/],
    [['generate', '--event', 'workflow-finish', '--tags', 'SmartCover,,SmartCover'], /has an empty entry/],
    [
      ['generate', '--event', 'workflow-finish', '--tags', 'SmartCover,Nope'],
      /unknown tag 'Nope'; accepted:/,
    ],
    [
      ['generate', '--event', 'workflow-finish', '--tags', 'SmartCover,SoundHound'],
      /SmartCover reads video but SoundHound reads audio/,
    ],
    [
      ['generate', '--event', 'workflow-finish', '--tag', 'SmartCover'],
      /--tag is for one TaskFinish.*--tags A,B/,
    ],
    [
      ['generate', '--event', 'workflow-finish', '--tags', 'SmartCover', '--trigger', 'direct'],
      /--trigger does not apply to --event workflow-finish/,
    ],
    [['generate', '--tags', 'SmartCover'], /--tags needs --event workflow-finish/],
    [['frobnicate'], /unknown command 'frobnicate'; accepted: tags, generate, fixtures/],
    [['fixtures'], /--out is required/],
    [
      ['fixtures', '--out', 'x', '--count', 'many'],
      /--count: must be a whole number from 1 to 50000000, got "many"/,
    ],
    [['fixtures', '--out', 'x', '--count', '0'], /--count: must be a whole number from 1 to 50000000, got 0/],
    [
      ['fixtures', '--out', 'x', '--count', '1000', '--seed', '4294967295'],
      /past the largest seed 4294967295/,
    ],
  ];
  for (const [argv, message] of bad) {
    it(`'${argv.join(' ')}' exits 2 with one line saying what was wrong and what is accepted`, async () => {
      const { code, stdout, stderr } = await run(...argv);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
    });
  }

  it('fixtures --out writes DIR/<Tag>/<trigger>-<state>.<format> for every Tag and variant', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ci-callback-fixtures-'));
    try {
      const { code } = await run('fixtures', '--out', dir, '--seed', '5');
      assert.equal(code, 0);
      for (const def of TAGS) {
        const files = (await readdir(join(dir, def.tag))).sort();
        assert.equal(files.length, 8, `${def.tag}: ${files}`);
      }
      const body = await readFile(join(dir, 'SoundHound', 'workflow-failed.json'), 'utf8');
      assert.equal(
        body,
        generate({ tag: 'SoundHound', format: 'json', trigger: 'workflow', state: 'failed', seed: 5 }).body,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fixtures --count N writes N bodies, one corpus per seed in DIR/<seed>/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ci-callback-fixtures-'));
    try {
      const perSeed = corpusSize();
      const { code, stderr } = await run(
        'fixtures',
        '--out',
        dir,
        '--seed',
        '7',
        '--count',
        String(perSeed + 5),
      );
      assert.equal(code, 0);
      assert.match(stderr, new RegExp(`^wrote ${perSeed + 5} files`));
      assert.deepEqual((await readdir(dir)).sort(), ['7', '8']);
      const filesIn = async (seedDir: string) =>
        (await readdir(join(dir, seedDir), { recursive: true, withFileTypes: true })).filter((e) =>
          e.isFile(),
        );
      assert.equal((await filesIn('7')).length, perSeed);
      assert.equal((await filesIn('8')).length, 5);
      const body = await readFile(join(dir, '8', `${TAGS[0]?.tag}`, 'direct-success.xml'), 'utf8');
      assert.equal(body, generate({ tag: TAGS[0]?.tag as string, seed: 8 }).body);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the installed bin exits 2 on bad input with no stack trace', async () => {
    const bin = fileURLToPath(new URL('../../bin/ci-callback.js', import.meta.url));
    const error = await promisify(execFile)(process.execPath, [bin, 'generate', '--tag', 'Nope']).then(
      () => assert.fail('expected a non-zero exit'),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(error.code, 2);
    assert.match(error.stderr, /^ci-callback generate: --tag: unknown tag 'Nope'/);
    assert.doesNotMatch(error.stderr, /\n\s+at /);
  });

  it('the installed bin ends quietly when the reader closes the pipe early (as `| head -1` does)', async () => {
    const bin = fileURLToPath(new URL('../../bin/ci-callback.js', import.meta.url));
    // the reader closes its end before the command writes, so the command's first write meets a closed pipe
    const child = spawn(process.execPath, [bin, 'reviews'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
