/**
 * Translation: CI's document translation, an AI job. The translated document is the result, written to Output;
 * there is no result node. Follows the documented sample: an `a` JobId, Message "Success", Input as
 * {Object, Lang, Type, BasicType} (no BucketId or Region), and Operation {Output{Region, Bucket, Object},
 * Translation{Lang, Type}, UserData, JobLevel} in the sample's order. Input.Lang is the source language,
 * Translation.Lang the target, Type the document's format (kept by the translation). Modelled: BasicType, the
 * format a PDF was made from, is given for some PDFs and empty otherwise.
 * Callback page: https://cloud.tencent.com/document/product/436/85073 (catalog §3).
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { objectStem } from '../core/media/output-names.ts';
import { text } from '../core/tree.ts';
import { PDF_BASIC_TYPES, TRANSLATION_FOLDERS, TRANSLATION_LANGUAGES } from './data/translation.ts';

const LANGUAGES: readonly string[] = TRANSLATION_LANGUAGES;

export default defineTag({
  tag: 'Translation',
  family: 'ai',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/436/85073',
  summary: 'Document translation: a document translated into another language, written to Output.',
  resultNode: '',
  inputKind: 'doc',
  processingSeconds: (input) => [3, 10 + input.size / 200_000],
  jsonShape: 'object',
  lists: [],
  build({ faker, tag, input }) {
    // Most documents are Chinese or English, translated into the other one.
    const source = faker.helpers.weightedArrayElement([
      { value: 'zh', weight: 5 },
      { value: 'en', weight: 4 },
      { value: faker.helpers.arrayElement(LANGUAGES.filter((l) => l !== 'zh' && l !== 'en')), weight: 1 },
    ]);
    const target =
      source === 'zh'
        ? faker.helpers.weightedArrayElement([
            { value: 'en', weight: 6 },
            {
              value: faker.helpers.arrayElement(LANGUAGES.filter((l) => l !== 'zh' && l !== 'en')),
              weight: 2,
            },
          ])
        : 'zh';
    const type = input.extension;
    const basicType =
      type === 'pdf' && faker.datatype.boolean() ? faker.helpers.arrayElement(PDF_BASIC_TYPES) : '';
    const object = `${faker.helpers.arrayElement(TRANSLATION_FOLDERS)}${objectStem(input.key)}_${target}.${type}`;
    return {
      input: { Object: input.key, Lang: source, Type: type, BasicType: basicType },
      message: 'Success',
      operation: {
        // The sample lists Output's children in this order, not alphabetically.
        Output: { Region: input.region, Bucket: input.bucket, Object: object },
        Translation: { Lang: target, Type: type },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: "Input.Type is the input's format, and the translation keeps it (Translation.Type, Output.Object)",
      check: (job) => {
        const type = text(job, 'Input.Type');
        const extension = (text(job, 'Input.Object') ?? '').split('.').at(-1);
        if (type !== extension) return `Input.Type ${type} for ${text(job, 'Input.Object')}`;
        if (text(job, 'Operation.Translation.Type') !== type)
          return `Translation.Type ${text(job, 'Operation.Translation.Type')} for a ${type}`;
        const output = text(job, 'Operation.Output.Object') ?? '';
        return output.endsWith(`.${type}`) ? undefined : `Output.Object ${output} is not a .${type}`;
      },
    },
    {
      name: 'source and target are different supported languages, and the output is named after the target',
      check: (job) => {
        const source = text(job, 'Input.Lang') ?? '';
        const target = text(job, 'Operation.Translation.Lang') ?? '';
        if (!LANGUAGES.includes(source) || !LANGUAGES.includes(target) || source === target)
          return `translating ${source} into ${target}`;
        const output = text(job, 'Operation.Output.Object') ?? '';
        const stem = (text(job, 'Input.Object') ?? '')
          .split('/')
          .at(-1)
          ?.replace(/\.[^.]+$/, '');
        return output.split('/').at(-1) === `${stem}_${target}.${text(job, 'Input.Type')}`
          ? undefined
          : `Output.Object ${output} is not ${stem}_${target}`;
      },
    },
    {
      name: 'BasicType only says what a PDF was made from',
      check: (job) => {
        const basicType = text(job, 'Input.BasicType') ?? '';
        if (basicType === '') return undefined;
        return text(job, 'Input.Type') === 'pdf' && (PDF_BASIC_TYPES as readonly string[]).includes(basicType)
          ? undefined
          : `BasicType ${basicType} for a ${text(job, 'Input.Type')}`;
      },
    },
  ],
});
