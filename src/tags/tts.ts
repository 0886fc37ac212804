/**
 * Tts: CI's speech synthesis of a text (given inline or as the URL of a text object). Its documented callback has
 * quirks we follow: no JobsDetail.Input; in workflow jobs the upload's CosHeaders sit under Operation.Input; MediaInfo
 * fills only Audio {CodecName, SampleRate}; and ObjectName (and its Md5Info) starts with a "/".
 * Official sample: https://cloud.tencent.com/document/product/460/76962.
 */
import { template } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { namesProblem } from '../core/media/output-name-checks.ts';
import { containerOf, cosObjectUrl, objectStem } from '../core/media/output-names.ts';
import {
  bucketObjectUrlProblem,
  MD5_PER_OUTPUT_FILE,
  OUTPUTS_WHERE_ASKED,
  objectNames,
} from '../core/media/output-node-checks.ts';
import { mediaResult, output } from '../core/media/output-nodes.ts';
import { nodesAt, text } from '../core/tree.ts';
import { OUTPUT_FOLDERS } from './data/media-job-names.ts';
import { TTS_OUTPUTS, TTS_SAMPLE_RATES, TTS_TEMPLATE_NAMES, TTS_TEXTS } from './data/tts-texts.ts';

export default defineTag({
  tag: 'Tts',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/76962',
  summary: 'Speech synthesis: a text read aloud into an audio file.',
  resultNode: 'MediaResult',
  inputKind: 'text',
  processingSeconds: [1, 12],
  jsonShape: 'object',
  lists: [],
  build({ faker, input, trigger, cosHeaders }) {
    const audio = faker.helpers.weightedArrayElement(
      TTS_OUTPUTS.map((choice) => ({ value: choice, weight: choice.weight })),
    );
    const sampleRate = faker.helpers.weightedArrayElement(TTS_SAMPLE_RATES);
    // A workflow reads the text object whose upload started it; a direct job usually sends the text itself.
    const inputType =
      trigger === 'workflow'
        ? 'Url'
        : faker.helpers.weightedArrayElement([
            { value: 'Text', weight: 3 },
            { value: 'Url', weight: 1 },
          ]);
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.Tts);
    const stem = inputType === 'Url' ? objectStem(input.key) : `tts-${faker.string.numeric(6)}`;
    const object = `${folder}${stem}.${audio.extension}`;
    return {
      input: null,
      operation: {
        ...(cosHeaders.length > 0 ? { Input: { CosHeaders: cosHeaders } } : {}),
        MediaInfo: {
          Format: '',
          Stream: { Audio: { CodecName: audio.codecName, SampleRate: sampleRate }, Subtitle: '', Video: '' },
        },
        MediaResult: mediaResult(faker, {
          bucket: input.bucket,
          region: input.region,
          objectNames: [`/${object}`],
          md5: 'per-file',
        }),
        Output: output({ bucket: input.bucket, region: input.region, object }),
        ...template(faker, TTS_TEMPLATE_NAMES),
        TtsConfig: {
          Input:
            inputType === 'Url'
              ? cosObjectUrl(input.bucket, input.region, input.key)
              : faker.helpers.arrayElement(TTS_TEXTS),
          InputType: inputType,
        },
      },
    };
  },
  invariants: [
    {
      name: 'the one ObjectName is "/" followed by Output.Object',
      check: (job) => {
        const names = objectNames(job);
        return names.length === 0
          ? undefined
          : namesProblem([`/${text(job, 'Operation.Output.Object')}`], names);
      },
    },
    MD5_PER_OUTPUT_FILE,
    OUTPUTS_WHERE_ASKED,
    {
      name: 'MediaInfo’s audio is the output file’s codec (.mp3 → mp3, .wav → pcm_s16le) at a speech sample rate',
      check: (job) => {
        const [audio] = nodesAt(job, 'Operation.MediaInfo.Stream.Audio');
        if (!audio) return undefined;
        const object = text(job, 'Operation.Output.Object') ?? '';
        const expected = TTS_OUTPUTS.find((choice) => choice.extension === containerOf(object)?.extension);
        if (!expected) return `Output.Object '${object}' is not a file speech synthesis writes`;
        if (audio['CodecName'] !== expected.codecName)
          return `CodecName ${audio['CodecName']} for a .${expected.extension}`;
        return TTS_SAMPLE_RATES.some((rate) => String(rate.value) === audio['SampleRate'])
          ? undefined
          : `SampleRate ${audio['SampleRate']} is not one speech synthesis produces`;
      },
    },
    {
      name: 'TtsConfig carries the text itself (Text) or the URL of a .txt object in the job’s bucket (Url)',
      check: (job) => {
        const type = text(job, 'Operation.TtsConfig.InputType');
        const input = text(job, 'Operation.TtsConfig.Input') ?? '';
        if (type === 'Text')
          return input !== '' && !input.startsWith('http') ? undefined : `Text input '${input}'`;
        if (type !== 'Url') return `InputType ${type} is not Text or Url`;
        const problem = bucketObjectUrlProblem(job, input, 'text');
        return problem === undefined ? undefined : `Url input ${problem}`;
      },
    },
  ],
});
