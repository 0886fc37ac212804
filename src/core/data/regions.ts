/** COS regions where CI (数据万象) runs media processing; the mainland ones dominate real traffic. */
export const CI_REGIONS = [
  'ap-beijing',
  'ap-shanghai',
  'ap-guangzhou',
  'ap-chengdu',
  'ap-chongqing',
  'ap-nanjing',
  'ap-hongkong',
  'ap-singapore',
  'ap-mumbai',
  'ap-seoul',
  'ap-bangkok',
  'ap-tokyo',
  'na-siliconvalley',
  'na-ashburn',
  'eu-frankfurt',
] as const;

/** Stems bucket names are made from; a bucket is `<stem>-<10-digit appid>`. */
export const BUCKET_STEMS = [
  'media',
  'video-prod',
  'vod-assets',
  'ugc-upload',
  'live-record',
  'audio-store',
  'img-cdn',
  'docs-archive',
  'content',
  'edu-course',
  'shortvideo',
  'podcast',
  'test',
  'dev-media',
] as const;

/** Folders input objects are uploaded to. */
export const OBJECT_FOLDERS = [
  'input/',
  'upload/',
  'videos/',
  'raw/',
  'user/',
  'source/',
  'media/',
  '',
] as const;
