/**
 * WordsGeneralize: CI's word segmentation of a text file, with the words it labels by category. Its documented
 * callback differs from the others, and we follow it: no QueueId, State or StartTime in JobsDetail, Tag first,
 * Input as {Object, BucketId, Region}, Message "Success", and a JSON body wrapped in a top-level "Response".
 * Official callback page: `docUrl` below; its examples are copied into fixtures/reference/WordsGeneralize/.
 */
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { select } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { SEGMENTED_TEXTS, type SegmentedText, SINGLE_WORD_TEXTS } from './data/segmented-text.ts';

export default defineTag({
  tag: 'WordsGeneralize',
  family: 'ai',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/79474',
  summary: 'Word segmentation: tokens with part of speech and offsets, and labelled words.',
  resultNode: 'WordsGeneralizeResult',
  inputKind: 'text',
  processingSeconds: [1, 6],
  jsonShape: 'wrapped',
  jobsDetailOrder: [
    'Tag',
    'Code',
    'CreationTime',
    'EndTime',
    'Input',
    'JobId',
    'Message',
    'Operation',
    'Workflow',
  ],
  lists: [
    'Operation.WordsGeneralizeResult.WordsGeneralizeLable',
    'Operation.WordsGeneralizeResult.WordsGeneralizeToken',
  ],
  build({ faker, tag, input }) {
    const texts: SegmentedText[] =
      faker.number.int(7) === 0
        ? [faker.helpers.arrayElement(SINGLE_WORD_TEXTS)]
        : faker.helpers.arrayElements(SEGMENTED_TEXTS, { min: 1, max: 3 });
    let offset = 0;
    const tokens = texts.flatMap((t) =>
      t.tokens.map(([word, pos]) => {
        const length = [...word].length;
        const token = { Length: length, Offset: offset, Pos: pos, Word: word };
        offset += length;
        return token;
      }),
    );
    const labels = texts.flatMap((t) =>
      t.labels.map(([word, category]) => ({ Category: category, Word: word })),
    );
    return {
      input: { Object: input.key, BucketId: input.bucket, Region: input.region },
      message: 'Success',
      operation: {
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
        WordsGeneralize: {
          NerMethod: faker.helpers.arrayElement(['DL', 'CRF']),
          SegMethod: faker.helpers.arrayElement(['MIX', 'BASIC']),
        },
        WordsGeneralizeResult: { WordsGeneralizeLable: labels, WordsGeneralizeToken: tokens },
      },
    };
  },
  invariants: [
    {
      name: 'tokens tile the text: each Offset is where the previous token ended, Length is its Word’s length',
      check: (job) => {
        let expected = 0;
        for (const token of tokens(job)) {
          const word = String(token['Word']);
          if (Number(token['Offset']) !== expected)
            return `token '${word}' at ${token['Offset']}, expected ${expected}`;
          if (Number(token['Length']) !== [...word].length)
            return `token '${word}' has Length ${token['Length']}`;
          expected += [...word].length;
        }
        return undefined;
      },
    },
    {
      name: 'every label names a word that occurs in the text',
      check: (job) => {
        const source = tokens(job)
          .map((token) => token['Word'])
          .join('');
        const labels = select(job, 'Operation.WordsGeneralizeResult.WordsGeneralizeLable') as Job[];
        const stray = labels.find((label) => !source.includes(String(label['Word'])));
        return stray ? `label '${stray['Word']}' is not in '${source}'` : undefined;
      },
    },
  ],
});

function tokens(job: Job): Job[] {
  return select(job, 'Operation.WordsGeneralizeResult.WordsGeneralizeToken') as Job[];
}
