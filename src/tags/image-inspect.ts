/**
 * ImageInspect: CI's suspicious-picture check (异常图片检测), a picture job. It finds data smuggled after a
 * picture's end (typically MPEG-TS video segments hosted as "images") and can act on it. Follows the documented
 * sample: a `c` JobId, no Output, and ImageInspectResult with its own Code, Message and State beside the job's,
 * ProcessResult {PicSize, PicType, Suspicious, SuspiciousBeginByte, SuspiciousEndByte, SuspiciousSize,
 * SuspiciousType, AutoProcessResult} in the catalog's order. The parameter node ImageInspect{AutoProcess,
 * ProcessType} is echoed as the SDK types it. Modelled: the suspicious bytes run from the picture's end to the
 * file's last byte (inclusive), so PicSize + SuspiciousSize is the object's size; a clean picture reports zeros and
 * no type; AutoProcessResult is filled only when AutoProcess acted on a suspicious picture.
 * Callback page: https://cloud.tencent.com/document/api/436/97896 (catalog §3).
 */
import { jobLevel } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { cosObjectUrl } from '../core/media/output-names.ts';
import { select, text } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { INSPECT_PROCESS_TYPES, SUSPICIOUS_TYPES } from './data/pictures.ts';

const RESULT = 'Operation.ImageInspectResult';

export default defineTag({
  tag: 'ImageInspect',
  family: 'pic',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/97896',
  summary:
    'Suspicious picture check: whether a picture hides other data (e.g. video segments) after its end.',
  resultNode: 'ImageInspectResult',
  inputKind: 'image',
  processingSeconds: [1, 4],
  jsonShape: 'object',
  lists: [],
  build({ faker, input }) {
    const autoProcess = faker.datatype.boolean();
    const processType = faker.helpers.arrayElement(INSPECT_PROCESS_TYPES);
    const suspicious = faker.number.int(4) < 2;
    // A smuggled payload dwarfs the small picture in front of it.
    const picSize = suspicious
      ? Math.round(input.size * faker.number.float({ min: 0.05, max: 0.6 }))
      : input.size;
    const processResult = {
      PicSize: picSize,
      PicType: input.extension,
      Suspicious: suspicious,
      SuspiciousBeginByte: suspicious ? picSize : 0,
      SuspiciousEndByte: suspicious ? input.size - 1 : 0,
      SuspiciousSize: suspicious ? input.size - picSize : 0,
      SuspiciousType: suspicious ? faker.helpers.arrayElement(SUSPICIOUS_TYPES) : '',
      AutoProcessResult:
        autoProcess && suspicious ? { Code: 'Success', Message: '' } : { Code: '', Message: '' },
    };
    return {
      operation: {
        ImageInspect: { AutoProcess: autoProcess, ProcessType: processType },
        ImageInspectResult: {
          Code: 'Success',
          InputObjectName: input.key,
          InputObjectUrl: cosObjectUrl(input.bucket, input.region, input.key),
          Message: '',
          ProcessResult: processResult,
          State: 'Success',
        },
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: "the inspection's own Code and State agree with the job's",
      check: (job) => {
        if (select(job, RESULT).length === 0) return undefined;
        const code = text(job, `${RESULT}.Code`);
        const state = text(job, `${RESULT}.State`);
        return code === text(job, 'Code') && state === text(job, 'State')
          ? undefined
          : `result Code ${code} / State ${state} in a job with Code ${text(job, 'Code')} / State ${text(job, 'State')}`;
      },
    },
    {
      name: "InputObjectName is the input object and InputObjectUrl its URL on the bucket's COS domain",
      check: (job) => {
        const name = text(job, `${RESULT}.InputObjectName`);
        if (name === undefined) return undefined;
        const object = text(job, 'Input.Object') ?? '';
        const url = cosObjectUrl(text(job, 'Input.BucketId') ?? '', text(job, 'Input.Region') ?? '', object);
        if (name !== object) return `InputObjectName ${name} is not ${object}`;
        const got = text(job, `${RESULT}.InputObjectUrl`);
        return got === url ? undefined : `InputObjectUrl ${got} is not ${url}`;
      },
    },
    {
      name: "suspicious bytes run from the picture's end to the file's last byte; a clean picture reports none",
      check: (job, variant) => {
        const result = select(job, `${RESULT}.ProcessResult`)[0] as Job | undefined;
        if (!result) return undefined;
        const [picSize, begin, end, size] = [
          'PicSize',
          'SuspiciousBeginByte',
          'SuspiciousEndByte',
          'SuspiciousSize',
        ].map((k) => Number(result[k])) as [number, number, number, number];
        const type = String(result['SuspiciousType']);
        if (result['Suspicious'] === 'false') {
          return begin === 0 && end === 0 && size === 0 && type === ''
            ? undefined
            : `a clean picture reports suspicious bytes ${begin}–${end} (${size}) of type '${type}'`;
        }
        if (result['Suspicious'] !== 'true') return `Suspicious is '${result['Suspicious']}'`;
        if (!(SUSPICIOUS_TYPES as readonly string[]).includes(type)) return `SuspiciousType '${type}'`;
        if (begin !== picSize || size !== end - begin + 1 || !(picSize > 0))
          return `suspicious bytes ${begin}–${end} (${size}) after a picture of ${picSize} bytes`;
        // A workflow job carries the object's size in its upload headers.
        const headers = select(job, 'Input.CosHeaders') as Job[];
        const objectSize = headers.find((h) => h['Key'] === 'Size')?.['Value'];
        if (
          variant.trigger === 'workflow' &&
          objectSize !== undefined &&
          Number(objectSize) !== picSize + size
        )
          return `PicSize + SuspiciousSize = ${picSize + size}, the object has ${objectSize} bytes`;
        return undefined;
      },
    },
    {
      name: 'AutoProcessResult is filled exactly when AutoProcess acted on a suspicious picture',
      check: (job) => {
        const code = text(job, `${RESULT}.ProcessResult.AutoProcessResult.Code`);
        if (code === undefined) return undefined;
        const acted =
          text(job, 'Operation.ImageInspect.AutoProcess') === 'true' &&
          text(job, `${RESULT}.ProcessResult.Suspicious`) === 'true';
        return (code === 'Success') === acted && (acted || code === '')
          ? undefined
          : `AutoProcessResult.Code '${code}' when AutoProcess ${acted ? 'acted' : 'did not act'}`;
      },
    },
    {
      name: "PicType is the input object's format",
      check: (job) => {
        const type = text(job, `${RESULT}.ProcessResult.PicType`);
        if (type === undefined) return undefined;
        const extension = (text(job, 'Input.Object') ?? '').split('.').at(-1);
        return type === extension ? undefined : `PicType ${type} for ${text(job, 'Input.Object')}`;
      },
    },
  ],
});
