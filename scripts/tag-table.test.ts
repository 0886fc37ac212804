import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { describeTags, type TagDescription } from '../src/payloads/registry.ts';
import {
  renderTagTable,
  TAG_TABLE_PAGE,
  TAGS_END,
  TAGS_START,
  tagTableBlock,
  withTagTable,
} from './tag-table.ts';

const PAGE = new URL(`../${TAG_TABLE_PAGE}`, import.meta.url);

const described = (overrides: Partial<TagDescription>): TagDescription => ({
  ...(describeTags()[0] as TagDescription),
  ...overrides,
});

describe('the Tag table of docs/payloads.md', () => {
  it('is what the registry renders to (run npm run docs:tags when this fails)', () => {
    const committed = tagTableBlock(readFileSync(PAGE, 'utf8'));
    assert.equal(
      committed,
      renderTagTable(describeTags()),
      'docs/payloads.md Tag table is stale: run npm run docs:tags',
    );
  });

  it('renders one row per Tag with family, JobId prefix, result node (— when none) and source', () => {
    const table = renderTagTable([
      described({
        tag: 'Transcode',
        family: 'media',
        jobIdPrefix: 'j',
        resultNode: '',
        source: 'documented',
      }),
      described({
        tag: 'DNA',
        family: 'media',
        jobIdPrefix: 'j',
        resultNode: 'DnaResult',
        source: 'inferred',
      }),
    ]);
    assert.deepEqual(table.split('\n'), [
      '| Tag | family | JobId prefix | result node | source |',
      '| --- | --- | --- | --- | --- |',
      '| Transcode | media | `j` | — | documented |',
      '| DNA | media | `j` | DnaResult | inferred |',
    ]);
  });

  it('replaces only the block between the markers', () => {
    const page = `# Title\n\n${TAGS_START}\n| old |\n${TAGS_END}\n\n## After\n`;
    const updated = withTagTable(page, '| new |');
    assert.equal(updated, `# Title\n\n${TAGS_START}\n| new |\n${TAGS_END}\n\n## After\n`);
    assert.equal(tagTableBlock(updated), '| new |');
    assert.equal(withTagTable(updated, '| new |'), updated);
  });

  it('names the page and the markers when the page lacks them', () => {
    assert.throws(
      () => withTagTable('# no table\n', '| x |'),
      /docs\/payloads\.md needs the markers <!-- tags:start --> and <!-- tags:end -->/,
    );
  });
});
