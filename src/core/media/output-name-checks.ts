/**
 * @module media/output-name-checks
 * What the Tags' invariants say about output names (./output-names.ts): MediaResult's names expand the Output
 * pattern. Each check returns what is wrong, or undefined — also when the node it checks is absent (failed jobs send no
 * MediaInfo or MediaResult).
 */
import { nodesAt, select, text } from '../tree.ts';
import type { Invariant, Job, JobValue } from '../types.ts';
import { extensionOf, namesFromPattern, patternPrefix } from './output-names.ts';

/** Where two name lists first differ, or undefined when they are the same. */
export function namesProblem(expected: readonly string[], actual: readonly JobValue[]): string | undefined {
  if (actual.length !== expected.length)
    return `${actual.length} names where ${expected.length} are expected`;
  const wrong = expected.findIndex((name, i) => actual[i] !== name);
  return wrong === -1
    ? undefined
    : `name ${wrong} is '${String(actual[wrong])}', expected '${expected[wrong]}'`;
}

export interface OutputNamesOptions {
  /** The value of `${ext}`. */
  ext?: string;
  /** How many outputs there must be; by default as many as are listed. */
  count?: number;
}

/**
 * What is wrong with MediaResult's ObjectName list as the expansion of Output.Object, or undefined (also when the
 * job produced no MediaResult). Names listed under an ObjectPrefix must be relative to it, and the prefix the
 * pattern's text before `${Number}`.
 */
export function outputNamesProblem(job: Job, options: OutputNamesOptions = {}): string | undefined {
  const [file] = nodesAt(job, 'Operation.MediaResult.OutputFile');
  const pattern = text(job, 'Operation.Output.Object');
  if (file === undefined || pattern === undefined) return undefined;
  const names = select(file, 'ObjectName');
  const prefix = text(file, 'ObjectPrefix') ?? '';
  if (prefix !== '' && prefix !== patternPrefix(pattern))
    return `ObjectPrefix '${prefix}' is not the text of '${pattern}' before \${Number}`;
  const expected = namesFromPattern(pattern, {
    prefix,
    count: options.count ?? names.length,
    ...(options.ext === undefined ? {} : { ext: options.ext }),
  });
  return namesProblem(expected, names);
}

/**
 * For Tags that write one file whose container only the template knows: the one ObjectName is Output.Object with
 * `${ext}` expanded to the extension of one of the containers the Tag writes (repeats in the list are ignored).
 */
export function outputNameInvariant(extensions: readonly string[]): Invariant {
  const accepted = [...new Set(extensions)];
  return {
    name: `ObjectName is Output.Object with \${ext} expanded to a container it writes (${accepted.join(', ')})`,
    check: (job) => {
      const [name] = select(job, 'Operation.MediaResult.OutputFile.ObjectName');
      if (typeof name !== 'string') return undefined;
      const ext = extensionOf(name);
      if (!accepted.includes(ext)) return `ObjectName ${name}: .${ext} is not one of ${accepted.join(', ')}`;
      return outputNamesProblem(job, { ext, count: 1 });
    },
  };
}

/**
 * For Tags whose parameters name the container they write (`Container.Format`, `Segment.Format`…): the ObjectNames
 * are Output.Object with `${ext}` expanded to that container's extension, as `extensions` maps it.
 */
export function containerFormatInvariant(
  formatPath: string,
  extensions: Readonly<Record<string, string>>,
): Invariant {
  const field = formatPath.replace(/^Operation\./, '');
  return {
    name: `ObjectName expands Output.Object with \${ext} the extension of ${field}`,
    check: (job) => {
      const format = text(job, formatPath) ?? '';
      const ext = extensions[format];
      return ext === undefined
        ? `${field} ${format} is not one of ${Object.keys(extensions).join(', ')}`
        : outputNamesProblem(job, { ext });
    },
  };
}
