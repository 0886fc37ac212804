import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { parseTarget, targetSchema } from './target.ts';

describe('target URLs', () => {
  it('accepts absolute http and https URLs', () => {
    assert.equal(parseTarget('target', 'http://127.0.0.1:3000/callback').port, '3000');
    assert.equal(parseTarget('target', 'https://u:p@example.com/cb?k=v').hostname, 'example.com');
  });

  it('refuses other schemes and non-URLs with the rule, naming the field', () => {
    for (const text of ['ftp://x/', 'not a url', '/callback', 'javascript:alert(1)']) {
      assert.throws(
        () => parseTarget('--target', text),
        (error: unknown) =>
          error instanceof InputError &&
          error.field === '--target' &&
          error.message.startsWith(`--target: '${text}' is not an absolute http:// or https:// URL`),
      );
    }
    assert.throws(() => parseTarget('target', ''), /target is required: an absolute http/);
  });

  it('can refuse credentials, and never echoes them', () => {
    assert.throws(
      () => parseTarget('--target', 'http://me:s3cret@host/x', { noCredentials: true }),
      (error: unknown) =>
        error instanceof Error &&
        /without user or password/.test(error.message) &&
        !/s3cret/.test(error.message),
    );
  });

  it('says the same words as a zod schema as it does as a parser', () => {
    const result = targetSchema.safeParse('ftp://x/');
    assert.equal(result.success, false);
    assert.throws(() => parseTarget('target', 'ftp://x/'), {
      message: `target: ${result.error?.issues[0]?.message}`,
    });
  });
});
