/**
 * @module moderation/job-facts
 * What every moderation job has, drawn the same way for each kind: its JobId (a time-based UUID, so it encodes
 * the CreationTime), bucket and region, the object and its URL, the upload-time headers CosHeaders echoes, and
 * whether the object was frozen. Segment URLs (snapshots, audio slices, document pages) are signed COS URLs,
 * valid for the two hours the documentation promises.
 */
import type { Faker } from '@faker-js/faker';
import { uuidV1Hex } from '../core/ids.ts';
import { bucketId, inputObject, region } from '../core/objects.ts';
import { formatReviewTime } from '../core/time.ts';
import type { MediaKind } from '../core/types.ts';
import { COS_META_HEADERS, COS_META_SOURCES, JOB_ID_PREFIX } from './data/content.ts';
import type { JsonObject, ReviewKind } from './types.ts';
import type { ResultCode } from './verdicts.ts';

export interface JobFacts {
  jobId: string;
  creationMs: number;
  creationTime: string;
  bucket: string;
  region: string;
  /** The object key moderated (none for a web page or a live stream). */
  key: string;
  extension: string;
  /** `https://<bucket>.cos.<region>.myqcloud.com/<key>` */
  url: string;
  /** `x-cos-meta-*` headers set at upload. */
  cosHeaders: JsonObject;
}

export interface JobFactsOptions {
  kind: ReviewKind;
  media: MediaKind;
  referenceDate: Date;
  extensions?: readonly string[];
}

/** Jobs fall within the 30 days before the reference date. */
const WINDOW_MS = 30 * 24 * 3600 * 1000;

export function jobFacts(faker: Faker, options: JobFactsOptions): JobFacts {
  const creationMs = options.referenceDate.getTime() - faker.number.int({ min: 60_000, max: WINDOW_MS });
  const bucket = bucketId(faker);
  const where = region(faker);
  const object = inputObject(faker, {
    kind: options.media,
    bucket,
    region: where,
    ...(options.extensions ? { extensions: options.extensions } : {}),
  });
  return {
    jobId: JOB_ID_PREFIX[options.kind] + uuidV1Hex(faker, creationMs),
    creationMs,
    creationTime: formatReviewTime(creationMs),
    bucket,
    region: where,
    key: object.key,
    extension: object.extension,
    url: objectUrl(bucket, where, object.key),
    cosHeaders: cosHeaders(faker),
  };
}

export function objectUrl(bucket: string, where: string, key: string): string {
  return `https://${bucket}.cos.${where}.myqcloud.com/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function cosHeaders(faker: Faker): JsonObject {
  const headers: JsonObject = {};
  const count = faker.number.int({ min: 1, max: COS_META_HEADERS.length });
  for (const [name, what] of COS_META_HEADERS.slice(0, count)) {
    headers[name] =
      what === 'source'
        ? faker.helpers.arrayElement(COS_META_SOURCES)
        : faker.string.numeric({ length: 8, allowLeadingZeros: false });
  }
  return headers;
}

/**
 * `ForbidState` / `forbidden_status`: a violation may have frozen the object (1, private-read) or moved it
 * (2, to audit_freeze_backup/) when the bucket's policy freezes; anything else is 0.
 */
export function forbidState(faker: Faker, result: ResultCode): 0 | 1 | 2 {
  if (result !== 1) return 0;
  return faker.helpers.weightedArrayElement([
    { weight: 6, value: 0 },
    { weight: 3, value: 1 },
    { weight: 1, value: 2 },
  ] as const);
}

/** A presigned COS URL of a file CI wrote for the job (a frame, an audio slice, a page image). */
export function signedUrl(faker: Faker, facts: JobFacts, path: string): string {
  const start = Math.floor(facts.creationMs / 1000) + faker.number.int({ min: 5, max: 600 });
  const window = `${start};${start + 7200}`;
  const signature = faker.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' });
  const ak = `AKID${faker.string.alphanumeric({ length: 32 })}`;
  return (
    `${objectUrl(facts.bucket, facts.region, path)}?q-sign-algorithm=sha1&q-ak=${ak}` +
    `&q-sign-time=${encodeURIComponent(window)}&q-key-time=${encodeURIComponent(window)}` +
    `&q-header-list=&q-url-param-list=&q-signature=${signature}`
  );
}
