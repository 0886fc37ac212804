/**
 * PicProcess: CI's picture processing with a template (a thumbnail, often in another format), a picture job.
 * Follows the documented sample: a `c` JobId, an empty Message, Operation {Output, PicProcessResult, TemplateId,
 * TemplateName, UserData, JobLevel}, and the result's flat shape: ObjectName, OriginalInfo {Etag, ImageInfo{Ave,
 * Format, Height, Orientation, Quality, Width}} with the format as COS's image info names it ("JPEG"), and
 * ProcessResult {Etag (empty), Format, Height, Quality, Size, Width} with the output's extension ("jpg").
 * The processed picture keeps the original's aspect ratio and never grows; ObjectName is Output.Object.
 * Callback page: https://cloud.tencent.com/document/api/436/85072 (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { etag } from '../core/ids.ts';
import { objectStem } from '../core/media/output-names.ts';
import { output } from '../core/media/output-nodes.ts';
import { aspectProblem } from '../core/media/profile-checks.ts';
import { text } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import {
  IMAGE_FORMAT_NAMES,
  PIC_OUTPUT_FOLDERS,
  PIC_TEMPLATE_NAMES,
  PICTURE_SIZES,
  THUMBNAIL_PERCENTAGES,
  THUMBNAIL_WIDTHS,
} from './data/pictures.ts';

const RESULT = 'Operation.PicProcessResult';

/** Bytes per pixel of a compressed picture at quality 100; lower qualities shrink lossy formats. */
const BYTES_PER_PIXEL: Readonly<Record<string, number>> = { jpg: 0.45, webp: 0.3, png: 1.6 };

/** Thumbnail by percentage or to a width, never enlarging, keeping the aspect ratio. */
function thumbnail(faker: Faker, width: number, height: number): { width: number; height: number } {
  if (faker.datatype.boolean()) {
    const percent = faker.helpers.arrayElement(THUMBNAIL_PERCENTAGES);
    return { width: Math.round((width * percent) / 100), height: Math.round((height * percent) / 100) };
  }
  const target = Math.min(width, faker.helpers.arrayElement(THUMBNAIL_WIDTHS));
  return { width: target, height: Math.round((height * target) / width) };
}

export default defineTag({
  tag: 'PicProcess',
  family: 'pic',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/85072',
  summary: 'Picture processing: a picture scaled and re-encoded by a template, with before and after info.',
  resultNode: 'PicProcessResult',
  inputKind: 'image',
  processingSeconds: [1, 5],
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const [width, height] = faker.helpers.arrayElement(PICTURE_SIZES);
    const originalQuality = input.extension === 'png' ? 100 : faker.number.int({ min: 75, max: 98 });
    const format = faker.helpers.weightedArrayElement([
      { value: input.extension, weight: 3 },
      { value: 'webp', weight: 2 },
      { value: 'jpg', weight: 1 },
    ]);
    const scaled = thumbnail(faker, width, height);
    const quality = format === 'png' ? 100 : faker.number.int({ min: 60, max: 90 });
    const lossy = format === 'png' ? 1 : quality / 100;
    const bytesPerPixel = (BYTES_PER_PIXEL[format] ?? 1) * lossy * faker.number.float({ min: 0.6, max: 1.4 });
    const object = `${faker.helpers.arrayElement(PIC_OUTPUT_FOLDERS)}${objectStem(input.key)}_${scaled.width}w.${format}`;
    return {
      operation: {
        Output: output({ bucket: input.bucket, region: input.region, object }),
        PicProcessResult: {
          ObjectName: object,
          OriginalInfo: {
            Etag: etag(faker),
            ImageInfo: {
              Ave: `0x${faker.string.hexadecimal({ length: 6, casing: 'lower', prefix: '' })}`,
              Format: IMAGE_FORMAT_NAMES[input.extension] ?? input.extension.toUpperCase(),
              Height: height,
              Orientation: 1,
              Quality: originalQuality,
              Width: width,
            },
          },
          ProcessResult: {
            Etag: '',
            Format: format,
            Height: scaled.height,
            Quality: quality,
            Size: Math.max(1_000, Math.round(scaled.width * scaled.height * bytesPerPixel)),
            Width: scaled.width,
          },
        },
        ...template(faker, PIC_TEMPLATE_NAMES),
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: "ProcessResult keeps OriginalInfo's aspect ratio and is no larger",
      check: (job) => {
        const original = size(job, `${RESULT}.OriginalInfo.ImageInfo`);
        const processed = size(job, `${RESULT}.ProcessResult`);
        if (!original || !processed) return undefined;
        if (processed.width > original.width || processed.height > original.height)
          return `${processed.width}x${processed.height} is larger than ${original.width}x${original.height}`;
        return aspectProblem(original, processed);
      },
    },
    {
      name: 'ObjectName is Output.Object, a file of ProcessResult.Format',
      check: (job) => {
        const name = text(job, `${RESULT}.ObjectName`);
        if (name === undefined) return undefined;
        if (name !== text(job, 'Operation.Output.Object'))
          return `ObjectName ${name} is not Output.Object ${text(job, 'Operation.Output.Object')}`;
        const format = text(job, `${RESULT}.ProcessResult.Format`);
        return name.endsWith(`.${format}`) ? undefined : `ObjectName ${name} is not a .${format}`;
      },
    },
    {
      name: 'OriginalInfo describes the input object: its format, and a COS ETag (a quoted MD5)',
      check: (job) => {
        const format = text(job, `${RESULT}.OriginalInfo.ImageInfo.Format`);
        if (format === undefined) return undefined;
        const extension = (text(job, 'Input.Object') ?? '').split('.').at(-1) ?? '';
        if (IMAGE_FORMAT_NAMES[extension] !== format) return `Format ${format} for a .${extension}`;
        const tag = text(job, `${RESULT}.OriginalInfo.Etag`) ?? '';
        return /^"[0-9a-f]{32}"$/.test(tag) ? undefined : `OriginalInfo.Etag ${tag} is not a quoted MD5`;
      },
    },
    {
      name: 'qualities are 1–100 with a PNG lossless, and ProcessResult.Etag is empty as CI sends it',
      check: (job) => {
        if (text(job, `${RESULT}.ProcessResult.Etag`) === undefined) return undefined;
        if (text(job, `${RESULT}.ProcessResult.Etag`) !== '') return 'ProcessResult.Etag is not empty';
        for (const path of [`${RESULT}.OriginalInfo.ImageInfo`, `${RESULT}.ProcessResult`]) {
          const quality = Number(text(job, `${path}.Quality`));
          if (!(Number.isInteger(quality) && quality >= 1 && quality <= 100))
            return `${path}.Quality ${quality}`;
          const format = (text(job, `${path}.Format`) ?? '').toLowerCase();
          if (format === 'png' && quality !== 100) return `a PNG with Quality ${quality}`;
        }
        return undefined;
      },
    },
  ],
});

function size(job: Job, path: string): { width: number; height: number } | undefined {
  const width = text(job, `${path}.Width`);
  const height = text(job, `${path}.Height`);
  return width === undefined || height === undefined
    ? undefined
    : { width: Number(width), height: Number(height) };
}
