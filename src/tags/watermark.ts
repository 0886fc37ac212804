/**
 * Watermark: CI stamps a video with the image or text watermark a watermark template sets, re-encoding it.
 * No callback page or parameter node was found: the Tag occurs as a job/template Tag in the SDK's examples, so it
 * has the generic media shape of src/core/template-job-tag.ts (UNVERIFIED); what is its own is below.
 */
import { defineTemplateJobTag } from '../core/template-job-tag.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';
import { CONTAINER_EXTENSIONS, OUTPUT_CONTAINERS } from './data/transcode-options.ts';

export default defineTemplateJobTag({
  tag: 'Watermark',
  summary: 'Watermark: a video stamped with the watermark of a template.',
  processing: { base: [3, 10], perInputSecond: [0.2, 0.9] },
  containers: OUTPUT_CONTAINERS.Watermark,
  extensions: CONTAINER_EXTENSIONS,
  folders: OUTPUT_FOLDERS.Watermark,
  suffixes: ['', '-wm', '_watermarked'],
  templateNames: TEMPLATE_NAMES.Watermark,
});
