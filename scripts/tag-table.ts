/**
 * @module scripts/tag-table
 * The Tag table of docs/payloads.md, generated from the registry: the block between `<!-- tags:start -->` and
 * `<!-- tags:end -->`. `npm run docs:tags` rewrites it; a test fails when the committed block is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeTags, type TagDescription } from '../src/payloads/registry.ts';

/** The page that holds the Tag table, from the repository root. */
export const TAG_TABLE_PAGE = 'docs/payloads.md';

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
export function tagTableBlock(page: string): string {
  const start = page.indexOf(TAGS_START);
  const end = page.indexOf(TAGS_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`${TAG_TABLE_PAGE} needs the markers ${TAGS_START} and ${TAGS_END}, in that order`);
  }
  return page
    .slice(start + TAGS_START.length, end)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** The page with the block between the markers replaced by `table`; the rest is untouched. */
export function withTagTable(page: string, table: string): string {
  tagTableBlock(page);
  const start = page.indexOf(TAGS_START) + TAGS_START.length;
  const end = page.indexOf(TAGS_END);
  return `${page.slice(0, start)}\n${table}\n${page.slice(end)}`;
}

/** Rewrites the Tag table of the page at `path`; returns whether it changed. */
export async function updateTagTable(path: string): Promise<boolean> {
  const page = await readFile(path, 'utf8');
  const updated = withTagTable(page, renderTagTable(describeTags()));
  if (updated === page) return false;
  await writeFile(path, updated);
  return true;
}

// `npm run docs:tags`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = fileURLToPath(new URL(`../${TAG_TABLE_PAGE}`, import.meta.url));
  const changed = await updateTagTable(path);
  process.stderr.write(`${TAG_TABLE_PAGE} Tag table ${changed ? 'updated' : 'already up to date'}\n`);
}
