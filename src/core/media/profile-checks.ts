/**
 * @module media/profile-checks
 * What the Tags' invariants say about frame sizes drawn by ./profile.ts: a scaled frame keeps its source's aspect
 * ratio. Each check returns what is wrong, or undefined — also when the node it checks is absent (failed jobs send no
 * MediaInfo or MediaResult).
 */
import { text } from '../tree.ts';
import type { Job, JobValue } from '../types.ts';
import type { FrameSize } from './profile.ts';

/** The Width × Height of the element at `path` (a Video stream or a Video parameter node), when it has both. */
export function frameAt(root: JobValue, path: string): FrameSize | undefined {
  const width = text(root, `${path}.Width`);
  const height = text(root, `${path}.Height`);
  return width === undefined || height === undefined
    ? undefined
    : { width: Number(width), height: Number(height) };
}

/** Whether `scaled` keeps `source`'s aspect ratio, allowing for the even rounding of scaleFrame. */
export function aspectProblem(source: FrameSize, scaled: FrameSize): string | undefined {
  const skew = Math.abs(scaled.height * source.width - scaled.width * source.height);
  return skew <= Math.max(source.width, source.height)
    ? undefined
    : `${scaled.width}x${scaled.height} does not keep the aspect ratio of ${source.width}x${source.height}`;
}

/**
 * What is wrong with the frame at `path` (a job's Video parameters) as a scaling of the input video that MediaInfo
 * describes, or undefined (also when the job produced no MediaInfo).
 */
export function inputAspectProblem(job: Job, path: string): string | undefined {
  const source = frameAt(job, 'Operation.MediaInfo.Stream.Video');
  if (!source) return undefined;
  return aspectProblem(source, frameAt(job, path) ?? { width: 0, height: 0 });
}
