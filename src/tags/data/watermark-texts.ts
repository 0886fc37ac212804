/**
 * Texts people embed as a digital watermark (DigitalWatermark, the sub-step of SuperResolution) and get back from
 * ExtractDigitalWatermark: user and order ids, copyright lines, short codes like the documented `123456789ab`.
 */
export const WATERMARK_TEXTS = [
  '123456789ab',
  'copyright-2024',
  'uid_10086',
  'order-20240611-0931',
  'vod_asset_7781',
  '版权所有-禁止转载',
  '内部资料*请勿外传',
  'CP_tencent_ci',
  'studio-a_cut3',
  '用户_52013',
  'lecture-ch07',
  'trace*a9f3c1',
] as const;

/** CI's limits on a Text watermark: at most 64 characters of Chinese, letters, digits, `_`, `-` and `*`. */
export const WATERMARK_TEXT = /^[\p{Script=Han}A-Za-z0-9_*-]{1,64}$/u;
