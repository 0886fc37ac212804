/**
 * @module moderation/image
 * ReviewImage: one image, no segments. Detail is what API jobs call back (sensitive-content-recognition with
 * `async=1`, batch /image/auditing); Simple comes from a bucket's auto-moderation policy. Scenes carry a Score.
 */
import { OCR_LINES } from './data/content.ts';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import { hitWords, verdictLabel } from './hit-words.ts';
import { forbidState, jobFacts } from './job-facts.ts';
import { simpleForm } from './simple-form.ts';
import type { JsonObject, ReviewKindDefinition } from './types.ts';
import { drawVerdict } from './verdicts.ts';

const SCENES: readonly Scene[] = ['porn', 'ads'];

export const image: ReviewKindDefinition = {
  kind: 'image',
  eventName: 'ReviewImage',
  description: 'an image (sensitive-content-recognition, /image/auditing, auto-moderation)',
  versions: ['detail', 'simple'],
  callbackTypes: false,
  build(faker, context) {
    const facts = jobFacts(faker, { kind: 'image', media: 'image', referenceDate: context.referenceDate });
    const verdict = drawVerdict(faker, { result: context.result, count: 1, scenes: SCENES });
    const [frame] = verdict.segments;
    if (!frame) throw new Error('an image has one verdict');
    const words = Object.fromEntries(
      SCENES.map((scene) => [scene, hitWords(faker, scene, frame.findings[scene])]),
    );
    const top =
      verdict.scene ?? SCENES.reduce((a, b) => (frame.findings[b].score > frame.findings[a].score ? b : a));
    const topWords = words[top] ?? hitWords(faker, top, frame.findings[top]);
    const ocr =
      topWords.ocrText ||
      faker.helpers.maybe(() => faker.helpers.arrayElement(OCR_LINES), { probability: 0.3 }) ||
      '';
    const forbid = forbidState(faker, verdict.result);
    const label = verdictLabel(verdict.scene, verdict.result);

    const detailInfo = (scene: Scene): JsonObject => ({
      HitFlag: frame.findings[scene].hitFlag,
      Score: frame.findings[scene].score,
      Label: words[scene]?.label ?? '',
      Category: words[scene]?.category ?? '',
      SubLabel: words[scene]?.subLabel ?? '',
    });
    const simpleInfo = (scene: Scene): JsonObject => ({
      hit_flag: frame.findings[scene].hitFlag,
      label: words[scene]?.label ?? '',
      score: frame.findings[scene].score,
    });

    return {
      detail: {
        EventName: 'ReviewImage',
        JobsDetail: {
          JobId: facts.jobId,
          State: 'Success',
          CreationTime: facts.creationTime,
          Object: facts.key,
          Url: facts.url,
          Label: label,
          Result: verdict.result,
          Score: frame.findings[top].score,
          Category: topWords.category,
          SubLabel: topWords.subLabel,
          Text: ocr,
          ...Object.fromEntries(SCENES.map((scene) => [SCENE_WORDS[scene].detailKey, detailInfo(scene)])),
          BucketId: facts.bucket,
          Region: facts.region,
          ForbidState: forbid,
          CosHeaders: facts.cosHeaders,
        },
      },
      simple: simpleForm({
        event: 'ReviewImage',
        forbid,
        scenes: SCENES,
        sceneInfo: simpleInfo,
        result: verdict.result,
        facts,
      }),
    };
  },
};
