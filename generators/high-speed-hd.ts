/**
 * HighSpeedHd (极速高清): CI's transcode that keeps the picture quality at a lower bitrate (Top Speed Codec),
 * as a template sets it.
 * No callback page or parameter node was found: the Tag occurs as a job/template Tag in the SDK's examples, and we
 * give it the generic media shape the catalog names (UNVERIFIED): MediaInfo of the input (integer style, as
 * Transcode sends it), MediaResult with the one output file and its Md5Info, Output, TemplateId/TemplateName,
 * then UserData and JobLevel.
 * Source: https://github.com/tencentyun/cos-go-sdk-v5/tree/master/example/CI (catalog §3, SDK-only Tags).
 */
import { defineTag } from '../src/core/define-tag.ts';
import { processingByDuration, templateJobOperation } from '../src/core/media.ts';
import { MEDIA_INVARIANTS, outputNameInvariant } from '../src/core/media-checks.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

const CONTAINERS = OUTPUT_CONTAINERS.HighSpeedHd;

export default defineTag({
  tag: 'HighSpeedHd',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/tree/master/example/CI',
  summary: 'High-speed HD: a video transcoded at a lower bitrate for the same picture quality.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([5, 15], [0.3, 1.2]),
  jsonShape: 'object',
  lists: [],
  build: ({ faker, tag, input }) => ({
    operation: templateJobOperation(faker, {
      tag,
      input,
      containers: CONTAINERS,
      extensions: CONTAINER_EXTENSIONS,
      folders: OUTPUT_FOLDERS.HighSpeedHd,
      suffixes: ['', '-tshd', '_hd'],
      templateNames: TEMPLATE_NAMES.HighSpeedHd,
    }),
  }),
  invariants: [
    ...MEDIA_INVARIANTS,
    outputNameInvariant(CONTAINERS.map((format) => CONTAINER_EXTENSIONS[format] ?? format)),
  ],
});
