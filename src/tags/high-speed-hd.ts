/**
 * HighSpeedHd (极速高清): CI's transcode that keeps the picture quality at a lower bitrate (Top Speed Codec),
 * as a template sets it.
 * No callback page or parameter node was found: the Tag occurs as a job/template Tag in the SDK's examples, so it
 * has the generic media shape of src/core/template-job-tag.ts (UNVERIFIED); what is its own is below.
 */
import { defineTemplateJobTag } from '../core/template-job-tag.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

export default defineTemplateJobTag({
  tag: 'HighSpeedHd',
  summary: 'High-speed HD: a video transcoded at a lower bitrate for the same picture quality.',
  processing: { base: [5, 15], perInputSecond: [0.3, 1.2] },
  containers: OUTPUT_CONTAINERS.HighSpeedHd,
  extensions: CONTAINER_EXTENSIONS,
  folders: OUTPUT_FOLDERS.HighSpeedHd,
  suffixes: ['', '-tshd', '_hd'],
  templateNames: TEMPLATE_NAMES.HighSpeedHd,
});
