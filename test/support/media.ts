/**
 * What the tests of src/core/media build on: seeds, MediaInfo as it is sent, and small jobs holding one media
 * structure, for the checks to look at.
 */
import { type MediaInfoStyle, mediaInfo } from '../../src/core/media/media-info.ts';
import { normalize, select } from '../../src/core/tree.ts';
import type { Job, MediaProfile, Variant } from '../../src/core/types.ts';

export const SEEDS = Array.from({ length: 40 }, (_, i) => i * 104_729 + 11);
export const STYLES: readonly MediaInfoStyle[] = ['decimal', 'integer'];
export const VARIANT: Variant = { format: 'xml', trigger: 'direct', state: 'success' };
export const BUCKET = 'b-1250000000';
export const REGION = 'ap-beijing';

/** MediaInfo as it is sent (every leaf a string). */
export function probe(profile: MediaProfile, style: MediaInfoStyle): Job {
  return normalize({ MediaInfo: mediaInfo(profile, style) })['MediaInfo'] as Job;
}

/** A job reading `key`, with the given MediaInfo and (for workflow jobs) the uploaded size. */
export function jobWith(key: string, info: Job, uploadedSize?: number): Job {
  const input: Record<string, unknown> = { BucketId: BUCKET, Object: key, Region: REGION };
  if (uploadedSize !== undefined)
    input['CosHeaders'] = [
      { Key: 'Content-Type', Value: 'video/mp4' },
      { Key: 'Size', Value: `${uploadedSize}` },
    ];
  return { Input: input, Operation: { MediaInfo: info } } as Job;
}

/** A copy of `info` with the leaf at `path` set to `value`. */
export function edited(info: Job, path: string, value: string): Job {
  const copy = structuredClone(info);
  const names = path.split('.');
  const parent = select(copy, names.slice(0, -1).join('.'))[0] as Job;
  parent[names.at(-1) as string] = value;
  return copy;
}

/** A job that wrote `names` from the Output pattern `pattern`, in its input's bucket unless told otherwise. */
export function outputJob(
  pattern: string,
  names: string[],
  where: { fileBucket?: string; outputBucket?: string } = {},
): Job {
  return normalize({
    Input: { BucketId: BUCKET, Object: 'input/a.mp4', Region: REGION },
    Operation: {
      MediaResult: {
        OutputFile: {
          Bucket: where.fileBucket ?? BUCKET,
          ObjectName: names,
          ObjectPrefix: '',
          Region: REGION,
        },
      },
      Output: { Bucket: where.outputBucket ?? BUCKET, Object: pattern, Region: REGION },
    },
  });
}
