/**
 * @module objects
 * The input object a job reads: bucket, region, key, Content-Type and size, consistent with its media facts.
 */
import type { Faker } from '@faker-js/faker';
import { FILE_TYPES, OBJECT_STEMS, SIZE_RANGES } from './data/containers.ts';
import { BUCKET_STEMS, CI_REGIONS, OBJECT_FOLDERS } from './data/regions.ts';
import { mediaProfile } from './media/profile.ts';
import type { FileType, InputObject, MediaKind, MediaProfile } from './types.ts';

/** `<stem>-<10-digit appid>`: the shape of every COS bucket id. */
export function bucketId(faker: Faker): string {
  return `${faker.helpers.arrayElement(BUCKET_STEMS)}-${faker.number.int({ min: 1_250_000_000, max: 1_330_000_000 })}`;
}

export function region(faker: Faker): string {
  return faker.helpers.arrayElement(CI_REGIONS);
}

export function fileTypesOf(kind: MediaKind): FileType[] {
  return FILE_TYPES.filter((type) => type.kind === kind);
}

export function fileType(extension: string): FileType {
  const type = FILE_TYPES.find((candidate) => candidate.extension === extension);
  if (!type) throw new Error(`no file type for extension '${extension}'`);
  return type;
}

export interface InputObjectOptions {
  kind: MediaKind;
  bucket: string;
  region: string;
  /** Restricts the extension (e.g. SoundHound reads audio only as mp3/m4a). */
  extensions?: readonly string[];
  /** Seconds an audio/video input lasts. */
  durationRange?: readonly [number, number];
}

/** The file types an input may have, by kind and allowed extensions: the same few lists serve every payload. */
const inputTypes = new Map<string, FileType[]>();
const MAX_INPUT_TYPE_LISTS = 1_000;

function inputTypesOf(kind: MediaKind, extensions: readonly string[] | undefined): FileType[] {
  const key = extensions ? `${kind}:${extensions.join('/')}` : kind;
  let types = inputTypes.get(key);
  if (types === undefined) {
    types = fileTypesOf(kind).filter((type) => !extensions || extensions.includes(type.extension));
    if (inputTypes.size < MAX_INPUT_TYPE_LISTS) inputTypes.set(key, types);
  }
  return types;
}

export function inputObject(faker: Faker, options: InputObjectOptions): InputObject {
  const candidates = inputTypesOf(options.kind, options.extensions);
  const type = faker.helpers.arrayElement(candidates);
  const folder = faker.helpers.arrayElement(OBJECT_FOLDERS);
  const stem = faker.helpers.arrayElement(OBJECT_STEMS);
  const suffix = faker.helpers.maybe(() => `-${faker.string.numeric(4)}`, { probability: 0.6 }) ?? '';
  let media: MediaProfile | undefined;
  let size: number;
  if (type.kind === 'video' || type.kind === 'audio') {
    media = mediaProfile(faker, type, options.durationRange ? { durationRange: options.durationRange } : {});
    size = media.size;
  } else {
    const [min, max] = SIZE_RANGES[type.kind];
    size = faker.number.int({ min, max });
  }
  return {
    bucket: options.bucket,
    region: options.region,
    key: `${folder}${stem}${suffix}.${type.extension}`,
    extension: type.extension,
    contentType: type.contentType,
    size,
    kind: type.kind,
    media,
  };
}
