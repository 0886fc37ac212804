import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { HttpProblem } from './problem.ts';
import { createTargetPolicy } from './target-policy.ts';

describe('target policy', () => {
  it('allows every target when no pattern is set', () => {
    assert.equal(createTargetPolicy().allows('https://anywhere.example/'), true);
  });

  it('matches an origin pattern on every path of that origin only', () => {
    const policy = createTargetPolicy(['http://127.0.0.1:3000']);
    assert.equal(policy.allows('http://127.0.0.1:3000/ci/callback'), true);
    assert.equal(policy.allows('http://127.0.0.1:3001/ci/callback'), false);
    assert.equal(policy.allows('https://127.0.0.1:3000/'), false);
    assert.equal(policy.allows('http://127.0.0.1:30000/'), false);
  });

  it('keeps a host wildcard inside the host', () => {
    const policy = createTargetPolicy(['https://*.example.com/ci/*']);
    assert.equal(policy.allows('https://staging.example.com/ci/callback'), true);
    assert.equal(policy.allows('https://staging.example.com/other'), false);
    assert.equal(policy.allows('https://evil.test/?x=.example.com/ci/'), false);
    assert.equal(policy.allows('https://staging.example.com@evil.test/ci/x'), false);
  });

  it('answers a refused target with a 403 naming the target and the allowed patterns', () => {
    const policy = createTargetPolicy(['http://127.0.0.1:*']);
    assert.throws(
      () => policy.check('http://10.0.0.1/'),
      (error: unknown) =>
        error instanceof HttpProblem &&
        error.status === 403 &&
        /10\.0\.0\.1.*accepted: targets matching http:\/\/127\.0\.0\.1:\*/.test(error.body.detail),
    );
  });

  it('rejects a pattern that is not an http(s) URL', () => {
    assert.throws(() => createTargetPolicy(['ftp://x']), InputError);
    assert.throws(() => createTargetPolicy(['localhost:3000']), /not a URL pattern; accepted/);
  });
});
