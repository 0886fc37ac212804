/**
 * TranscodePro: CI's professional transcode, to the mezzanine and broadcast formats editors and TV stations
 * take (Apple ProRes in .mov, XAVC/XDCAM in .mxf), as a template sets them.
 * No callback page or parameter node was found: the Tag occurs as a job/template Tag in the SDK's examples, so it
 * has the generic media shape of src/core/template-job-tag.ts (UNVERIFIED); what is its own is below.
 */
import { defineTemplateJobTag } from '../core/template-job-tag.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

export default defineTemplateJobTag({
  tag: 'TranscodePro',
  summary: 'Transcode Pro: a video transcoded to a professional format (ProRes, XAVC) by a template.',
  processing: { base: [10, 30], perInputSecond: [0.5, 2] },
  containers: OUTPUT_CONTAINERS.TranscodePro,
  extensions: CONTAINER_EXTENSIONS,
  folders: OUTPUT_FOLDERS.TranscodePro,
  suffixes: ['', '-master', '_prores'],
  templateNames: TEMPLATE_NAMES.TranscodePro,
});
