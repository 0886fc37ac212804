/**
 * The package as a user installs it: `import { generate } from 'ci-callback-emitter'` works from plain Node,
 * without tsx, through the `exports` map (dist/ is built by `npm install`'s prepare step).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from '../src/generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the published library', () => {
  it('imports from plain Node by package name and generates the same bytes as the sources', async () => {
    const script = `
      const { generate, tags } = await import('ci-callback-emitter');
      process.stdout.write(JSON.stringify({ body: generate({ tag: 'SmartCover', seed: 3, format: 'json' }).body, tags: tags().length }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    const result = JSON.parse(stdout) as { body: string; tags: number };
    assert.equal(result.body, generate({ tag: 'SmartCover', seed: 3, format: 'json' }).body);
    assert.ok(result.tags >= 30);
  });

  it('exports the Artillery processor by name, for import and for require (Artillery loads either)', async () => {
    const script = `
      const { setCallbackBody, recordCallbackResponse, recordCallbackError } = await import('ci-callback-emitter/artillery');
      const required = (await import('node:module')).createRequire(process.cwd() + '/')('ci-callback-emitter/artillery');
      const req = {};
      setCallbackBody(req, { vars: { ciCallback: { tags: 'SmartCover', format: 'json' } } }, { emit() {} }, (error) => {
        if (error) throw error;
      });
      process.stdout.write(JSON.stringify({
        hooks: [setCallbackBody, recordCallbackResponse, recordCallbackError, required.setCallbackBody].map((f) => typeof f),
        contentType: req.headers['content-type'],
        tag: JSON.parse(req.body.toString()).JobsDetail.Tag,
      }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
    });
    assert.deepEqual(JSON.parse(stdout), {
      hooks: ['function', 'function', 'function', 'function'],
      contentType: 'application/json',
      tag: 'SmartCover',
    });
  });
});
