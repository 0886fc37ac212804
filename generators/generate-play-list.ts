/**
 * GeneratePlayList: CI packages a video as an adaptive-bitrate playlist (an HLS .m3u8 or a DASH .mpd),
 * with the renditions a template sets.
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

const CONTAINERS = OUTPUT_CONTAINERS.GeneratePlayList;

export default defineTag({
  tag: 'GeneratePlayList',
  family: 'media',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/tree/master/example/CI',
  summary: 'Generate playlist: a video packaged as an adaptive-bitrate HLS or DASH playlist.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: processingByDuration([5, 15], [0.4, 1.5]),
  jsonShape: 'object',
  lists: [],
  build: ({ faker, tag, input }) => ({
    operation: templateJobOperation(faker, {
      tag,
      input,
      containers: CONTAINERS,
      extensions: CONTAINER_EXTENSIONS,
      folders: OUTPUT_FOLDERS.GeneratePlayList,
      suffixes: ['', '-abr', '/index'],
      templateNames: TEMPLATE_NAMES.GeneratePlayList,
    }),
  }),
  invariants: [
    ...MEDIA_INVARIANTS,
    outputNameInvariant(CONTAINERS.map((format) => CONTAINER_EXTENSIONS[format] ?? format)),
  ],
});
