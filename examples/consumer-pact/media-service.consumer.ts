/**
 * An example consumer-driven message pact, as a team receiving CI callbacks would write it: each message names
 * the variant it wants (`<Tag> · <format> · <trigger> · <state>[ · lists of one|many]`) and describes only the
 * fields the team's code reads, with matchers. The team's own handler (here the reference receiver's
 * parseCallback/summarizeJob) must accept each message. `ci-callback verify-messages --pact FILE` then checks
 * the pact against what the emitter generates.
 */
import assert from 'node:assert/strict';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { parseCallback, summarizeJob } from '../receiver/callback.ts';

const { eachLike, like, regex, string } = MatchersV3;
const JOB_ID = '^j[0-9a-f]{32}$';
const RUN_ID = '^i[0-9a-f]{32}$';

export const CONSUMER = 'media-service';
export const PROVIDER = 'ci-callback-emitter';

export interface ExpectedMessage {
  description: string;
  content: unknown;
  /** The team's handler: what it must make of the message. */
  check: (content: unknown) => void;
}

/** Runs the team's parsing on a message and hands each job's summary to `expect`. */
function handledAs(expect: (summary: ReturnType<typeof summarizeJob>) => void): (content: unknown) => void {
  return (content) => {
    for (const job of parseCallback('application/json', JSON.stringify(content)).jobs)
      expect(summarizeJob(job));
  };
}

export const MEDIA_SERVICE_MESSAGES: ExpectedMessage[] = [
  {
    description: 'SmartCover · json · workflow · success · lists of many',
    content: {
      EventName: 'TaskFinish',
      JobsDetail: {
        Code: 'Success',
        JobId: regex(JOB_ID, 'j6842765cf84611ecb8546d80f2baf56f'),
        State: 'Success',
        Tag: 'SmartCover',
        Input: { Object: string('input/demo.mp4') },
        Operation: { MediaResult: { OutputFile: { ObjectName: eachLike('output/smartcover-0.jpg', 2) } } },
        Workflow: { RunId: regex(RUN_ID, 'ic90edd59f84f11ec9d4f525400a3c59f') },
      },
    },
    check: handledAs((summary) => {
      assert.ok(summary.succeeded);
      assert.ok(summary.workflowRunId);
      assert.ok(summary.outputObjects.length >= 2);
    }),
  },
  {
    description: 'SmartCover · json · direct · success · lists of one',
    content: {
      EventName: 'TaskFinish',
      JobsDetail: {
        JobId: regex(JOB_ID, 'j6842765cf84611ecb8546d80f2baf56f'),
        Tag: 'SmartCover',
        // One cover: ObjectName is a bare string, not an array.
        Operation: { MediaResult: { OutputFile: { ObjectName: string('output/smartcover-0.jpg') } } },
      },
    },
    check: handledAs((summary) => assert.equal(summary.outputObjects.length, 1)),
  },
  {
    description: 'SpeechRecognition · json · direct · failed',
    content: {
      EventName: 'TaskFinish',
      // SpeechRecognition's documented JSON sends JobsDetail as an array.
      JobsDetail: eachLike({
        Code: regex('^[A-Z][A-Za-z]+$', 'AudioDecodeFailed'),
        JobId: regex('^s[0-9a-f]{32}$', 's886c0a7c2a6611ed847a618901112dcf'),
        Message: like('Failed to decode the audio; check the file format.'),
        State: 'Failed',
        Tag: 'SpeechRecognition',
      }),
    },
    check: handledAs((summary) => {
      assert.equal(summary.succeeded, false);
      assert.notEqual(summary.code, 'Success');
    }),
  },
];

/** Writes the message pact for `messages` into `dir` (as the team's consumer test would). */
export async function writeMessagePact(
  dir: string,
  messages: ExpectedMessage[] = MEDIA_SERVICE_MESSAGES,
): Promise<void> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir, logLevel: 'error' });
  for (const message of messages) {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive(message.description, (builder) => {
        builder.withJSONContent(message.content).withMetadata({ contentType: 'application/json' });
      })
      .executeTest(async (received) => message.check(received.contents.content));
  }
}
