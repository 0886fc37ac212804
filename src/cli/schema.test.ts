import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCaptured } from '../../test/support/cli.ts';
import { reviewForms } from '../schema/review-infer.ts';
import { reviewSchemaName } from '../schema/review-json-schema.ts';
import {
  allReviewSchemas,
  schemaForReview,
  schemaForTag,
  workflowFinishJsonSchema,
} from '../schema/schemas.ts';
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

  it('--review KIND prints its schema in CI’s default form, or in the one --callback-version names', async () => {
    const video = await run('schema', '--review', 'video');
    assert.equal(video.code, 0);
    assert.equal(video.stderr, '');
    assert.deepEqual(JSON.parse(video.stdout), allReviewSchemas().get('ReviewVideo.simple'));
    const live = await run('schema', '--review', 'live', '--callback-version', 'detail');
    assert.deepEqual(JSON.parse(live.stdout), schemaForReview('live', 'detail'));
    assert.match(JSON.parse(live.stdout).title, /^ReviewLive\.detail: ReviewVideo callback, Detail form$/);
  });

  it('refuses an unknown kind, a form the kind lacks, and --callback-version alone, with exit 2', async () => {
    const unknown = await run('schema', '--review', 'pdf');
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stdout, '');
    assert.match(
      unknown.stderr,
      /^ci-callback schema: --review: unknown review 'pdf'; accepted: image, video, audio, text, document, html, live\n$/,
    );
    const noSimple = await run('schema', '--review', 'document', '--callback-version', 'simple');
    assert.equal(noSimple.code, 2);
    assert.match(
      noSimple.stderr,
      /--callback-version: document callbacks have no simple form.*; accepted: detail\n$/,
    );
    const badForm = await run('schema', '--review', 'text', '--callback-version', 'full');
    assert.match(
      badForm.stderr,
      /--callback-version: unknown callbackVersion 'full'; accepted: simple, detail/,
    );
    const alone = await run('schema', '--callback-version', 'simple');
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--callback-version goes with --review KIND/);
    const both = await run('schema', '--review', 'text', '--tag', 'SmartCover');
    assert.match(both.stderr, /--tag and --review exclude each other/);
  });

  it('--all --out DIR writes every Tag’s schema, WorkflowFinish’s and asyncapi.json', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ci-callback-schema-'));
    try {
      const dir = join(root, 'schemas');
      const { code, stderr } = await run('schema', '--all', '--out', dir);
      assert.equal(code, 0);
      const reviews = reviewForms().map(({ kind, form }) => `${reviewSchemaName(kind, form)}.schema.json`);
      assert.match(stderr, new RegExp(`wrote ${TAGS.length + 1 + reviews.length} schemas and asyncapi.json`));
      const files = (await readdir(dir)).sort();
      const expected = [
        ...TAGS.map((def) => `${def.tag}.schema.json`),
        'WorkflowFinish.schema.json',
        ...reviews,
        'asyncapi.json',
      ].sort();
      assert.deepEqual(files, expected);
      const transcode = JSON.parse(await readFile(join(dir, 'Transcode.schema.json'), 'utf8'));
      assert.deepEqual(transcode, schemaForTag('Transcode'));
      const image = JSON.parse(await readFile(join(dir, 'ReviewImage.simple.schema.json'), 'utf8'));
      assert.deepEqual(image, schemaForReview('image', 'simple'));
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
      assert.match(neither.stderr, /give --tag TAG or --review KIND for one schema, or --all --out DIR/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
