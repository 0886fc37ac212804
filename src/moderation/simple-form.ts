/**
 * @module moderation/simple-form
 * The Simple form of a one-object job (image, audio, text): `{ code, message, data }`, the scenes' infos between
 * the event and the result, in the order CI's samples give. Video and live build theirs in video-body.ts.
 */
import type { Scene } from './data/scenes.ts';
import { SCENE_WORDS } from './data/scenes.ts';
import type { JobFacts } from './job-facts.ts';
import type { JsonObject, ReviewEventName } from './types.ts';

export interface SimpleFormOptions {
  event: ReviewEventName;
  forbid: number;
  scenes: readonly Scene[];
  /** A scene's info in the Simple form's words (`hit_flag`, `label`, `score` or `count`). */
  sceneInfo: (scene: Scene) => JsonObject;
  result: number;
  facts: JobFacts;
}

export function simpleForm({
  event,
  forbid,
  scenes,
  sceneInfo,
  result,
  facts,
}: SimpleFormOptions): JsonObject {
  return {
    code: 0,
    message: 'success',
    data: {
      forbidden_status: forbid,
      event,
      ...Object.fromEntries(scenes.map((scene) => [SCENE_WORDS[scene].simpleKey, sceneInfo(scene)])),
      result,
      trace_id: facts.jobId,
      url: facts.url,
      cos_headers: facts.cosHeaders,
    },
  };
}
