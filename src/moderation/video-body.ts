/**
 * @module moderation/video-body
 * What a video file and a live stream share: frames taken at intervals (`Snapshot[]`), the audio track cut
 * into 30-second sections (`AudioSection[]`), scene Counts of the frames that hit, in both forms. The two kinds
 * differ in where the media is (an object key or a stream URL), in their clock (milliseconds from the start of
 * the file, or unix milliseconds of the stream) and in their states; video.ts and live.ts say which.
 */
import type { Faker } from '@faker-js/faker';
import { OCR_LINES, SPEECH_LINES } from './data/content.ts';
import { SCENE_WORDS, type Scene } from './data/scenes.ts';
import { hitWords, verdictLabel } from './hit-words.ts';
import { type JobFacts, signedUrl } from './job-facts.ts';
import type { CallbackType, JsonObject, ReviewForms, ReviewResult } from './types.ts';
import { drawVerdict, keptSegments, sceneSummary } from './verdicts.ts';

const SCENES: readonly Scene[] = ['porn', 'ads'];
/** CI cuts a track into sections of this length; the last one is shorter. */
export const AUDIO_SECTION_MS = 30_000;

export interface VideoBodyOptions {
  facts: JobFacts;
  result: ReviewResult;
  callbackType: CallbackType;
  /** How long the media (or, live, the stretch this callback covers) lasts. */
  durationMs: number;
  /** Time of the first frame: 0 for a file, the stream's unix milliseconds for live. */
  clockStartMs: number;
  /** Whether the job also moderated the audio track (`DetectContent` 1). */
  withAudio: boolean;
  state: 'Success' | 'Auditing';
  /** The Detail fields that say what was moderated (`Object`, or `Url` and `Type` for live). */
  source: JsonObject;
  /** The Simple `url`. */
  url: string;
  forbidState: 0 | 1 | 2;
  /** CosHeaders, when the media is a COS object. */
  cosHeaders?: JsonObject;
}

export function videoBody(faker: Faker, options: VideoBodyOptions): ReviewForms {
  const { facts, durationMs } = options;
  const frameCount = faker.number.int({ min: 3, max: 24 });
  const interval = Math.floor(durationMs / frameCount);
  const verdict = drawVerdict(faker, { result: options.result, count: frameCount, scenes: SCENES });

  const frames = verdict.segments.map((segment, index): JsonObject => {
    const words = Object.fromEntries(
      SCENES.map((scene) => [scene, hitWords(faker, scene, segment.findings[scene])]),
    );
    const hit = verdict.scene && segment.result !== 0 ? words[verdict.scene] : undefined;
    const text =
      hit?.ocrText ??
      faker.helpers.maybe(() => faker.helpers.arrayElement(OCR_LINES), { probability: 0.15 }) ??
      '';
    return {
      Url: signedUrl(faker, facts, `audit/snapshot/${facts.jobId}/${index}.jpg`),
      Text: text,
      SnapshotTime: options.clockStartMs + index * interval,
      Label: verdictLabel(verdict.scene, segment.result),
      Result: segment.result,
      ...Object.fromEntries(
        SCENES.map((scene) => [
          SCENE_WORDS[scene].detailKey,
          {
            HitFlag: segment.findings[scene].hitFlag,
            Score: segment.findings[scene].score,
            Label: words[scene]?.label ?? '',
            SubLabel: words[scene]?.subLabel ?? '',
          },
        ]),
      ),
    };
  });

  // The audio track is moderated too but reported normal: the verdict is carried by the frames, whose
  // count is what `count`/`Count` reports (see docs/moderation.md).
  const sectionCount = options.withAudio ? Math.ceil(durationMs / AUDIO_SECTION_MS) : 0;
  const sections = Array.from({ length: sectionCount }, (_, index): JsonObject => {
    const offset = index * AUDIO_SECTION_MS;
    return {
      Url: signedUrl(faker, facts, `audit/audio/${facts.jobId}/${index}.mp3`),
      Text: faker.helpers.arrayElement(SPEECH_LINES),
      OffsetTime: options.clockStartMs + offset,
      Duration: Math.min(AUDIO_SECTION_MS, durationMs - offset),
      Label: 'Normal',
      Result: 0,
      ...Object.fromEntries(
        SCENES.map((scene) => [SCENE_WORDS[scene].detailKey, { HitFlag: 0, Score: faker.number.int(15) }]),
      ),
    };
  });

  const label = verdictLabel(verdict.scene, verdict.result);
  const summaries = Object.fromEntries(SCENES.map((scene) => [scene, sceneSummary(verdict, scene)]));
  return {
    detail: {
      EventName: 'ReviewVideo',
      JobsDetail: {
        JobId: facts.jobId,
        State: options.state,
        CreationTime: facts.creationTime,
        ...options.source,
        Label: label,
        Result: verdict.result,
        SnapshotCount: frameCount,
        ...Object.fromEntries(
          SCENES.map((scene) => [
            SCENE_WORDS[scene].detailKey,
            { HitFlag: summaries[scene]?.hitFlag ?? 0, Count: summaries[scene]?.count ?? 0 },
          ]),
        ),
        Snapshot: keptSegments(frames, verdict.segments, options.callbackType),
        ...(options.withAudio ? { AudioSection: options.callbackType === 2 ? [] : sections } : {}),
        BucketId: facts.bucket,
        Region: facts.region,
        ForbidState: options.forbidState,
        ...(options.cosHeaders ? { CosHeaders: options.cosHeaders } : {}),
      },
    },
    simple: {
      code: 0,
      message: 'success',
      data: {
        event: 'ReviewVideo',
        forbidden_status: options.forbidState,
        ...Object.fromEntries(
          SCENES.map((scene) => [
            SCENE_WORDS[scene].simpleKey,
            // `label` is documented as "currently empty" for video.
            { hit_flag: summaries[scene]?.hitFlag ?? 0, label: '', count: summaries[scene]?.count ?? 0 },
          ]),
        ),
        result: verdict.result,
        trace_id: facts.jobId,
        url: options.url,
        ...(options.cosHeaders ? { cos_headers: options.cosHeaders } : {}),
      },
    },
  };
}
