/**
 * TranscodePro: CI's professional transcode, to the mezzanine and broadcast formats editors and TV stations
 * take (Apple ProRes in .mov, XAVC/XDCAM in .mxf), as a template sets them.
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

const CONTAINERS = OUTPUT_CONTAINERS.TranscodePro;

export default defineTag({
  tag: 'TranscodePro',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/tree/master/example/CI',
  summary: 'Transcode Pro: a video transcoded to a professional format (ProRes, XAVC) by a template.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([10, 30], [0.5, 2]),
  jsonShape: 'object',
  lists: [],
  build: ({ faker, tag, input }) => ({
    operation: templateJobOperation(faker, {
      tag,
      input,
      containers: CONTAINERS,
      extensions: CONTAINER_EXTENSIONS,
      folders: OUTPUT_FOLDERS.TranscodePro,
      suffixes: ['', '-master', '_prores'],
      templateNames: TEMPLATE_NAMES.TranscodePro,
    }),
  }),
  invariants: [
    ...MEDIA_INVARIANTS,
    outputNameInvariant(CONTAINERS.map((format) => CONTAINER_EXTENSIONS[format] ?? format)),
  ],
});
