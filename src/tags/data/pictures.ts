/**
 * Pictures as CI's picture jobs meet them: the sizes people upload, the names COS's image info gives formats,
 * picture-processing templates, and what ImageInspect finds hidden in a picture. Used by PicProcess, ImageInspect
 * and ImageOCR.
 */

/** Width × height of uploaded pictures: phone photos, screenshots, banners, squares. */
export const PICTURE_SIZES: readonly (readonly [number, number])[] = [
  [4032, 3024],
  [3024, 4032],
  [1920, 1080],
  [1080, 1920],
  [2048, 1536],
  [1280, 720],
  [1242, 2688],
  [750, 1334],
  [800, 800],
  [1200, 1200],
  [2560, 1440],
];

/** ImageInfo.Format by file extension, as COS's image info reports it. */
export const IMAGE_FORMAT_NAMES: Readonly<Record<string, string>> = { jpg: 'JPEG', png: 'PNG', webp: 'WEBP' };

/** Names people give picture-processing templates. */
export const PIC_TEMPLATE_NAMES = [
  'picprocess_thumbnail',
  'thumbnail-640',
  'webp-compress',
  '缩略图模板',
  '图片压缩',
] as const;

/** How a picture-processing template shrinks: by percentage, or to a width (never enlarging). */
export const THUMBNAIL_PERCENTAGES = [25, 50, 75] as const;
export const THUMBNAIL_WIDTHS = [480, 640, 800, 1080, 1280] as const;

/** Folders processed pictures are written to. */
export const PIC_OUTPUT_FOLDERS = ['output/', 'thumbnail/', 'pic/processed/'] as const;

/** Containers ImageInspect finds appended to a picture (video segments smuggled as images). */
export const SUSPICIOUS_TYPES = ['MPEG-TS', 'MP4', 'FLV'] as const;

/** ImageInspect.ProcessType: what CI does with a suspicious picture when AutoProcess is on. */
export const INSPECT_PROCESS_TYPES = ['BackupObject', 'SwitchObjectToPrivate', 'DeleteObject'] as const;
