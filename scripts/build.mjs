// `npm run build` (also npm install's prepare step): dist/ anew from src/ — the compiled JavaScript with its
// declarations, the main entry bundled into one file, then the files the code reads beside itself (the dashboard's assets, the committed pacts), so
// nothing reads src/ at run time. Plain JavaScript: it runs before anything is compiled and needs no tsx.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => `${root}${path}`;

rmSync(at('dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', at('tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

// The main entry, the payload library, as one file: Node loads one module instead of about a hundred, which
// halves what importing it costs. The other entries stay a module per source file (src/core/errors.ts says how
// InputError stays one class across the two).
await build({
  entryPoints: [at('src/index.ts')],
  outfile: at('dist/index.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

cpSync(at('src/dashboard/assets'), at('dist/dashboard/assets'), { recursive: true });
// The pacts are written pretty for review; the shipped copies are the same JSON without the indentation.
mkdirSync(at('dist/pact/pacts'), { recursive: true });
for (const name of readdirSync(at('src/pact/pacts'))) {
  if (!name.endsWith('.json')) continue;
  const pact = JSON.parse(readFileSync(at(`src/pact/pacts/${name}`), 'utf8'));
  writeFileSync(at(`dist/pact/pacts/${name}`), JSON.stringify(pact));
}

// Declarations ship for what the entries export (and what their types reach), not for every internal module.
const entries = Object.values(JSON.parse(readFileSync(at('package.json'), 'utf8')).exports).flatMap(
  (target) => (typeof target === 'object' && target.types ? [resolve(root, target.types)] : []),
);
const reached = new Set();
for (const pending = [...entries]; pending.length > 0; ) {
  const file = pending.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  for (const match of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()\s*["'](\.[^"']+)["']/g)) {
    const target = resolve(dirname(file), match[1]).replace(/\.(js|ts|tsx)$/, '.d.ts');
    if (existsSync(target)) pending.push(target);
    else throw new Error(`${file} refers to ${match[1]}, which the build did not emit`);
  }
}
const declarations = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? declarations(join(dir, entry.name))
      : entry.name.endsWith('.d.ts')
        ? [join(dir, entry.name)]
        : [],
  );
for (const file of declarations(at('dist'))) if (!reached.has(file)) rmSync(file);
