/**
 * The registry checked both ways, like stripe-cli's fixture consistency tests: every Tag file in src/tags/ is
 * registered under the kebab-case of its Tag, and every registered Tag has its file, its fixtures and its row in
 * the Tag table of docs/payloads.md; no Tag is registered twice; and the catalog is covered (issue 3 asks for at least 30 Tags).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { TAG_TABLE_PAGE, tagTableBlock } from '../scripts/tag-table.ts';
import { FORMATS, STATES, type TagDefinition, TRIGGERS } from '../src/core/types.ts';
import { corpusPath } from '../src/payloads/corpus.ts';
import { TAGS } from '../src/tags/index.ts';

const TAG_FILES = new URL('../src/tags/', import.meta.url);
const FIXTURES = new URL('../fixtures/', import.meta.url);
const TAG_TABLE = new URL(`../${TAG_TABLE_PAGE}`, import.meta.url);

/** The bar for "the whole catalog". */
const MIN_TAGS = 30;

/**
 * A Tag's file name: words and acronyms in lower case, joined by '-'. An acronym is a run of capitals and a run
 * of lower case after it is a word of its own: SpeechRecognition → speech-recognition, SDRtoHDR → sdr-to-hdr,
 * ImageOCR → image-ocr, DNA → dna, Tts → tts.
 */
function kebabCase(tag: string): string {
  return (tag.match(/[A-Z][a-z]+|[A-Z]+|[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase()).join('-');
}

/** Tag files: every .ts in src/tags/ but the registry and tests (data/ is a folder, not a Tag). */
function tagFiles(): string[] {
  return readdirSync(TAG_FILES, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => entry.name)
    .filter((name) => name !== 'index.ts' && !name.endsWith('.test.ts'))
    .sort();
}

describe('kebabCase', () => {
  it('names Tag files as the generators do', () => {
    assert.deepEqual(
      ['SpeechRecognition', 'SDRtoHDR', 'VideoTargetRec', 'DNA', 'ImageOCR', 'Tts', 'GeneratePlayList'].map(
        kebabCase,
      ),
      [
        'speech-recognition',
        'sdr-to-hdr',
        'video-target-rec',
        'dna',
        'image-ocr',
        'tts',
        'generate-play-list',
      ],
    );
  });
});

describe('src/tags/ registry', () => {
  it('registers every Tag file, under the kebab-case of its Tag', async () => {
    for (const file of tagFiles()) {
      const module = (await import(new URL(file, TAG_FILES).href)) as { default?: TagDefinition };
      const def = module.default;
      assert.ok(
        def?.tag,
        `src/tags/${file} has no default export of a Tag definition (export default defineTag(…))`,
      );
      assert.ok(
        TAGS.includes(def),
        `src/tags/${file} defines ${def.tag} but src/tags/index.ts does not register it: add it to TAGS`,
      );
      assert.equal(file, `${kebabCase(def.tag)}.ts`, `src/tags/${file} defines ${def.tag}: rename the file`);
    }
  });

  it('has a Tag file for every registered Tag', () => {
    const files = new Set(tagFiles());
    const missing = TAGS.map((def) => `${kebabCase(def.tag)}.ts`).filter((file) => !files.has(file));
    assert.deepEqual(missing, [], 'registered Tags without src/tags/<kebab-case-of-Tag>.ts');
  });

  it('registers no Tag twice (Tags are looked up case-insensitively)', () => {
    const seen = new Set<string>();
    const twice = TAGS.map((def) => def.tag.toLowerCase()).filter((tag) => seen.has(tag) || !seen.add(tag));
    assert.deepEqual(twice, []);
  });

  it('has the 8 committed fixture files of every registered Tag', () => {
    for (const def of TAGS) {
      const missing = TRIGGERS.flatMap((trigger) =>
        STATES.flatMap((state) => FORMATS.map((format) => corpusPath(def.tag, trigger, state, format))),
      ).filter((path) => !existsSync(new URL(path, FIXTURES)));
      assert.deepEqual(missing, [], `${def.tag}: fixtures missing, run npm run fixtures`);
    }
  });

  it('has a row in the Tag table of docs/payloads.md for every registered Tag, and no row for anything else', () => {
    const rows = tagTableBlock(readFileSync(TAG_TABLE, 'utf8'))
      .split('\n')
      .slice(2)
      .map((row) => row.split('|')[1]?.trim());
    assert.deepEqual(
      [...rows].sort(),
      TAGS.map((def) => def.tag).sort(),
      'docs/payloads.md Tag table ≠ registry: run npm run docs:tags',
    );
  });

  it(`covers the catalog: at least ${MIN_TAGS} Tags`, () => {
    assert.ok(
      TAGS.length >= MIN_TAGS,
      `${TAGS.length} Tags registered: ${TAGS.map((def) => def.tag).join(', ')}`,
    );
  });
});
