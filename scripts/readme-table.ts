/**
 * @module scripts/readme-table
 * The README's Tag table, generated from the registry: the block between `<!-- tags:start -->` and
 * `<!-- tags:end -->`. `npm run readme` rewrites it; a test fails when the committed block is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeTags, type TagDescription } from '../src/payloads/registry.ts';

export const TAGS_START = '<!-- tags:start -->';
export const TAGS_END = '<!-- tags:end -->';

/** The Markdown table: one row per Tag, in registry order. */
export function renderTagTable(tags: readonly TagDescription[]): string {
  const rows = tags.map(
    (t) => `| ${t.tag} | ${t.family} | \`${t.jobIdPrefix}\` | ${t.resultNode || '—'} | ${t.source} |`,
  );
  return [
    '| Tag | family | JobId prefix | result node | source |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The text between the markers (without them), or an Error naming the missing marker. */
export function tagTableBlock(readme: string): string {
  const start = readme.indexOf(TAGS_START);
  const end = readme.indexOf(TAGS_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md needs the markers ${TAGS_START} and ${TAGS_END}, in that order`);
  }
  return readme
    .slice(start + TAGS_START.length, end)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** The README with the block between the markers replaced by `table`; the rest is untouched. */
export function withTagTable(readme: string, table: string): string {
  tagTableBlock(readme);
  const start = readme.indexOf(TAGS_START) + TAGS_START.length;
  const end = readme.indexOf(TAGS_END);
  return `${readme.slice(0, start)}\n${table}\n${readme.slice(end)}`;
}

/** Rewrites the Tag table of the README at `path`; returns whether it changed. */
export async function updateReadme(path: string): Promise<boolean> {
  const readme = await readFile(path, 'utf8');
  const updated = withTagTable(readme, renderTagTable(describeTags()));
  if (updated === readme) return false;
  await writeFile(path, updated);
  return true;
}

// `npm run readme`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  const changed = await updateReadme(path);
  process.stderr.write(`README.md Tag table ${changed ? 'updated' : 'already up to date'}\n`);
}
