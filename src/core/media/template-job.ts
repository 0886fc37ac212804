/**
 * @module media/template-job
 * The Operation of a media template job: the generic shape of the Tags known only from the SDK's examples, and
 * the template and watermark parts other media Tags share. Their checks are in ./template-job-checks.ts.
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, template, userData } from '../common-nodes.ts';
import { templateId } from '../ids.ts';
import type { InputObject, Tree } from '../types.ts';
import { mediaInfo } from './media-info.ts';
import { outputPattern } from './output-names.ts';
import { patternOutputs } from './output-nodes.ts';
import { mediaOf } from './profile.ts';

/** Operation.WatermarkTemplateId: the watermark templates stamped during the job; none for most jobs, a few for some. */
export function watermarkTemplateIds(faker: Faker): string[] {
  const count = faker.helpers.weightedArrayElement([
    { value: 0, weight: 4 },
    { value: 1, weight: 3 },
    { value: 2, weight: 2 },
    { value: 3, weight: 1 },
  ]);
  return Array.from({ length: count }, () => templateId(faker));
}

export interface TemplateJobOptions {
  tag: string;
  input: InputObject;
  /** The containers the template may set (`Container.Format`; repeats weight the draw). */
  containers: readonly string[];
  /** `Container.Format` → the extension of the file CI writes; a format not listed is its own extension. */
  extensions: Readonly<Record<string, string>>;
  /** The Tag's output folders and the suffixes people add to the input's name. */
  folders: readonly string[];
  suffixes: readonly string[];
  templateNames: readonly string[];
}

/**
 * The Operation of a template job that writes one file, in the generic media shape the catalog gives the Tags known
 * only from the SDK's examples (GeneratePlayList, HighSpeedHd, TranscodePro, Watermark): MediaInfo of the input
 * (integer style, as Transcode sends it), MediaResult with the file and its Md5Info, Output, TemplateId and
 * TemplateName, then UserData and JobLevel.
 */
export function templateJobOperation(faker: Faker, options: TemplateJobOptions): Tree {
  const { input, folders, suffixes } = options;
  const format = faker.helpers.arrayElement(options.containers);
  const extension = options.extensions[format] ?? format;
  const pattern = outputPattern(faker, { inputKey: input.key, folders, suffixes, extension });
  return {
    MediaInfo: mediaInfo(mediaOf(input), 'integer'),
    ...patternOutputs(faker, { input, pattern, ext: extension }),
    ...template(faker, options.templateNames),
    UserData: userData(faker, options.tag),
    JobLevel: jobLevel(faker),
  };
}

/** A Text watermark as CI embeds it (DigitalWatermark) or reads it back (ExtractDigitalWatermark), version V1. */
export function textWatermark(faker: Faker, texts: readonly string[]): Tree {
  return { Message: faker.helpers.arrayElement(texts), Type: 'Text', Version: 'V1' };
}
