/**
 * Test support for the docs harness (test/readme.test.ts): finds every fenced block of a Markdown page with the
 * `<!-- readme-test: … -->` markers written just above it, splits shell text into commands, and reads a page's
 * links and headings so links between the pages can be checked.
 *
 * Markers (documented in CONTRIBUTING.md, "The docs are a test"):
 *   skip REASON                      the block is not run; REASON says why (an outside service, runs forever, …)
 *   replace "A" with "B"[; "C" with "D"]   run the block with A replaced by B (shorter durations, placeholders)
 *   numbers vary                     a transcript whose figures differ run to run: digits match any digits,
 *                                    spacing is free, and the output's `warning:` lines are not compared
 *   excerpt of PATH                  the block's lines (but those with `…`) appear in order in the file PATH
 */

export type Marker =
  | { kind: 'skip'; reason: string }
  | { kind: 'replace'; pairs: [string, string][] }
  | { kind: 'numbers vary' }
  | { kind: 'excerpt'; path: string };

export interface ReadmeBlock {
  /** `<file>:<line> (<section>)`, e.g. `docs/cli.md:42 (The CLI)`: how the test names the block. */
  name: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string: `sh`, `ts`, `xml`, or '' for a plain block. */
  lang: string;
  text: string;
  markers: Marker[];
}

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;

export function parseMarker(body: string): Marker {
  if (body.startsWith('skip')) {
    const reason = body.slice(4).trim();
    if (reason === '') throw new Error('readme-test: skip needs a reason');
    return { kind: 'skip', reason };
  }
  if (body === 'numbers vary') return { kind: 'numbers vary' };
  if (body.startsWith('excerpt of '))
    return { kind: 'excerpt', path: body.slice('excerpt of '.length).trim() };
  if (body.startsWith('replace ')) {
    const pairs: [string, string][] = [];
    const pair = /"((?:[^"\\]|\\.)*)" with "((?:[^"\\]|\\.)*)"/g;
    for (const match of body.matchAll(pair)) {
      pairs.push([unquote(match[1] as string), unquote(match[2] as string)]);
    }
    if (pairs.length === 0)
      throw new Error(`readme-test: cannot read '${body}': expected replace "A" with "B"`);
    return { kind: 'replace', pairs };
  }
  throw new Error(
    `readme-test: unknown marker '${body}'; accepted: skip REASON, replace "A" with "B", numbers vary, excerpt of PATH`,
  );
}

const unquote = (text: string) => text.replace(/\\(.)/g, '$1');

/**
 * Every fenced block, with the markers on the lines just above it (blank lines between are allowed). `file` is the
 * page's path from the repository root, as the blocks' names show it.
 */
export function readmeBlocks(markdown: string, file = 'README.md'): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) section = heading[1] as string;
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    const markers: Marker[] = [];
    for (let j = start - 1; j >= 0; j--) {
      const above = (lines[j] as string).trim();
      if (above === '') continue;
      const marker = MARKER.exec(above);
      if (!marker) break;
      markers.unshift(parseMarker(marker[1] as string));
    }
    blocks.push({
      name: `${file}:${start + 1} (${section})`,
      line: start + 1,
      lang: fence[1] as string,
      text: body.join('\n'),
      markers,
    });
  }
  return blocks;
}

/**
 * Splits shell text into commands, each a list of words: quotes ('…' and "…", which may span lines) and
 * backslash-newline continuations as a POSIX shell reads them; `#` starts a comment at the start of a word.
 * Enough for the pages' examples; no expansion, pipes or `&&` (a block that needs them is marked).
 */
export function shellCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && text[i + 1] === '\n') {
      i++;
      endWord();
    } else if (c === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unclosed ${c} in: ${text}`);
      word = (word ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (c === '#' && word === undefined) {
      while (i < text.length && text[i] !== '\n') i++;
      endCommand();
    } else if (c === '\n') endCommand();
    else if (c === ' ' || c === '\t') endWord();
    else word = (word ?? '') + c;
  }
  endCommand();
  return commands;
}

/**
 * A transcript block: `$ command` (continued by lines after a trailing backslash), then the output it
 * shows. Returns undefined for a block that does not start with `$ `.
 */
export function transcript(text: string): { command: string; output: string } | undefined {
  const lines = text.split('\n');
  if (!lines[0]?.startsWith('$ ')) return undefined;
  let end = 0;
  while ((lines[end] as string).endsWith('\\') && end + 1 < lines.length) end++;
  return {
    command: lines
      .slice(0, end + 1)
      .join('\n')
      .slice(2),
    output: lines.slice(end + 1).join('\n'),
  };
}

/**
 * Whether `actual` is what `expected` shows: line by line, a line `...` in `expected` stands for any lines; with
 * `numbersVary`, every run of digits (with its decimals) matches any number, runs of spaces any spacing, and
 * `warning:` lines of `actual` are left out.
 */
export function outputMatches(expected: string, actual: string, numbersVary: boolean): boolean {
  const normal = (line: string) =>
    (numbersVary ? line.replace(/\d+(?:[.,]\d+)*/g, '#').replace(/ {2,}/g, ' ') : line).trimEnd();
  const want = expected.trimEnd().split('\n').map(normal);
  // A report's `warning:` lines describe the machine it ran on (a busy one sends late): not part of the example.
  const got = actual
    .trimEnd()
    .split('\n')
    .filter((line) => !(numbersVary && line.startsWith('warning: ')))
    .map(normal);
  const match = (w: number, g: number): boolean => {
    if (w === want.length) return g === got.length;
    if (want[w] === '...') {
      for (let skip = g; skip <= got.length; skip++) if (match(w + 1, skip)) return true;
      return false;
    }
    return g < got.length && want[w] === got[g] && match(w + 1, g + 1);
  };
  return match(0, 0);
}

/** The block's lines, but those with an ellipsis, appear in `file` in this order (each line whole). */
export function isExcerptOf(block: string, file: string): boolean {
  const fileLines = file.split('\n');
  let at = 0;
  for (const line of block.split('\n')) {
    if (line.includes('…')) continue;
    const found = fileLines.indexOf(line, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}

/** The lines of the page outside its fenced blocks, with their inline code spans left out unless `keepCode`. */
function prose(markdown: string, keepCode = false): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    else if (!fenced)
      out.push({ line: i + 1, text: keepCode ? text : text.replace(/(`+)(?:(?!\1).)+?\1/g, '') });
  });
  return out;
}

/** A link or image of the page: its target as written (`docs/cli.md#the-cli`, `https://…`) and its line. */
export interface PageLink {
  target: string;
  line: number;
}

/** Every inline link and image (`[text](target)`, `![alt](target)`) outside code and HTML comments. */
export function markdownLinks(markdown: string): PageLink[] {
  const outsideComments = prose(markdown).filter(({ text }) => !text.trimStart().startsWith('<!--'));
  return outsideComments.flatMap(({ line, text }) =>
    [...text.matchAll(/\]\(([^()\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => ({
      target: match[1] as string,
      line,
    })),
  );
}

/**
 * The anchor GitHub gives a heading: lower case, everything but letters, digits, spaces, `-` and `_` dropped
 * (backticks and colons included), spaces as `-`.
 */
export function headingSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of the page's headings; a repeated heading gets `-1`, `-2`, … as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of prose(markdown, true)) {
    const heading = /^#{1,6}\s+(.*?)\s*$/.exec(text);
    if (!heading) continue;
    const slug = headingSlug(heading[1] as string);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
