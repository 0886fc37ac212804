/**
 * SpeechRecognition: CI's speech recognition (ASR) of an audio file. The callback carries the transcript with
 * per-word timings; punctuation is a word of its own with VoiceType 1 and the timing of the word before it.
 * Official callback page: `docUrl` below; its examples are copied into fixtures/reference/SpeechRecognition/.
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { output } from '../core/media/output-nodes.ts';
import { select, text } from '../core/tree.ts';
import type { Job, Tree } from '../core/types.ts';
import { ASR_TEMPLATE_NAMES, SPEECH_SENTENCES, SPEECH_SINGLE_WORDS } from './data/speech.ts';

const RESULT = 'Operation.SpeechRecognitionResult';
const PUNCTUATION = /^[，。？！、；：]$/;

interface TimedWord {
  word: string;
  start: number;
  end: number;
  punctuation: boolean;
}

/** A transcript: one to three sentences, or (one time in seven) a single word, so Words can be a list of one. */
function transcript(faker: Faker): string[] {
  if (faker.number.int(6) === 0) return [faker.helpers.arrayElement(SPEECH_SINGLE_WORDS)];
  return faker.helpers
    .arrayElements(SPEECH_SENTENCES, { min: 1, max: 3 })
    .flatMap((sentence) => sentence.split(' '));
}

/** Times each word by its length, then squeezes the timeline into `availableMs` when it would overrun the audio. */
function timeWords(faker: Faker, words: string[], availableMs: number): TimedWord[] {
  const raw: TimedWord[] = [];
  let clock = 0;
  for (const word of words) {
    const previous = raw.at(-1);
    if (PUNCTUATION.test(word) && previous) {
      raw.push({ word, start: previous.start, end: previous.end, punctuation: true });
      continue;
    }
    const start = clock + (raw.length === 0 ? 0 : faker.number.int(120));
    const end = start + [...word].length * faker.number.int({ min: 190, max: 380 });
    raw.push({ word, start, end, punctuation: false });
    clock = end;
  }
  const scale = Math.min(1, availableMs / Math.max(clock, 1));
  return raw.map((w) => ({ ...w, start: Math.round(w.start * scale), end: Math.round(w.end * scale) }));
}

/** `m:ss.mmm` as in `[0:3.320,0:19.712]`. */
function clock(ms: number): string {
  return `${Math.floor(ms / 60_000)}:${((ms % 60_000) / 1000).toFixed(3)}`;
}

