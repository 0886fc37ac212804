/**
 * @module media/output-nodes
 * The nodes that say where a job wrote its files (catalog §2): Output, MediaResult and its OutputFile with one
 * Md5Info per file. Their checks are in ./output-node-checks.ts.
 */
import type { Faker } from '@faker-js/faker';
import { md5 } from '../ids.ts';
import { sortKeys } from '../tree.ts';
import type { InputObject, Tree } from '../types.ts';
import { namesFromPattern, patternPrefix } from './output-names.ts';

export interface OutputOptions {
  bucket: string;
  region: string;
  object: string;
  /** Extra children (SpriteObject, AuObject, StreamExtract…), placed after Object in alphabetical order. */
  extra?: Tree;
}

/** `Output { Bucket, Object, Region, … }` in alphabetical order, as the samples show it. */
export function output({ bucket, region, object, extra = {} }: OutputOptions): Tree {
  return sortKeys({ Bucket: bucket, Object: object, Region: region, ...extra });
}

export interface OutputFileOptions {
  bucket: string;
  region: string;
  /** Names as CI lists them (full keys, or relative to objectPrefix). */
  objectNames: readonly string[];
  objectPrefix?: string;
  /**
   * `per-file`: one Md5Info {Md5, ObjectName} per file, the ObjectName the full key (ObjectPrefix + ObjectName, as
   * Segment's callbacks show); `none`: an empty `<Md5Info/>` (image outputs).
   */
  md5: 'per-file' | 'none';
  /** Snapshot's sprite sheet outputs. */
  sprite?: Omit<OutputFileOptions, 'sprite'>;
}

/** `OutputFile { Bucket, Md5Info*, ObjectName*, ObjectPrefix, Region }`. */
export function outputFile(faker: Faker, options: OutputFileOptions): Tree {
  const prefix = options.objectPrefix ?? '';
  const file: Tree = {
    Bucket: options.bucket,
    Md5Info:
      options.md5 === 'none'
        ? ''
        : options.objectNames.map((name) => ({ Md5: md5(faker), ObjectName: `${prefix}${name}` })),
    ObjectName: [...options.objectNames],
    ObjectPrefix: prefix,
    Region: options.region,
  };
  if (options.sprite) file['SpriteOutputFile'] = outputFile(faker, options.sprite);
  return file;
}

/** `MediaResult { OutputFile }`. */
export function mediaResult(faker: Faker, options: OutputFileOptions): Tree {
  return { OutputFile: outputFile(faker, options) };
}

export interface PatternOutputOptions {
  /** The input object: the job writes to its bucket and region. */
  input: Pick<InputObject, 'bucket' | 'region'>;
  /** Output.Object as the job echoes it, CI's variables unexpanded. */
  pattern: string;
  /** What CI puts for `${ext}`: the extension of the container it writes. */
  ext?: string;
  /** How many files the pattern names (`${Number}` counting from 0); one by default. */
  count?: number;
  /**
   * List the names relative to ObjectPrefix, the pattern's text before `${Number}` (Segment, as Snapshot does);
   * by default they are full keys under an empty ObjectPrefix.
   */
  underPrefix?: boolean;
}

/**
 * `MediaResult` listing the files an Output pattern names, each with its Md5Info, and the `Output` that echoes the
 * pattern: what a media job that writes audio/video files next to its input sends.
 */
export function patternOutputs(
  faker: Faker,
  { input, pattern, ext, count = 1, underPrefix = false }: PatternOutputOptions,
): { MediaResult: Tree; Output: Tree } {
  const location = { bucket: input.bucket, region: input.region };
  const prefix = underPrefix ? patternPrefix(pattern) : '';
  return {
    MediaResult: mediaResult(faker, {
      ...location,
      objectNames: namesFromPattern(pattern, { count, prefix, ext }),
      objectPrefix: prefix,
      md5: 'per-file',
    }),
    Output: output({ ...location, object: pattern }),
  };
}
