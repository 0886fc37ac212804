/**
 * @module media/output-names
 * Output names as CI expands them from the Output.Object patterns people configure (`${Number}`, `${Page}`,
 * `${ext}`), and what an object key says of itself (stem, extension, file type, COS URL). Their checks are in
 * ./output-name-checks.ts.
 */
import type { Faker } from '@faker-js/faker';
import { FILE_TYPES } from '../data/containers.ts';
import type { FileType } from '../types.ts';

/** Expands CI's output pattern variables: `${Number}` (0-based index) and `${Page}` (1-based page). */
export function expandPattern(
  pattern: string,
  values: { Number?: number | undefined; Page?: number | undefined; ext?: string | undefined },
): string {
  // By hand, not by a replace callback (which cost more than the rest of naming an output); the same scan as
  // /\$\{(Number|Page|ext)\}/g: every `${` in turn, left to right, a variable it does not start left as it is.
  let at = pattern.indexOf('${');
  if (at === -1) return pattern;
  let expanded = '';
  let copied = 0;
  while (at !== -1) {
    const name = pattern.startsWith('Number}', at + 2)
      ? 'Number'
      : pattern.startsWith('Page}', at + 2)
        ? 'Page'
        : pattern.startsWith('ext}', at + 2)
          ? 'ext'
          : undefined;
    if (name === undefined) {
      at = pattern.indexOf('${', at + 1);
      continue;
    }
    const end = at + name.length + 3;
    const value = values[name];
    if (value !== undefined) {
      expanded += pattern.slice(copied, at) + String(value);
      copied = end;
    }
    at = pattern.indexOf('${', end);
  }
  return copied === 0 ? pattern : expanded + pattern.slice(copied);
}

/** The last path segment of an object key without its extension (`input/demo-01.mp4` → `demo-01`). */
export function objectStem(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  // an extension is a dot and at least one character after the last dot
  const dot = name.lastIndexOf('.');
  return dot !== -1 && dot < name.length - 1 ? name.slice(0, dot) : name;
}

/** The extension of an object key ('' when it has none). */
export function extensionOf(key: string): string {
  const name = key.split('/').at(-1) ?? key;
  return name.includes('.') ? (name.split('.').at(-1) ?? '') : '';
}

/** The file type of an object key (or URL) by its extension, or undefined for one CI jobs do not read or write. */
export function containerOf(key: string): FileType | undefined {
  const extension = extensionOf(key);
  return FILE_TYPES.find((type) => type.extension === extension);
}

export interface OutputPatternOptions {
  /** The input object's key: outputs are named after it, as people usually configure them. */
  inputKey: string;
  /** Where outputs go, each ending in `/`; one is drawn. */
  folders: readonly string[];
  /** Added after the input's stem, e.g. `-720p` or `-${Number}`; one is drawn. */
  suffixes: readonly string[];
  /** The extension of the container written. */
  extension: string;
}

/**
 * An Output.Object pattern as people configure it and CI echoes it, unexpanded: named after the input, in one of
 * the Tag's folders with one of its suffixes, and the extension written out or left to CI's `${ext}` (about half
 * each): `output/demo-720p.${ext}`.
 */
export function outputPattern(
  faker: Faker,
  { inputKey, folders, suffixes, extension }: OutputPatternOptions,
): string {
  const folder = faker.helpers.arrayElement(folders);
  const suffix = faker.helpers.arrayElement(suffixes);
  return `${folder}${objectStem(inputKey)}${suffix}.${faker.datatype.boolean() ? '${ext}' : extension}`;
}

/** The text before a pattern's first `${Number}`/`${Page}`: what CI reports as ObjectPrefix for numbered outputs. */
export function patternPrefix(pattern: string): string {
  const at = pattern.search(/\$\{(Number|Page)\}/);
  return at === -1 ? '' : pattern.slice(0, at);
}

export interface PatternNamesOptions {
  count: number;
  /** The value of `${ext}` (left as it is when undefined). */
  ext?: string | undefined;
  /** Names relative to this prefix (Snapshot lists `0.jpg` under ObjectPrefix `output/snapshot-`). */
  prefix?: string;
}

/** The names of `count` outputs of a pattern: `${Number}` counts from 0, `${Page}` from 1. */
export function namesFromPattern(
  pattern: string,
  { count, ext, prefix = '' }: PatternNamesOptions,
): string[] {
  return Array.from({ length: count }, (_, n) => {
    const name = expandPattern(pattern, { Number: n, Page: n + 1, ext });
    return name.startsWith(prefix) ? name.slice(prefix.length) : name;
  });
}

/** The HTTPS URL of an object on its bucket's default COS domain. */
export function cosObjectUrl(bucket: string, region: string, key: string): string {
  return `https://${bucket}.cos.${region}.myqcloud.com/${key.replace(/^\//, '')}`;
}
