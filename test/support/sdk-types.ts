/**
 * Test support: does a callback body decode into the typed structs of Tencent's Go SDK (cos-go-sdk-v5)?
 * The table (fixtures/reference/sdk-types.json) lists every element path the SDK's notify-body structs read,
 * with the Go kind the text lands in and whether the field is a slice. A body satisfies it when every leaf
 * the SDK types parses by Go's strconv rules (as encoding/xml calls them; empty text → the zero value),
 * every element the SDK reads as a struct is a container, and no element is repeated where every SDK that
 * types it keeps one value. Elements the SDK does not know are ignored, as encoding/xml ignores them.
 * Read strictly: no surrounding space is allowed in a typed leaf (older Go releases did not trim it), and Go's
 * rarer float spellings (hex, Inf, NaN) are refused — none belongs in a callback.
 */
import { readFileSync } from 'node:fs';
import type { Job, JobValue, TagDefinition } from '../../src/core/types.ts';

export type GoKind = 'int' | 'uint' | 'float' | 'bool' | 'string' | 'struct' | 'any';

export interface GoField {
  kind: GoKind;
  /** A slice field: every occurrence is kept. */
  repeated?: boolean;
  /** Size of an int32/float32 field; 64 when absent. */
  bits?: number;
}

export interface SdkRoot {
  reads: string;
  paths: Record<string, GoField>;
}

export interface SdkTypes {
  header: { sdk: string; commit: string; note: string; kinds: string };
  roots: Record<string, SdkRoot>;
}

export const SDK_TYPES: SdkTypes = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/sdk-types.json', import.meta.url), 'utf8'),
);

/**
 * The SDK structs a TaskFinish body of `def` must decode into: the notify body for every Tag, and the job structs
 * some receivers reuse for the Tags they describe (the `reads` line of each root in the table).
 */
export function sdkRootsFor(def: TagDefinition): string[] {
  const roots = ['MediaProcessJobsNotifyBody'];
  if (def.family === 'asr') roots.push('CreateASRJobsResult');
  if (def.tag === 'DocProcess') roots.push('CreateDocProcessJobsResult');
  return roots;
}

/**
 * Single-valued in the Go SDK but a list in another Tencent SDK, so sent repeated when there are several: a
 * receiver on the Go SDK keeps one, one on the Java or Android SDK keeps all.
 * - SongList: Java SDK `@XStreamImplicit(itemFieldName = "SongList")`, Android SDK `List<…SongList>`.
 */
export const LISTS_IN_OTHER_SDKS: ReadonlySet<string> = new Set([
  'Response/JobsDetail/Operation/SoundHoundResult/SongList',
]);

/** A place where a body breaks the SDK's types: the element path (from `Response`), its text and why. */
export interface SdkProblem {
  path: string;
  value: string;
  reason: string;
}

export interface SdkCheckOptions {
  /**
   * Paths a single-valued Go field reads but another Tencent SDK binds as a list (so repeating them is right);
   * each one is a decision written down where it is listed.
   */
  listsElsewhere?: ReadonlySet<string>;
}

/** Problems decoding `response` (the children of `<Response>`) into the SDK root `root`; empty when it decodes. */
export function sdkTypeProblems(response: Job, root: SdkRoot, options: SdkCheckOptions = {}): SdkProblem[] {
  const problems: SdkProblem[] = [];
  visitChildren(response, 'Response', root.paths, options.listsElsewhere ?? new Set(), problems);
  return problems;
}

function visitChildren(
  container: Job,
  parentPath: string,
  paths: Record<string, GoField>,
  listsElsewhere: ReadonlySet<string>,
  problems: SdkProblem[],
): void {
  for (const [name, value] of Object.entries(container)) {
    const path = `${parentPath}/${name}`;
    const field = paths[path];
    // encoding/xml skips elements no field names, and fields of interface type.
    if (field === undefined || field.kind === 'any') continue;
    const occurrences = Array.isArray(value) ? value : [value];
    if (occurrences.length > 1 && !field.repeated && !listsElsewhere.has(path))
      problems.push({
        path,
        value: `${occurrences.length} occurrences`,
        reason: 'the SDK keeps one value here (not a slice)',
      });
    for (const occurrence of occurrences)
      visitElement(occurrence, path, field, paths, listsElsewhere, problems);
  }
}

function visitElement(
  value: JobValue,
  path: string,
  field: GoField,
  paths: Record<string, GoField>,
  listsElsewhere: ReadonlySet<string>,
  problems: SdkProblem[],
): void {
  if (Array.isArray(value)) {
    problems.push({ path, value: 'a nested repetition', reason: 'not an XML element' });
    return;
  }
  if (field.kind === 'struct') {
    if (typeof value === 'string') {
      if (value.trim() !== '')
        problems.push({ path, value, reason: 'the SDK reads a struct here; its text would be dropped' });
      return;
    }
    visitChildren(value, path, paths, listsElsewhere, problems);
    return;
  }
  if (typeof value !== 'string') {
    problems.push({
      path,
      value: '<element with children>',
      reason: `the SDK reads text here as ${field.kind}`,
    });
    return;
  }
  const reason = scalarProblem(value, field);
  if (reason) problems.push({ path, value, reason });
}

/** Why Go's strconv (as encoding/xml calls it) would reject `text` for `field`, or undefined when it parses. */
export function scalarProblem(text: string, field: GoField): string | undefined {
  if (text === '') return undefined; // encoding/xml leaves the zero value for an empty element
  const bits = field.bits ?? 64;
  switch (field.kind) {
    case 'string':
    case 'struct':
    case 'any':
      return undefined;
    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) return `strconv.ParseInt: not a base-10 integer (int${bits})`;
      const n = BigInt(text);
      const limit = 1n << BigInt(bits - 1);
      return n >= -limit && n < limit ? undefined : `strconv.ParseInt: out of range for int${bits}`;
    }
    case 'uint': {
      if (!/^\d+$/.test(text)) return `strconv.ParseUint: not an unsigned base-10 integer (uint${bits})`;
      return BigInt(text) < 1n << BigInt(bits)
        ? undefined
        : `strconv.ParseUint: out of range for uint${bits}`;
    }
    case 'float': {
      // Decimal notation only: Go also takes hex floats, Inf and NaN, which no callback should carry.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
        return `strconv.ParseFloat: not a decimal number (float${bits})`;
      const max = bits === 32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
      return Math.abs(Number(text)) <= max ? undefined : `strconv.ParseFloat: out of range for float${bits}`;
    }
    case 'bool':
      return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)
        ? undefined
        : 'strconv.ParseBool: not one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False';
  }
}
