/**
 * DocProcess: CI's document conversion (文档转码) of a Word, PowerPoint, Excel or PDF file into page images.
 * Follows the published sample (the Java SDK's CICommonDemo TaskFinish XML): a `d` JobId, Input {Object} only, no
 * StartTime in JobsDetail, Operation {DocProcess, DocProcessResult, Output} with Output.Object a pattern like
 * `test1/${Page}.jpg` echoed unexpanded. The result's counts add up (SuccPageCount + FailPageCount =
 * TotalPageCount) and each converted page has one PageInfo whose TgtUri expands `${Page}` with its PageNo.
 * Modelled: pages that fail to convert (rarely) have no PageInfo; EndPage -1 means "to the last page".
 * Sources: the Java SDK's demo (tencentyun/cos-java-sdk-v5, CICommonDemo.java) and the Go SDK's ci_doc.go
 * (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { defineTag } from '../core/define-tag.ts';
import { md5 } from '../core/ids.ts';
import { expandPattern, objectStem } from '../core/media/output-names.ts';
import { output } from '../core/media/output-nodes.ts';
import { select, text } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { DOC_IMAGE_PARAMS, DOC_OUTPUT_FOLDERS, DOC_PAGE_RANGES } from './data/documents.ts';

const RESULT = 'Operation.DocProcessResult';

/** The pages a job converts: the document's length, and the StartPage/EndPage it asked for. */
function pageRange(faker: Faker, extension: string): { start: number; end: number; last: number } {
  const [min, max] = DOC_PAGE_RANGES[extension] ?? [1, 20];
  // One seed in five converts a single page, so PageInfo is sometimes one object in JSON.
  if (faker.number.int(4) === 0) {
    const start = faker.number.int({ min: 1, max: 3 });
    return { start, end: start, last: start };
  }
  const pages = faker.number.int({ min, max });
  const start = faker.helpers.weightedArrayElement([
    { value: 1, weight: 4 },
    { value: faker.number.int({ min: 1, max: pages }), weight: 1 },
  ]);
  // Most jobs convert to the end (-1); some stop early, e.g. a preview of the first pages.
  const end = faker.number.int(2) === 0 ? faker.number.int({ min: start, max: pages }) : -1;
  return { start, end, last: end === -1 ? pages : end };
}

