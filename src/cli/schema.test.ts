import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { schemaForTag, workflowFinishJsonSchema } from '../schema/schemas.ts';
import { TAGS } from '../tags/index.ts';

const run = (...argv: string[]) => runCaptured(argv);

describe('ci-callback schema', () => {
  it('--tag prints that Tag’s JSON Schema (any case), and WorkflowFinish’s by that name', async () => {
    const { code, stdout, stderr } = await run('schema', '--tag', 'smartcover');
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.deepEqual(JSON.parse(stdout), schemaForTag('SmartCover'));
    const workflow = await run('schema', '--tag', 'WorkflowFinish');
    assert.deepEqual(JSON.parse(workflow.stdout), workflowFinishJsonSchema());
  });

  it('--all --out DIR writes every Tag’s schema, WorkflowFinish’s and asyncapi.json', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ci-callback-schema-'));
    try {
      const dir = join(root, 'schemas');
      const { code, stderr } = await run('schema', '--all', '--out', dir);
      assert.equal(code, 0);
      assert.match(stderr, new RegExp(`wrote ${TAGS.length + 1} schemas and asyncapi.json`));
      const files = (await readdir(dir)).sort();
      const expected = [
        ...TAGS.map((def) => `${def.tag}.schema.json`),
        'WorkflowFinish.schema.json',
        'asyncapi.json',
      ].sort();
      assert.deepEqual(files, expected);
      const transcode = JSON.parse(await readFile(join(dir, 'Transcode.schema.json'), 'utf8'));
      assert.deepEqual(transcode, schemaForTag('Transcode'));
      const asyncapi = JSON.parse(await readFile(join(dir, 'asyncapi.json'), 'utf8'));
      assert.equal(asyncapi.asyncapi, '3.0.0');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses an unknown Tag with exit 2, listing the Tags (and WorkflowFinish)', async () => {
    const { code, stdout, stderr } = await run('schema', '--tag', 'SmartCovers');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /^ci-callback schema: --tag: unknown tag 'SmartCovers'; accepted: SpeechRecognition, .*SmartCover,.* WorkflowFinish\n$/,
    );
  });

  it('refuses a bad --out and a missing choice with exit 2, saying what to give', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ci-callback-schema-'));
    try {
      const missingParent = await run('schema', '--all', '--out', join(root, 'no', 'such'));
      assert.equal(missingParent.code, 2);
      assert.match(missingParent.stderr, /--out .*: the directory .*no does not exist/);
      await writeFile(join(root, 'file'), '');
      const file = await run('schema', '--all', '--out', join(root, 'file'));
      assert.equal(file.code, 2);
      assert.match(file.stderr, /is a file, not a directory/);
      const noOut = await run('schema', '--all');
      assert.match(noOut.stderr, /--all writes files: give --out DIR/);
      const neither = await run('schema');
      assert.equal(neither.code, 2);
      assert.match(neither.stderr, /give --tag TAG for one schema or --all --out DIR/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
