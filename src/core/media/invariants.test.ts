import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VARIANT } from '../../../test/support/media.ts';
import { successMessageInvariant } from './invariants.ts';

describe('ready-made invariants', () => {
  it('successMessageInvariant wants the Message on successful jobs only', () => {
    const invariant = successMessageInvariant('done');
    assert.equal(invariant.check({ State: 'Success', Message: 'done' }, VARIANT), undefined);
    assert.match(invariant.check({ State: 'Success', Message: 'success' }, VARIANT) ?? '', /expected 'done'/);
    assert.equal(invariant.check({ State: 'Failed', Message: 'InternalError' }, VARIANT), undefined);
  });
});
