/**
 * @module media/template-job-checks
 * What the Tags' invariants say about the template and watermark parts of ./template-job.ts: template ids are
 * distinct, a Text watermark is Text V1. Each check returns what is wrong, or undefined — also when the node it checks is absent (failed jobs send no
 * MediaInfo or MediaResult).
 */
import { ID_PATTERNS } from '../ids.ts';
import { select } from '../tree.ts';
import type { Invariant, Job } from '../types.ts';

/**
 * What is wrong with a Text watermark node ({Message, Type, Version}: DigitalWatermark, its sub-step in
 * SuperResolution, ExtractDigitalWatermark), or undefined: Type Text, Version V1, a Message `texts` accepts.
 */
export function textWatermarkProblem(mark: Job, texts: RegExp): string | undefined {
  if (mark['Type'] !== 'Text' || mark['Version'] !== 'V1')
    return `watermark ${mark['Type']} ${mark['Version']} is not Text V1`;
  return texts.test(String(mark['Message'])) ? undefined : `watermark text '${mark['Message']}'`;
}

/** The Operation's template ids: TemplateId, TranscodeTemplateId and each WatermarkTemplateId. */
const TEMPLATE_ID_PATHS = [
  'Operation.TemplateId',
  'Operation.TranscodeTemplateId',
  'Operation.WatermarkTemplateId',
];

export const TEMPLATE_IDS_DISTINCT: Invariant = {
  name: 'TemplateId, TranscodeTemplateId and WatermarkTemplateId are template ids, none named twice',
  check: (job) => {
    const ids = TEMPLATE_ID_PATHS.flatMap((path) => select(job, path)).map(String);
    const bad = ids.find((id) => !ID_PATTERNS.templateId.test(id));
    if (bad !== undefined) return `'${bad}' is not a template id`;
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    return repeated === undefined ? undefined : `template ${repeated} is named twice`;
  },
};
