/**
 * The shipped code's layering (CONTRIBUTING.md, "Layout"): every folder of src/ is a part, and a part imports
 * only parts below it, type imports included. Two parts that need each other share a third below both; a
 * composition (the dashboard mounted on the API) happens in a part above both. Nothing under src/ imports from
 * outside it but package.json, and no two modules import each other, even through others.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

/** Lowest first. index.ts (the library's entry) stands with schema, the highest part it exports. */
const PARTS = [
  'core',
  'tags',
  'moderation',
  'payloads',
  'schema',
  'faults',
  'delivery',
  'load',
  'artillery',
  'probe',
  'pact',
  'api',
  'ci-api',
  'dashboard',
  'server',
  'cli',
] as const;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Relative specifiers of `import`/`export … from` and `import()`, resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((match) =>
    resolve(dirname(file), match[1] as string),
  );
}

const partOf = (file: string): string => {
  const [first = '', second] = relative(SRC, file).split('/');
  return second === undefined ? 'schema' : first;
};
const rank = (part: string) => (PARTS as readonly string[]).indexOf(part);

const files = sources(SRC);

describe('src/ layering', () => {
  it('has a rank for every folder of src/', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    assert.deepEqual(
      folders.filter((folder) => rank(folder) === -1),
      [],
      'a new part of src/: give it its place in PARTS (and in CONTRIBUTING.md)',
    );
  });

  it('imports only from parts below, and from nothing outside src/ but package.json', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const target of importsOf(file)) {
        const from = relative(ROOT, file);
        if (!target.startsWith(`${SRC}/`)) {
          if (target !== join(ROOT, 'package.json'))
            wrong.push(`${from} → ${relative(ROOT, target)} (outside src/)`);
        } else if (rank(partOf(target)) > rank(partOf(file))) {
          wrong.push(`${from} → ${relative(ROOT, target)} (${partOf(file)} is below ${partOf(target)})`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has no import cycle between modules', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file).filter((t) => t.startsWith(SRC))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('sees the imports it judges (a check that reads nothing proves nothing)', () => {
    const edges = files.flatMap(importsOf);
    assert.ok(files.length > 150 && edges.length > 500, `${files.length} files, ${edges.length} imports`);
    assert.ok(importsOf(join(SRC, 'server/app.ts')).includes(join(SRC, 'dashboard/index.ts')));
  });
});
