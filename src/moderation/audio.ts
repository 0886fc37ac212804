/**
 * @module moderation/audio
 * ReviewAudio (`POST /audio/auditing`): the recognized speech (`AudioText`) and the file cut into 30-second
 * sections, each with its transcript and verdict. Scenes carry a Score, and `label` names the keyword heard.
 * Simple is CI's default `CallbackVersion`.
 */
import { SPEECH_LINES } from './data/content.ts';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import { hitWords, verdictLabel } from './hit-words.ts';
import { forbidState, jobFacts, signedUrl } from './job-facts.ts';
import { simpleForm } from './simple-form.ts';
import type { JsonObject, ReviewKindDefinition } from './types.ts';
import { drawVerdict, keptSegments, sceneSummary } from './verdicts.ts';

const SCENES: readonly Scene[] = ['porn', 'ads'];
const SECTION_MS = 30_000;

export const audio: ReviewKindDefinition = {
  kind: 'audio',
  eventName: 'ReviewAudio',
  description: 'an audio file (/audio/auditing): the transcript in 30-second sections',
  versions: ['simple', 'detail'],
  callbackTypes: true,
  build(faker, context) {
    const facts = jobFacts(faker, { kind: 'audio', media: 'audio', referenceDate: context.referenceDate });
    const durationMs = faker.number.int({ min: 10, max: 900 }) * 1000 + faker.number.int(999);
    const count = Math.ceil(durationMs / SECTION_MS);
    const verdict = drawVerdict(faker, { result: context.result, count, scenes: SCENES });
    const heard = new Map<Scene, string>();

    const sections = verdict.segments.map((segment, index): JsonObject => {
      const offset = index * SECTION_MS;
      let text: string = faker.helpers.arrayElement(SPEECH_LINES);
      if (verdict.scene && segment.result !== 0) {
        const words = hitWords(faker, verdict.scene, segment.findings[verdict.scene]);
        const keyword = words.keywords[0] ?? '';
        if (!heard.has(verdict.scene)) heard.set(verdict.scene, keyword);
        text = `${text}，${keyword}`;
      }
      return {
        Url: signedUrl(faker, facts, `audit/audio/${facts.jobId}/${index}.mp3`),
        Text: text,
        OffsetTime: offset,
        Duration: Math.min(SECTION_MS, durationMs - offset),
        Label: verdictLabel(verdict.scene, segment.result),
        Result: segment.result,
        ...Object.fromEntries(
          SCENES.map((scene) => [
            SCENE_WORDS[scene].detailKey,
            { HitFlag: segment.findings[scene].hitFlag, Score: segment.findings[scene].score },
          ]),
        ),
      };
    });
    const forbid = forbidState(faker, verdict.result);
    const summary = (scene: Scene) => sceneSummary(verdict, scene);

    return {
      detail: {
        EventName: 'ReviewAudio',
        JobsDetail: {
          JobId: facts.jobId,
          State: 'Success',
          CreationTime: facts.creationTime,
          Object: facts.key,
          Label: verdictLabel(verdict.scene, verdict.result),
          Result: verdict.result,
          AudioText: sections.map((section) => section['Text']).join(''),
          ...Object.fromEntries(
            SCENES.map((scene) => [
              SCENE_WORDS[scene].detailKey,
              { HitFlag: summary(scene).hitFlag, Score: summary(scene).score, Label: heard.get(scene) ?? '' },
            ]),
          ),
          Section: keptSegments(sections, verdict.segments, context.callbackType),
          BucketId: facts.bucket,
          Region: facts.region,
          ForbidState: forbid,
          CosHeaders: facts.cosHeaders,
        },
      },
      simple: simpleForm({
        event: 'ReviewAudio',
        forbid,
        scenes: SCENES,
        sceneInfo: (scene) => ({
          hit_flag: summary(scene).hitFlag,
          label: heard.get(scene) ?? '',
          score: summary(scene).score,
        }),
        result: verdict.result,
        facts,
      }),
    };
  },
};
