/**
 * The body the console sends to a callback URL when it is saved ("Test request when setting callback url"):
 * the "full nodes" Simple block of each kind's callback page (tencentcloud.com CI pages 49323 image, 48256 video,
 * 48268 audio, 48479 text, 49343 live), as published — a fixed body, the same every time, so it is data, not
 * drawn. Audio's has no `event`, as published; live's equals video's.
 */
import type { JsonObject } from '../types.ts';

const testData = (extra: JsonObject, url: string, scene: JsonObject): JsonObject => ({
  code: 0,
  data: {
    ...extra,
    forbidden_status: 0,
    porn_info: scene,
    result: 0,
    trace_id: 'test_trace_id',
    url,
    cos_headers: { 'x-cos-meta-xx': 'xx' },
  },
  message: 'Test request when setting callback url',
});

const SCORED = { hit_flag: 0, label: '', score: 9 };
const COUNTED = { hit_flag: 0, label: '', count: 0 };

export const CONSOLE_TESTS = {
  image: testData(
    { event: 'ReviewImage' },
    'https://examplebucket-1250000000.cos.ap-chengdu.myqcloud.com/test.jpg',
    SCORED,
  ),
  video: testData({ event: 'ReviewVideo' }, 'test_url', COUNTED),
  live: testData({ event: 'ReviewVideo' }, 'test_url', COUNTED),
  audio: testData({}, 'test_audio', SCORED),
  text: testData({ event: 'ReviewText' }, 'test_url', COUNTED),
} as const satisfies Record<string, JsonObject>;