export default defineTag({
  tag: 'SpeechRecognition',
  family: 'asr',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/84798',
  summary: 'Speech recognition: the transcript of an audio file with per-word timings.',
  resultNode: 'SpeechRecognitionResult',
  inputKind: 'audio',
  inputExtensions: ['mp3', 'wav', 'm4a'],
  inputDuration: [3, 45],
  processingSeconds: (input) => {
    const seconds = input.media?.duration ?? 20;
    return [1 + seconds * 0.1, 2 + seconds * 0.4];
  },
  jsonShape: 'array',
  lists: ['Operation.SpeechRecognitionResult.ResultDetail.Words'],
  build({ faker, tag, input }) {
    const durationMs = Math.round((input.media?.duration ?? 20) * 1000);
    const startMs = faker.number.int(Math.min(3000, Math.floor(durationMs * 0.2)));
    const words = timeWords(faker, transcript(faker), durationMs - startMs - 200);
    const speechEnd = startMs + (words.at(-1)?.end ?? 0);
    const endMs = Math.min(durationMs, speechEnd + faker.number.int(2000));
    const finalSentence = words.map((w) => w.word).join('');
    const spokenChars = words.filter((w) => !w.punctuation).reduce((n, w) => n + [...w.word].length, 0);
    const stem = (input.key.split('/').at(-1) ?? 'audio').replace(/\.[^.]+$/, '');
    const outputObject = `/${faker.helpers.arrayElement(['', 'asr/', 'output/asr/'])}${stem}.txt`;
    const result: Tree = {
      // Audio length with CI's four decimals; never shorter than the speech it contains.
      AudioTime: ((durationMs + faker.number.int(9) / 10) / 1000).toFixed(4),
      DetailObjectName: `${outputObject}.detail`,
      ObjectName: outputObject,
      Result: `[${clock(startMs)},${clock(endMs)}]  ${finalSentence}`,
      ResultDetail: {
        EndMs: endMs,
        FinalSentence: finalSentence,
        SliceSentence: words.map((w) => w.word).join(' '),
        SpeakerId: 0,
        SpeechSpeed: (spokenChars / Math.max((endMs - startMs) / 1000, 0.1)).toFixed(1),
        StartMs: startMs,
        Words: words.map((w) => ({
          OffsetEndMs: w.end,
          OffsetStartMs: w.start,
          VoiceType: w.punctuation ? 1 : 0,
          Word: w.word,
        })),
        WordsNum: words.length,
      },
    };
    return {
      operation: {
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
        Output: output({ bucket: input.bucket, region: input.region, object: outputObject }),
        SpeechRecognitionResult: result,
        ...template(faker, ASR_TEMPLATE_NAMES),
      },
    };
  },
  invariants: [
    {
      name: 'word timings never go backwards and each word ends after it starts',
      check: (job) => {
        let previous = 0;
        for (const word of words(job)) {
          const start = Number(word['OffsetStartMs']);
          const end = Number(word['OffsetEndMs']);
          if (start < previous || end < start)
            return `word '${word['Word']}' spans ${start}–${end} after ${previous}`;
          previous = start;
        }
        return undefined;
      },
    },
    {
      name: 'WordsNum is the number of Words',
      check: (job) => {
        const count = text(job, `${RESULT}.ResultDetail.WordsNum`);
        if (count === undefined) return undefined;
        return Number(count) === words(job).length
          ? undefined
          : `WordsNum ${count} but ${words(job).length} Words`;
      },
    },
    {
      name: 'FinalSentence is the Words joined, SliceSentence the Words spaced',
      check: (job) => {
        const final = text(job, `${RESULT}.ResultDetail.FinalSentence`);
        if (final === undefined) return undefined;
        const list = words(job).map((w) => w['Word']);
        if (final !== list.join('')) return `FinalSentence '${final}' is not the Words joined`;
        const slice = text(job, `${RESULT}.ResultDetail.SliceSentence`);
        return slice === list.join(' ') ? undefined : `SliceSentence '${slice}' is not the Words spaced`;
      },
    },
    {
      name: 'Result carries the sentence and its StartMs–EndMs span',
      check: (job) => {
        const result = text(job, `${RESULT}.Result`);
        if (result === undefined) return undefined;
        const start = Number(text(job, `${RESULT}.ResultDetail.StartMs`));
        const end = Number(text(job, `${RESULT}.ResultDetail.EndMs`));
        const expected = `[${clock(start)},${clock(end)}]  ${text(job, `${RESULT}.ResultDetail.FinalSentence`)}`;
        return result === expected ? undefined : `Result '${result}' should be '${expected}'`;
      },
    },
    {
      name: 'AudioTime covers EndMs, and the speech fits inside it',
      check: (job) => {
        const audioTime = text(job, `${RESULT}.AudioTime`);
        if (audioTime === undefined) return undefined;
        const start = Number(text(job, `${RESULT}.ResultDetail.StartMs`));
        const end = Number(text(job, `${RESULT}.ResultDetail.EndMs`));
        const lastEnd = Math.max(0, ...words(job).map((w) => Number(w['OffsetEndMs'])));
        if (Number(audioTime) < end / 1000) return `AudioTime ${audioTime} < EndMs ${end}`;
        return start + lastEnd <= end
          ? undefined
          : `last word ends at ${start + lastEnd} ms, after EndMs ${end}`;
      },
    },
  ],
});

function words(job: Job): Job[] {
  return select(job, `${RESULT}.ResultDetail.Words`) as Job[];
}
