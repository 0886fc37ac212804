/**
 * @module moderation/html
 * ReviewHtml (`POST /webpage/auditing`): a web page's images (`ImageResults`, with OCR) and its text in
 * segments (`TextResults`, `Keywords` one comma-separated string); `PageCount` counts both. Detail only, the
 * verdict is `Suggestion`, job-level scenes sit under `Labels`. A web page is no COS object: no CosHeaders,
 * never frozen. CallbackType is not documented for web pages, so every result is sent.
 */
import { OCR_LINES, TEXT_LINES, WEB_PAGES } from './data/content.ts';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import { hitWords, verdictLabel } from './hit-words.ts';
import { jobFacts } from './job-facts.ts';
import { ocrSceneInfos } from './ocr-results.ts';
import type { JsonObject, ReviewKindDefinition } from './types.ts';
import { drawVerdict, type SegmentVerdict, sceneSummary } from './verdicts.ts';

const SCENES: readonly Scene[] = ['porn', 'ads'];

export const html: ReviewKindDefinition = {
  kind: 'html',
  eventName: 'ReviewHtml',
  description: 'a web page (/webpage/auditing): its images and text; Detail only, Suggestion',
  versions: ['detail'],
  callbackTypes: false,
  build(faker, context) {
    const facts = jobFacts(faker, { kind: 'html', media: 'image', referenceDate: context.referenceDate });
    const page = faker.helpers.arrayElement(WEB_PAGES);
    const imageCount = faker.number.int({ min: 1, max: 12 });
    const textCount = faker.number.int({ min: 1, max: 3 });
    const verdict = drawVerdict(faker, {
      result: context.result,
      count: imageCount + textCount,
      scenes: SCENES,
    });
    const origin = new URL(page).origin;

    const imageResult = (segment: SegmentVerdict, index: number): JsonObject => {
      const { infos, text } = ocrSceneInfos(
        faker,
        SCENES,
        segment,
        faker.helpers.maybe(() => faker.helpers.arrayElement(OCR_LINES), { probability: 0.4 }) ?? '',
      );
      return {
        Url: `${origin}/static/img/${faker.string.alphanumeric({ length: 10, casing: 'lower' })}-${index}.jpg`,
        Text: text,
        Label: verdictLabel(verdict.scene, segment.result),
        Suggestion: segment.result,
        ...infos,
      };
    };
    const textResult = (segment: SegmentVerdict): JsonObject => {
      const infos: JsonObject = {};
      let text = faker.helpers.arrayElements(TEXT_LINES, { min: 1, max: 4 }).join('');
      for (const scene of SCENES) {
        const finding = segment.findings[scene];
        const words = hitWords(faker, scene, finding);
        if (finding.hitFlag !== 0) text = `${text}${words.keywords.join('，')}`;
        infos[SCENE_WORDS[scene].detailKey] = {
          HitFlag: finding.hitFlag,
          Score: finding.score,
          Keywords: words.keywords.join(','),
        };
      }
      return {
        Text: text,
        Label: verdictLabel(verdict.scene, segment.result),
        Suggestion: segment.result,
        ...infos,
      };
    };

    return {
      detail: {
        EventName: 'ReviewHtml',
        JobsDetail: {
          JobId: facts.jobId,
          State: 'Success',
          CreationTime: facts.creationTime,
          Url: page,
          Label: verdictLabel(verdict.scene, verdict.result),
          Suggestion: verdict.result,
          PageCount: imageCount + textCount,
          Labels: Object.fromEntries(
            SCENES.map((scene) => {
              const { hitFlag, score } = sceneSummary(verdict, scene);
              return [SCENE_WORDS[scene].detailKey, { HitFlag: hitFlag, Score: score }];
            }),
          ),
          ImageResults: { Results: verdict.segments.slice(0, imageCount).map(imageResult) },
          TextResults: { Results: verdict.segments.slice(imageCount).map(textResult) },
          BucketId: facts.bucket,
          Region: facts.region,
          ForbidState: 0,
        },
      },
    };
  },
};
