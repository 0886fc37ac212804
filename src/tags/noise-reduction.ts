/**
 * NoiseReduction: CI removes background noise from an audio file. As documented, Operation is only Output, UserData
 * and JobLevel — no parameter node, MediaInfo or MediaResult — and JobsDetail.Message is "SUCCESS".
 * Official sample: https://cloud.tencent.com/document/product/436/76972.
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { successMessageInvariant } from '../core/media/invariants.ts';
import { containerOf, objectStem } from '../core/media/output-names.ts';
import { outputLocationProblem } from '../core/media/output-node-checks.ts';
import { output } from '../core/media/output-nodes.ts';
import { processingByDuration } from '../core/media/profile.ts';
import { text } from '../core/tree.ts';
import { OUTPUT_FOLDERS } from './data/media-job-names.ts';

export default defineTag({
  tag: 'NoiseReduction',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/436/76972',
  summary: 'Noise reduction: an audio file with its background noise removed.',
  resultNode: '',
  inputKind: 'audio',
  processingSeconds: processingByDuration([1, 3], [0.1, 0.5]),
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.NoiseReduction);
    const extension = faker.helpers.weightedArrayElement([
      { value: 'wav', weight: 3 },
      { value: 'mp3', weight: 1 },
    ]);
    const object = faker.helpers.arrayElement([
      `${folder}nr.${extension}`,
      `${folder}${objectStem(input.key)}_nr.${extension}`,
      `${folder}${objectStem(input.key)}.${extension}`,
    ]);
    return {
      message: 'SUCCESS',
      operation: {
        Output: output({ bucket: input.bucket, region: input.region, object }),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    successMessageInvariant('SUCCESS'),
    {
      name: 'the cleaned audio goes to the input’s bucket and region as an audio file',
      check: (job) => {
        const object = text(job, 'Operation.Output.Object') ?? '';
        if (containerOf(object)?.kind !== 'audio') return `Output.Object '${object}' is not an audio file`;
        return outputLocationProblem(job);
      },
    },
  ],
});
