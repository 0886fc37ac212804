/**
 * @module moderation/live
 * A live stream's moderation (`POST /video/auditing` with `Type=live_video`): called back as ReviewVideo, told
 * apart only by `Type: live_video` in Detail. While the stream runs CI calls back repeatedly with `State:
 * Auditing` and the frames taken since the last callback (SnapshotCount counts those), then once with
 * `Success`; frame and section times are unix milliseconds. A stream is no COS object: no CosHeaders, never
 * frozen (`forbidden_status` is always 0), and the published "full nodes" block, a copy of video's, is not
 * followed where it says otherwise (docs/moderation.md).
 */
import { LIVE_STREAM_HOSTS } from './data/content.ts';
import { jobFacts } from './job-facts.ts';
import type { ReviewKindDefinition } from './types.ts';
import { videoBody } from './video-body.ts';

export const live: ReviewKindDefinition = {
  kind: 'live',
  eventName: 'ReviewVideo',
  description: 'a live stream (/video/auditing, Type=live_video): Auditing callbacks, then Success',
  versions: ['simple', 'detail'],
  callbackTypes: true,
  build(faker, context) {
    const facts = jobFacts(faker, { kind: 'live', media: 'video', referenceDate: context.referenceDate });
    const host = faker.helpers.arrayElement(LIVE_STREAM_HOSTS);
    const appId = faker.number.int({ min: 10_000, max: 99_999 });
    const url = `https://${appId}.${host}/live/${faker.string.alphanumeric({ length: 12, casing: 'lower' })}.flv`;
    const auditing = context.liveState === 'auditing';
    // An Auditing callback covers the last stretch of the stream; the final one the whole of it.
    const durationMs = auditing
      ? faker.number.int({ min: 30, max: 120 }) * 1000
      : faker.number.int({ min: 5, max: 180 }) * 60_000;
    const clockStartMs = facts.creationMs + faker.number.int({ min: 1_000, max: 20_000 });
    return videoBody(faker, {
      facts,
      result: context.result,
      callbackType: context.callbackType,
      durationMs,
      clockStartMs,
      withAudio: faker.datatype.boolean(0.5),
      state: auditing ? 'Auditing' : 'Success',
      source: { Url: url, Type: 'live_video' },
      url,
      forbidState: 0,
    });
  },
};
