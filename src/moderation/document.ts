/**
 * @module moderation/document
 * ReviewDocument (`POST /document/auditing`): the document rendered page by page (sheet by sheet for a
 * spreadsheet), each page an image CI moderates with OCR. Detail only (no Simple form is published), and the
 * verdict is `Suggestion`, not `Result`; job-level scenes sit under `Labels`. A scene hit by a page's text
 * carries the `OcrResults` that matched.
 */
import { OCR_LINES } from './data/content.ts';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import { verdictLabel } from './hit-words.ts';
import { forbidState, jobFacts, signedUrl } from './job-facts.ts';
import { ocrSceneInfos } from './ocr-results.ts';
import type { JsonObject, ReviewKindDefinition } from './types.ts';
import { drawVerdict, keptSegments, sceneSummary } from './verdicts.ts';

const SCENES: readonly Scene[] = ['porn', 'ads'];

export const document: ReviewKindDefinition = {
  kind: 'document',
  eventName: 'ReviewDocument',
  description: 'a document (/document/auditing): pages or sheets; Detail only, Suggestion',
  versions: ['detail'],
  callbackTypes: true,
  build(faker, context) {
    const facts = jobFacts(faker, { kind: 'document', media: 'doc', referenceDate: context.referenceDate });
    const pageCount = faker.number.int({ min: 1, max: 30 });
    const spreadsheet = facts.extension === 'xlsx';
    const verdict = drawVerdict(faker, { result: context.result, count: pageCount, scenes: SCENES });

    const pages = verdict.segments.map((segment, index): JsonObject => {
      const { infos, text } = ocrSceneInfos(faker, SCENES, segment, faker.helpers.arrayElement(OCR_LINES));
      return {
        Url: signedUrl(faker, facts, `audit/document/${facts.jobId}/${index + 1}.jpg`),
        Text: text,
        PageNumber: spreadsheet ? 1 : index + 1,
        SheetNumber: spreadsheet ? index + 1 : 0,
        Label: verdictLabel(verdict.scene, segment.result),
        Suggestion: segment.result,
        ...infos,
      };
    });

    return {
      detail: {
        EventName: 'ReviewDocument',
        JobsDetail: {
          JobId: facts.jobId,
          State: 'Success',
          CreationTime: facts.creationTime,
          Url: facts.url,
          Label: verdictLabel(verdict.scene, verdict.result),
          Suggestion: verdict.result,
          PageCount: pageCount,
          Labels: Object.fromEntries(
            SCENES.map((scene) => {
              const { hitFlag, score } = sceneSummary(verdict, scene);
              return [SCENE_WORDS[scene].detailKey, { HitFlag: hitFlag, Score: score }];
            }),
          ),
          PageSegment: { Results: keptSegments(pages, verdict.segments, context.callbackType) },
          BucketId: facts.bucket,
          Region: facts.region,
          ForbidState: forbidState(faker, verdict.result),
          CosHeaders: facts.cosHeaders,
        },
      },
    };
  },
};
