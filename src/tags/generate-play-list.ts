/**
 * GeneratePlayList: CI packages a video as an adaptive-bitrate playlist (an HLS .m3u8 or a DASH .mpd),
 * with the renditions a template sets.
 * No callback page or parameter node was found: the Tag occurs as a job/template Tag in the SDK's examples, so it
 * has the generic media shape of src/core/template-job-tag.ts (UNVERIFIED); what is its own is below.
 */
import { defineTemplateJobTag } from '../core/template-job-tag.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

export default defineTemplateJobTag({
  tag: 'GeneratePlayList',
  summary: 'Generate playlist: a video packaged as an adaptive-bitrate HLS or DASH playlist.',
  processing: { base: [5, 15], perInputSecond: [0.4, 1.5] },
  containers: OUTPUT_CONTAINERS.GeneratePlayList,
  extensions: CONTAINER_EXTENSIONS,
  folders: OUTPUT_FOLDERS.GeneratePlayList,
  suffixes: ['', '-abr', '/index'],
  templateNames: TEMPLATE_NAMES.GeneratePlayList,
});
