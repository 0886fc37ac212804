/**
 * @module media/output-node-checks
 * What the Tags' invariants say about the Output and MediaResult nodes of ./output-nodes.ts: each output file has
 * its Md5Info and lands where the Output asked. Each check returns what is wrong, or undefined — also when the node it checks is absent (failed jobs send no
 * MediaInfo or MediaResult).
 */
import { isContainer, nodesAt, select, text } from '../tree.ts';
import type { Invariant, Job, JobValue, MediaKind } from '../types.ts';
import { containerOf, cosObjectUrl } from './output-names.ts';
import type { OutputFileOptions } from './output-nodes.ts';

/** MediaResult's ObjectName entries. */
export function objectNames(job: Job): string[] {
  return select(job, 'Operation.MediaResult.OutputFile.ObjectName').map(String);
}

/**
 * What is wrong with an OutputFile's Md5Info, or undefined. `per-file`: one {Md5, ObjectName} per ObjectName, in
 * the same order, each Md5 32 hex digits and its ObjectName the full key, ObjectPrefix + ObjectName; `none`: an
 * empty `<Md5Info/>` (image outputs). SpriteOutputFile likewise.
 */
export function outputFileProblem(
  node: JobValue | undefined,
  md5: OutputFileOptions['md5'],
): string | undefined {
  if (node === undefined || !isContainer(node)) return undefined;
  const names = select(node, 'ObjectName');
  const digests = nodesAt(node, 'Md5Info');
  if (md5 === 'none') {
    if (digests.length > 0) return `${digests.length} Md5Info where image outputs have none`;
  } else {
    if (digests.length !== names.length) return `${digests.length} Md5Info for ${names.length} ObjectName`;
    const prefix = text(node, 'ObjectPrefix') ?? '';
    const wrong = digests.findIndex(
      (digest, i) =>
        digest['ObjectName'] !== `${prefix}${names[i]}` || !/^[0-9a-f]{32}$/.test(String(digest['Md5'])),
    );
    if (wrong !== -1)
      return `Md5Info ${wrong} does not give an MD5 for '${prefix}${names[wrong]}' (ObjectPrefix + ObjectName)`;
  }
  return outputFileProblem(node['SpriteOutputFile'], md5);
}

/**
 * What is wrong with where the outputs landed, or undefined: the Output is in the input's bucket and region (when
 * the job names its input), and MediaResult's OutputFile (and SpriteOutputFile) in the Output's.
 */
export function outputLocationProblem(job: Job): string | undefined {
  const asked = {
    Bucket: text(job, 'Operation.Output.Bucket'),
    Region: text(job, 'Operation.Output.Region'),
  };
  const input = { Bucket: text(job, 'Input.BucketId'), Region: text(job, 'Input.Region') };
  for (const key of ['Bucket', 'Region'] as const) {
    if (asked[key] !== undefined && input[key] !== undefined && asked[key] !== input[key])
      return `Output ${key} ${asked[key]}, the input's ${input[key]}`;
  }
  for (const file of nodesAt(job, 'Operation.MediaResult.OutputFile').concat(
    nodesAt(job, 'Operation.MediaResult.OutputFile.SpriteOutputFile'),
  )) {
    for (const key of ['Bucket', 'Region'] as const) {
      if (file[key] !== asked[key])
        return `OutputFile ${key} ${String(file[key])}, Output asked for ${asked[key]}`;
    }
  }
  return undefined;
}

/**
 * What is wrong with `url` as the URL of a `kind` object in the bucket the job writes to (its Output's), on the
 * bucket's COS domain, or undefined.
 */
export function bucketObjectUrlProblem(job: Job, url: string, kind: MediaKind): string | undefined {
  const domain = cosObjectUrl(
    text(job, 'Operation.Output.Bucket') ?? '',
    text(job, 'Operation.Output.Region') ?? '',
    '',
  );
  return url.startsWith(domain) && containerOf(url)?.kind === kind
    ? undefined
    : `'${url}' is not a ${kind} object under ${domain}`;
}

export const MD5_PER_OUTPUT_FILE: Invariant = {
  name: 'each output file has its own Md5Info',
  check: (job) => outputFileProblem(select(job, 'Operation.MediaResult.OutputFile')[0], 'per-file'),
};

export const OUTPUTS_WHERE_ASKED: Invariant = {
  name: 'the Output is in the input’s bucket and region, and the output files where the Output names',
  check: (job) => outputLocationProblem(job),
};
