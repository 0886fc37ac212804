/**
 * PosterProduction: CI's poster composition (海报合成), a picture job: a poster template is filled with the
 * texts in Info and written to Output; the poster is the result, so there is no result node. The shape comes
 * from the Go SDK only: parameter node PosterProduction{TemplateId, Info}, children in alphabetical order as CI's
 * samples have them. Info is base64 of a JSON object of the template's fields, as the submit API takes it.
 * Modelled: Output {Bucket, Object, Region} as for CI's other jobs, UserData and JobLevel.
 * SDK source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { ID_PATTERNS, templateId } from '../core/ids.ts';
import { output } from '../core/media/output-nodes.ts';
import { text } from '../core/tree.ts';
import { POSTER_FOLDERS, POSTER_TEXTS } from './data/posters.ts';

/** The template fields Info carries, or a problem. */
function decodeInfo(info: string): Record<string, unknown> | string {
  const bytes = Buffer.from(info, 'base64');
  if (bytes.toString('base64') !== info) return `Info '${info}' is not base64`;
  try {
    const fields: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof fields === 'object' && fields !== null && !Array.isArray(fields)
      ? (fields as Record<string, unknown>)
      : 'Info is not a JSON object';
  } catch {
    return 'Info does not decode to JSON';
  }
}

export default defineTag({
  tag: 'PosterProduction',
  family: 'pic',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Poster composition: a poster template filled with texts, written to Output as a picture.',
  resultNode: '',
  inputKind: 'image',
  processingSeconds: [1, 6],
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    const fields = faker.helpers.arrayElement(POSTER_TEXTS);
    const format = faker.helpers.weightedArrayElement([
      { value: 'jpg', weight: 3 },
      { value: 'png', weight: 1 },
    ]);
    const object = `${faker.helpers.arrayElement(POSTER_FOLDERS)}poster-${faker.string.numeric(8)}.${format}`;
    return {
      operation: {
        Output: output({ bucket: input.bucket, region: input.region, object }),
        PosterProduction: {
          Info: Buffer.from(JSON.stringify(fields), 'utf8').toString('base64'),
          TemplateId: templateId(faker),
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: 'Info is base64 of a JSON object whose fields are non-empty texts',
      check: (job) => {
        const info = text(job, 'Operation.PosterProduction.Info');
        if (info === undefined) return undefined;
        const fields = decodeInfo(info);
        if (typeof fields === 'string') return fields;
        const empty = Object.entries(fields).find(([, value]) => typeof value !== 'string' || value === '');
        return empty ? `Info field ${empty[0]} is not a text` : undefined;
      },
    },
    {
      name: 'TemplateId is a CI template id, and the poster is a picture in the job’s bucket and region',
      check: (job) => {
        const id = text(job, 'Operation.PosterProduction.TemplateId') ?? '';
        if (!ID_PATTERNS.templateId.test(id)) return `TemplateId ${id}`;
        const object = text(job, 'Operation.Output.Object') ?? '';
        if (!/\.(jpg|png)$/.test(object)) return `Output.Object ${object} is not a jpg or png`;
        return text(job, 'Operation.Output.Bucket') === text(job, 'Input.BucketId') &&
          text(job, 'Operation.Output.Region') === text(job, 'Input.Region')
          ? undefined
          : 'the poster goes to another bucket or region';
      },
    },
  ],
});
