/** Names people give their CI workflows. */
export const WORKFLOW_NAMES = [
  'workflow-test',
  'ugc-transcode',
  'media-pipeline',
  'upload-process',
  'vod-publish',
  'asr-workflow',
  'cover-and-snapshot',
  'audio-pipeline',
  'doc-preview',
  '视频处理工作流',
  '上传自动转码',
  '短视频审核前处理',
] as const;

/** User data people attach to a job (echoed back in Operation.UserData). */
export const USER_DATA_TEMPLATES = [
  'This is my {tag} job.',
  '{"bizId":"{n}","source":"upload"}',
  'order-{n}',
  'uid={n}',
  '{tag}-{n}',
] as const;