export default defineTag({
  tag: 'DocProcess',
  family: 'doc',
  source: 'documented',
  docUrl: 'https://github.com/tencentyun/cos-java-sdk-v5',
  summary: 'Document conversion: the pages of a Word, PowerPoint, Excel or PDF file as images.',
  resultNode: 'DocProcessResult',
  inputKind: 'doc',
  processingSeconds: [2, 40],
  jsonShape: 'object',
  jobsDetailOrder: [
    'Code',
    'CreationTime',
    'EndTime',
    'Input',
    'JobId',
    'Message',
    'Operation',
    'QueueId',
    'State',
    'Tag',
    'Workflow',
  ],
  lists: [`${RESULT}.PageInfo`],
  build({ faker, input }) {
    const { start, end, last } = pageRange(faker, input.extension);
    const total = last - start + 1;
    const tgtType = faker.helpers.weightedArrayElement([
      { value: 'jpg', weight: 3 },
      { value: 'png', weight: 1 },
    ]);
    const pattern = `${faker.helpers.arrayElement(DOC_OUTPUT_FOLDERS)}${objectStem(input.key)}/\${Page}.${tgtType}`;
    const pages = Array.from({ length: total }, (_, i) => start + i);
    // Now and then a page fails to render (a broken embedded font or image); it gets no PageInfo.
    const failed = new Set(
      total > 2 && faker.number.int(7) === 0
        ? faker.helpers.arrayElements(pages.slice(1), faker.number.int({ min: 1, max: 2 }))
        : [],
    );
    const converted = pages.filter((page) => !failed.has(page));
    return {
      input: { Object: input.key },
      operation: {
        DocProcess: {
          Comments: 0,
          DocPassword: '',
          EndPage: end,
          ImageParams: faker.helpers.arrayElement(DOC_IMAGE_PARAMS),
          PaperDirection: 0,
          PaperSize: 0,
          Quality: faker.helpers.arrayElement([100, 100, 90, 80]),
          SheetId: input.extension === 'xlsx' ? faker.helpers.arrayElement([0, 1]) : 0,
          SrcType: input.extension,
          StartPage: start,
          TgtType: tgtType,
          Zoom: faker.helpers.arrayElement([100, 100, 150, 200]),
        },
        DocProcessResult: {
          FailPageCount: failed.size,
          PageInfo: converted.map((page) => ({
            PageNo: page,
            TgtUri: expandPattern(pattern, { Page: page }),
          })),
          SuccPageCount: converted.length,
          TaskId: md5(faker),
          TgtType: tgtType,
          TotalPageCount: total,
        },
        Output: output({ bucket: input.bucket, region: input.region, object: pattern }),
      },
    };
  },
  invariants: [
    {
      name: 'SuccPageCount + FailPageCount = TotalPageCount, with one PageInfo per converted page',
      check: (job) => {
        const total = text(job, `${RESULT}.TotalPageCount`);
        if (total === undefined) return undefined;
        const succ = Number(text(job, `${RESULT}.SuccPageCount`));
        const fail = Number(text(job, `${RESULT}.FailPageCount`));
        if (succ + fail !== Number(total)) return `${succ} + ${fail} pages ≠ TotalPageCount ${total}`;
        const infos = pageInfos(job).length;
        return infos === succ ? undefined : `${infos} PageInfo for SuccPageCount ${succ}`;
      },
    },
    {
      name: 'pages run forward inside StartPage…EndPage, and TotalPageCount spans it when EndPage is set',
      check: (job) => {
        const total = text(job, `${RESULT}.TotalPageCount`);
        if (total === undefined) return undefined;
        const start = Number(text(job, 'Operation.DocProcess.StartPage'));
        const end = Number(text(job, 'Operation.DocProcess.EndPage'));
        const last = start + Number(total) - 1;
        if (end !== -1 && end !== last) return `TotalPageCount ${total} for pages ${start}–${end}`;
        let previous = start - 1;
        for (const info of pageInfos(job)) {
          const page = Number(info['PageNo']);
          if (!(page > previous && page <= last))
            return `PageNo ${page} after ${previous}, pages ${start}–${last}`;
          previous = page;
        }
        return undefined;
      },
    },
    {
      name: "each TgtUri expands the Output pattern's ${Page} with its PageNo",
      check: (job) => {
        const pattern = text(job, 'Operation.Output.Object') ?? '';
        const wrong = pageInfos(job).find(
          (info) => info['TgtUri'] !== expandPattern(pattern, { Page: Number(info['PageNo']) }),
        );
        return wrong ? `TgtUri ${wrong['TgtUri']} for page ${wrong['PageNo']} of '${pattern}'` : undefined;
      },
    },
    {
      name: "SrcType is the input's format and TgtType the pages' (in the request, the result and the names)",
      check: (job) => {
        const extension = (text(job, 'Input.Object') ?? '').split('.').at(-1);
        const src = text(job, 'Operation.DocProcess.SrcType');
        if (src !== extension) return `SrcType ${src} for ${text(job, 'Input.Object')}`;
        const tgt = text(job, 'Operation.DocProcess.TgtType') ?? '';
        if (!(text(job, 'Operation.Output.Object') ?? '').endsWith(`.${tgt}`))
          return `Output.Object is not a .${tgt}`;
        const result = text(job, `${RESULT}.TgtType`);
        return result === undefined || result === tgt
          ? undefined
          : `result TgtType ${result}, requested ${tgt}`;
      },
    },
  ],
});

function pageInfos(job: Job): Job[] {
  return select(job, `${RESULT}.PageInfo`) as Job[];
}
