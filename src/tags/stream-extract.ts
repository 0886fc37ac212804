/**
 * StreamExtract: CI copies streams out of a video into files of their own. As documented, Output has no Object but
 * one StreamExtract {Index, Output} per requested stream, MediaResult lists one file (with its Md5Info) per stream
 * written, and there is no MediaInfo. The documented sample requests three streams and lists two files; we model
 * that as a request for an Index the input does not have, which writes nothing.
 * Official sample: https://cloud.tencent.com/document/product/460/76959.
 */
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { objectStem } from '../core/media/output-names.ts';
import { MD5_PER_OUTPUT_FILE, OUTPUTS_WHERE_ASKED, objectNames } from '../core/media/output-node-checks.ts';
import { mediaResult } from '../core/media/output-nodes.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { nodesAt } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { OUTPUT_FOLDERS } from './data/media-job-names.ts';

interface StreamRequest {
  index: number;
  /** What the stream is written as: a video stream into .mp4, an AAC audio stream into .m4a. */
  extension: 'mp4' | 'm4a';
  exists: boolean;
}

export default defineTag({
  tag: 'StreamExtract',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/76959',
  summary: 'Stream extraction: the video and audio streams of a file, each written to a file of its own.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([1, 3], [0, 0.05]),
  jsonShape: 'object',
  lists: [
    'Operation.MediaResult.OutputFile.Md5Info',
    'Operation.MediaResult.OutputFile.ObjectName',
    'Operation.Output.StreamExtract',
  ],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const streams: StreamRequest[] = [
      ...(media.video ? [{ extension: 'mp4' as const }] : []),
      ...media.audio.map(() => ({ extension: 'm4a' as const })),
    ].map((stream, index) => ({ ...stream, index, exists: true }));
    const video = streams.filter((stream) => stream.extension === 'mp4');
    const audio = streams.filter((stream) => stream.extension === 'm4a');
    const requested = [
      ...faker.helpers.weightedArrayElement([
        { value: streams, weight: 6 },
        { value: video, weight: 1 },
        { value: audio, weight: 2 },
      ]),
    ];
    // A second audio track is often asked for blindly; files without one write nothing for it.
    if (faker.number.int(4) === 0) requested.push({ index: streams.length, extension: 'm4a', exists: false });
    const prefix = `${faker.helpers.arrayElement(OUTPUT_FOLDERS.StreamExtract)}${objectStem(input.key)}`;
    const outputOf = (stream: StreamRequest) => `${prefix}_${stream.index}.${stream.extension}`;
    return {
      operation: {
        MediaResult: mediaResult(faker, {
          bucket: input.bucket,
          region: input.region,
          objectNames: requested.filter((stream) => stream.exists).map(outputOf),
          md5: 'per-file',
        }),
        Output: {
          Bucket: input.bucket,
          Region: input.region,
          StreamExtract: requested.map((stream) => ({ Index: stream.index, Output: outputOf(stream) })),
        },
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    {
      name: 'every output file is the Output of a StreamExtract entry, in the entries’ order',
      check: (job) => {
        const outputs = extractions(job).map((entry) => entry['Output']);
        let next = 0;
        for (const name of objectNames(job)) {
          const at = outputs.indexOf(name, next);
          if (at === -1) return `output file ${name} is not a requested StreamExtract Output (in order)`;
          next = at + 1;
        }
        return undefined;
      },
    },
    {
      name: 'StreamExtract Indexes are distinct stream numbers in ascending order',
      check: (job) => {
        const indexes = extractions(job).map((entry) => String(entry['Index']));
        const bad = indexes.find(
          (index, i) => !/^\d+$/.test(index) || (i > 0 && Number(index) <= Number(indexes[i - 1])),
        );
        return bad === undefined ? undefined : `Index ${bad} in ${indexes}`;
      },
    },
    MD5_PER_OUTPUT_FILE,
    OUTPUTS_WHERE_ASKED,
  ],
});

function extractions(job: Job): Job[] {
  return nodesAt(job, 'Operation.Output.StreamExtract');
}
