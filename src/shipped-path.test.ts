import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shippedPath } from './shipped-path.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const moduleAt = (path: string) => pathToFileURL(join(ROOT, path)).href;

describe('shippedPath', () => {
  it('finds a file beside a source module where it is', () => {
    assert.equal(
      shippedPath('./assets/', moduleAt('src/dashboard/assets.ts')),
      join(ROOT, 'src/dashboard/assets/'),
    );
  });

  it('from a module compiled to dist/, finds the file the package ships beside the sources', () => {
    assert.equal(
      shippedPath('./assets/', moduleAt('dist/src/dashboard/assets.js')),
      join(ROOT, 'src/dashboard/assets/'),
    );
    assert.equal(
      shippedPath('./pacts/a.json', moduleAt('dist/contracts/verify.js')),
      join(ROOT, 'contracts/pacts/a.json'),
    );
  });
});
