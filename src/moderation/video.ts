/**
 * @module moderation/video
 * ReviewVideo of a video file (`POST /video/auditing`): frames every few seconds, and with `DetectContent` 1 the
 * audio track in 30-second sections; times are milliseconds from the start of the file. Simple is CI's
 * default `CallbackVersion`.
 */
import { forbidState, jobFacts } from './job-facts.ts';
import type { ReviewKindDefinition } from './types.ts';
import { videoBody } from './video-body.ts';

export const video: ReviewKindDefinition = {
  kind: 'video',
  eventName: 'ReviewVideo',
  description: 'a video file (/video/auditing): snapshots and audio sections',
  versions: ['simple', 'detail'],
  callbackTypes: true,
  build(faker, context) {
    const facts = jobFacts(faker, { kind: 'video', media: 'video', referenceDate: context.referenceDate });
    const durationMs = faker.number.int({ min: 15, max: 600 }) * 1000 + faker.number.int(999);
    const forbid = forbidState(faker, context.result === 'violation' ? 1 : 0);
    return videoBody(faker, {
      facts,
      result: context.result,
      callbackType: context.callbackType,
      durationMs,
      clockStartMs: 0,
      withAudio: faker.datatype.boolean(0.7),
      state: 'Success',
      source: { Object: facts.key },
      url: facts.url,
      forbidState: forbid,
      cosHeaders: facts.cosHeaders,
    });
  },
};
