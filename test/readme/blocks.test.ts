import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  headingAnchors,
  headingSlug,
  isExcerptOf,
  markdownLinks,
  outputMatches,
  parseMarker,
  readmeBlocks,
  shellCommands,
  transcript,
} from './blocks.ts';

describe('docs harness: reading a page', () => {
  it('finds fenced blocks with the markers above them, named by line and section', () => {
    const doc = [
      '# Title',
      '## Sending',
      '<!-- readme-test: skip needs a Pact Broker -->',
      '',
      '```sh',
      'curl -X PUT $BROKER',
      '```',
      '<!-- not a marker -->',
      '<!-- readme-test: replace "30s" with "1s"; "URL" with "http://127.0.0.1:3000/callback" -->',
      '<!-- readme-test: numbers vary -->',
      '```',
      '$ npx ci-callback load --duration 30s',
      'duration 30 s',
      '```',
    ].join('\n');
    const blocks = readmeBlocks(doc);
    assert.deepEqual(
      blocks.map((b) => [b.name, b.lang, b.markers]),
      [
        ['README.md:5 (Sending)', 'sh', [{ kind: 'skip', reason: 'needs a Pact Broker' }]],
        [
          'README.md:11 (Sending)',
          '',
          [
            {
              kind: 'replace',
              pairs: [
                ['30s', '1s'],
                ['URL', 'http://127.0.0.1:3000/callback'],
              ],
            },
            { kind: 'numbers vary' },
          ],
        ],
      ],
    );
  });

  it('refuses a marker it does not know, and a skip without a reason', () => {
    assert.throws(() => parseMarker('sikp broker'), /unknown marker 'sikp broker'; accepted: skip REASON/);
    assert.throws(() => parseMarker('skip'), /skip needs a reason/);
    assert.deepEqual(parseMarker('replace "a \\"b\\"" with "c"'), {
      kind: 'replace',
      pairs: [['a "b"', 'c']],
    });
    assert.deepEqual(parseMarker('excerpt of fixtures/x.xml'), { kind: 'excerpt', path: 'fixtures/x.xml' });
  });

  it('splits shell text as a shell would: quotes across lines, continuations, comments', () => {
    const text = [
      'npx ci-callback tags --json   # a comment',
      "curl -s localhost:8787/emit -H 'content-type: application/json' -d '{",
      '  "tag": "Transcode"}\'',
      'npx ci-callback load --target http://127.0.0.1:3000/callback \\',
      '    --fail-on "p99>250ms" --tags A\\ B',
    ].join('\n');
    assert.deepEqual(shellCommands(text), [
      ['npx', 'ci-callback', 'tags', '--json'],
      [
        'curl',
        '-s',
        'localhost:8787/emit',
        '-H',
        'content-type: application/json',
        '-d',
        '{\n  "tag": "Transcode"}',
      ],
      [
        'npx',
        'ci-callback',
        'load',
        '--target',
        'http://127.0.0.1:3000/callback',
        '--fail-on',
        'p99>250ms',
        '--tags',
        'A B',
      ],
    ]);
  });

  it('reads a transcript: the command with its continuation lines, then the output', () => {
    assert.deepEqual(transcript('$ npx ci-callback load \\\n    --rate 5\nline 1\nline 2'), {
      command: 'npx ci-callback load \\\n    --rate 5',
      output: 'line 1\nline 2',
    });
    assert.equal(transcript('VARIANT  RESULT'), undefined);
  });
});

describe('docs harness: comparing output', () => {
  it('compares exactly by default, and a changed word fails', () => {
    assert.ok(outputMatches('exit 2: unknown tag', 'exit 2: unknown tag\n', false));
    assert.ok(!outputMatches('unknown tag Foo', 'unknown tag Bar', false));
    assert.ok(!outputMatches('a\nb', 'a', false));
  });

  it('"numbers vary": any figures and spacing, warnings aside, but the same words and lines', () => {
    const shown = 'requests      10000 sent; achieved 2000.4 req/s\nstatus codes  200: 9990, 503: 10';
    assert.ok(
      outputMatches(
        shown,
        'requests   999 sent; achieved 12.5 req/s\nwarning: late\nstatus codes 200: 1, 503: 2',
        true,
      ),
    );
    assert.ok(!outputMatches(shown, 'requests 999 sent; achieved 12.5 req/s\nstatus codes 200: 1', true));
    assert.ok(
      !outputMatches(
        shown,
        'requests 999 sent; achieved 12.5 req/s\nwarning: late\nstatus codes 200: 1, 503: 2',
        false,
      ),
    );
  });

  it('"..." stands for any lines', () => {
    assert.ok(outputMatches('HEAD\n...\nTAIL', 'HEAD\nx\ny\nTAIL', false));
    assert.ok(outputMatches('HEAD\n...\nTAIL', 'HEAD\nTAIL', false));
    assert.ok(!outputMatches('HEAD\n...\nTAIL', 'HEAD\nx', false));
  });

  it('an excerpt keeps the file order and skips only the lines with an ellipsis', () => {
    const file = '<a>\n    <b>1</b>\n    <c>2</c>\n</a>';
    assert.ok(isExcerptOf('<a>\n    <c>2</c>\n</a>', file));
    assert.ok(isExcerptOf('<a>\n    <x>…</x>\n</a>', file));
    assert.ok(!isExcerptOf('<a>\n    <c>3</c>\n</a>', file));
    assert.ok(!isExcerptOf('    <c>2</c>\n    <b>1</b>', file));
  });
});

describe('docs harness: links and headings', () => {
  it('finds links and images in the prose, not in code or in markers', () => {
    const page = [
      'See [Faults](faults-and-probes.md#faults-on-real-deliveries) and ![Catalog](dashboard/catalog.png).',
      'Code: `[not](a-link.md)`, and [`docs/catalog.md`](catalog.md "the catalog").',
      '<!-- readme-test: replace "[x](y)" with "z" -->',
      '```sh',
      'echo [no](link.md)',
      '```',
      '[Tencent](https://cloud.tencent.com/document/product/460/84798)',
    ].join('\n');
    assert.deepEqual(markdownLinks(page), [
      { target: 'faults-and-probes.md#faults-on-real-deliveries', line: 1 },
      { target: 'dashboard/catalog.png', line: 1 },
      { target: 'catalog.md', line: 2 },
      { target: 'https://cloud.tencent.com/document/product/460/84798', line: 7 },
    ]);
  });

  it('gives a heading the anchor GitHub gives it', () => {
    assert.equal(headingSlug('`--fail-on`: a CI gate'), '--fail-on-a-ci-gate');
    assert.equal(headingSlug('Over HTTP: `/load-runs`'), 'over-http-load-runs');
    assert.equal(
      headingSlug('WorkflowFinish: the end of a workflow run'),
      'workflowfinish-the-end-of-a-workflow-run',
    );
    assert.equal(headingSlug('Set-up: two commands'), 'set-up-two-commands');
    assert.equal(
      headingSlug('Tencent Cloud CI (数据万象) TaskFinish'),
      'tencent-cloud-ci-数据万象-taskfinish',
    );
  });

  it('lists every heading outside code, a repeated one numbered', () => {
    const page = [
      '# Title',
      '## Flags',
      '```sh',
      '# a comment',
      '```',
      '### `ci-callback probe`',
      '## Flags',
    ].join('\n');
    assert.deepEqual([...headingAnchors(page)], ['title', 'flags', 'ci-callback-probe', 'flags-1']);
  });
});
