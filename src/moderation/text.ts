/**
 * @module moderation/text
 * ReviewText (`POST /text/auditing` of a text object): the text cut into sections of 10,000 characters
 * (`StartByte` is a section's first character), four scenes (porn, ads, illegal, abuse) whose section findings
 * carry a Score and the matched `Keywords` as one comma-separated string. Job-level scenes carry a Count of
 * the sections that hit. Simple is CI's default. What `CallbackType` means for text is not published, so every
 * section is always sent.
 */
import { SCENE_WORDS, SCENES, type Scene } from './data/scenes.ts';
import { hitWords, verdictLabel } from './hit-words.ts';
import { forbidState, jobFacts } from './job-facts.ts';
import { simpleForm } from './simple-form.ts';
import type { JsonObject, ReviewKindDefinition } from './types.ts';
import { drawVerdict, sceneSummary } from './verdicts.ts';

/** The order of scenes inside a section, as CI's sample has it. */
const SECTION_SCENES: readonly Scene[] = ['porn', 'illegal', 'abuse', 'ads'];
const SECTION_CHARS = 10_000;

export const text: ReviewKindDefinition = {
  kind: 'text',
  eventName: 'ReviewText',
  description: 'a text object (/text/auditing): sections of 10,000 characters',
  versions: ['simple', 'detail'],
  callbackTypes: false,
  build(faker, context) {
    const facts = jobFacts(faker, {
      kind: 'text',
      media: 'text',
      referenceDate: context.referenceDate,
    });
    const characters = faker.helpers.weightedArrayElement([
      { weight: 7, value: faker.number.int({ min: 20, max: SECTION_CHARS }) },
      { weight: 3, value: faker.number.int({ min: SECTION_CHARS + 1, max: 5 * SECTION_CHARS }) },
    ]);
    const count = Math.ceil(characters / SECTION_CHARS);
    const verdict = drawVerdict(faker, { result: context.result, count, scenes: SCENES });
    const matched = new Map<Scene, string>();

    const sections = verdict.segments.map((segment, index): JsonObject => {
      const infos: JsonObject = {};
      for (const scene of SECTION_SCENES) {
        const finding = segment.findings[scene];
        const words = hitWords(faker, scene, finding);
        if (words.keywords.length > 0 && !matched.has(scene)) matched.set(scene, words.keywords[0] ?? '');
        infos[SCENE_WORDS[scene].detailKey] = {
          HitFlag: finding.hitFlag,
          Score: finding.score,
          Keywords: words.keywords.join(','),
        };
      }
      return {
        StartByte: index * SECTION_CHARS,
        Label: verdictLabel(verdict.scene, segment.result),
        Result: segment.result,
        ...infos,
      };
    });
    const forbid = forbidState(faker, verdict.result);
    const summary = (scene: Scene) => sceneSummary(verdict, scene);

    return {
      detail: {
        EventName: 'ReviewText',
        JobsDetail: {
          JobId: facts.jobId,
          State: 'Success',
          CreationTime: facts.creationTime,
          Object: facts.key,
          Label: verdictLabel(verdict.scene, verdict.result),
          Result: verdict.result,
          SectionCount: count,
          ...Object.fromEntries(
            SCENES.map((scene) => [
              SCENE_WORDS[scene].detailKey,
              { HitFlag: summary(scene).hitFlag, Count: summary(scene).count },
            ]),
          ),
          Section: sections,
          BucketId: facts.bucket,
          Region: facts.region,
          ForbidState: forbid,
          CosHeaders: facts.cosHeaders,
        },
      },
      simple: simpleForm({
        event: 'ReviewText',
        forbid,
        scenes: SCENES,
        sceneInfo: (scene) => ({
          hit_flag: summary(scene).hitFlag,
          label: matched.get(scene) ?? '',
          count: summary(scene).count,
        }),
        result: verdict.result,
        facts,
      }),
    };
  },
};
