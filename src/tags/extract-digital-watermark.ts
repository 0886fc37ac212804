/**
 * ExtractDigitalWatermark: CI reads back the text watermark embedded in a video. As documented, Operation holds only
 * ExtractDigitalWatermark {Message (the extracted text), Type, Version} and UserData — no Output, MediaInfo or
 * MediaResult — and JobsDetail.Message is "done". A failed job has no extracted text (the result node is left out).
 * JobsDetail reference: https://www.tencentcloud.com/document/product/1045/48931 (catalog §3).
 */
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { successMessageInvariant } from '../core/media/invariants.ts';
import { processingByDuration } from '../core/media/profile.ts';
import { textWatermark } from '../core/media/template-job.ts';
import { textWatermarkProblem } from '../core/media/template-job-checks.ts';
import { nodesAt } from '../core/tree.ts';
import { WATERMARK_TEXT, WATERMARK_TEXTS } from './data/watermark-texts.ts';

export default defineTag({
  tag: 'ExtractDigitalWatermark',
  family: 'media',
  source: 'documented',
  docUrl: 'https://www.tencentcloud.com/document/product/1045/48931',
  summary: 'Digital watermark extraction: the text watermark read back from a video.',
  resultNode: 'ExtractDigitalWatermark',
  inputKind: 'video',
  processingSeconds: processingByDuration([2, 5], [0.1, 0.4]),
  jsonShape: 'object',
  lists: [],
  build({ faker, tag }) {
    return {
      message: 'done',
      operation: {
        ExtractDigitalWatermark: textWatermark(faker, WATERMARK_TEXTS),
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    successMessageInvariant('done'),
    {
      name: 'the extracted watermark is Text, version V1, at most 64 characters of CI’s watermark alphabet',
      check: (job) => {
        const [mark] = nodesAt(job, 'Operation.ExtractDigitalWatermark');
        return mark ? textWatermarkProblem(mark, WATERMARK_TEXT) : undefined;
      },
    },
  ],
});
