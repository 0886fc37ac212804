/**
 * VideoTargetRec: CI's video target recognition (视频目标检测), an AI job. For each category switched on
 * (Body, Pet, Car) the callback lists the frames where targets were found, each with its time, the frame image CI
 * saved under the bucket's COS domain, and the targets' boxes and scores. Follows the documented sample: an `a`
 * JobId, Message "TaskFinish", Operation {JobLevel, VideoTargetRec, VideoTargetRecResult} with the result lists in
 * the sample's order (Body, Pet, Car), frame URLs
 * `https://<bucket>.cos.<region>.myqcloud.com/<bucket>/<JobId>/<input object>/<ms>-<n>.jpg`. Modelled: `<n>` is the
 * frame's number in the video, and pet and car target names.
 * Callback page: https://cloud.tencent.com/document/api/436/121129 (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { cosObjectUrl } from '../core/media/output-names.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { nodesAt, select, text } from '../core/tree.ts';
import type { Job, Tree } from '../core/types.ts';
import { TARGET_CATEGORIES } from './data/target-recognition.ts';

const RESULT = 'Operation.VideoTargetRecResult';

/** One element with probability `single`, else 2…max: every list takes both JSON forms across seeds. */
function countOf(faker: Faker, single: number, max: number): number {
  return faker.number.float() < single ? 1 : faker.number.int({ min: 2, max });
}

/** `<ms>-<frame>.jpg` of a frame image: the frame's time in milliseconds and its number. */
const FRAME_FILE = /\/(\d+)-(\d+)\.jpg$/;

export default defineTag({
  tag: 'VideoTargetRec',
  family: 'ai',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/121129',
  summary: 'Video target recognition: frames with people, pets or cars, their boxes and scores.',
  resultNode: 'VideoTargetRecResult',
  inputKind: 'video',
  inputDuration: [5, 120],
  processingSeconds: processingByDuration([3, 6], [0.3, 0.8]),
  jsonShape: 'object',
  lists: TARGET_CATEGORIES.flatMap((c) => [`${RESULT}.${c.result}`, `${RESULT}.${c.result}.${c.info}`]),
  build({ faker, jobId, input }) {
    const media = mediaOf(input);
    const video = media.video ?? {
      width: 1280,
      height: 720,
      fps: 25,
      numFrames: Math.round(media.duration * 25),
    };
    const switches = Object.fromEntries(TARGET_CATEGORIES.map((c) => [c.switch, faker.number.int(6) !== 0]));
    // A job asks for at least one category.
    if (!Object.values(switches).some(Boolean)) switches['Body'] = true;
    const result: Tree = {};
    for (const category of TARGET_CATEGORIES) {
      if (!switches[category.switch]) continue;
      const frameNumbers = distinctFrames(faker, countOf(faker, 0.3, 6), video.numFrames);
      result[category.result] = frameNumbers.map((frame) => {
        const ms = Math.round((frame * 1000) / video.fps);
        return {
          [category.info]: Array.from(
            { length: countOf(faker, frameNumbers.length === 1 ? 0.7 : 0.4, 4) },
            () => {
              const width = faker.number.int({
                min: Math.round(video.width * 0.05),
                max: Math.round(video.width * 0.5),
              });
              const height = faker.number.int({
                min: Math.round(video.height * 0.08),
                max: Math.round(video.height * 0.7),
              });
              return {
                Location: {
                  Height: height,
                  Width: width,
                  X: faker.number.int(video.width - width),
                  Y: faker.number.int(video.height - height),
                },
                Name: faker.helpers.arrayElement(category.names),
                Score: faker.number.int({ min: 45, max: 99 }),
              };
            },
          ),
          Time: (ms / 1000).toFixed(6),
          Url: frameUrl({ bucket: input.bucket, region: input.region, jobId, object: input.key, ms, frame }),
        };
      });
    }
    return {
      message: 'TaskFinish',
      operation: {
        JobLevel: jobLevel(faker),
        VideoTargetRec: {
          Body: switches['Body'] ?? false,
          Car: switches['Car'] ?? false,
          Pet: switches['Pet'] ?? false,
        },
        VideoTargetRecResult: result,
      },
    };
  },
  invariants: [
    {
      name: 'a category has results exactly when its switch is on',
      check: (job) => {
        if (select(job, RESULT).length === 0) return undefined;
        for (const category of TARGET_CATEGORIES) {
          const on = text(job, `Operation.VideoTargetRec.${category.switch}`) === 'true';
          const found = select(job, `${RESULT}.${category.result}`).length > 0;
          if (found !== on)
            return `${category.result} ${found ? 'present' : 'missing'} while ${category.switch} is ${on}`;
        }
        return undefined;
      },
    },
    {
      name: "frame Urls lie under the bucket's COS domain and name the job, the input and the frame's time",
      check: (job) => {
        const bucket = text(job, 'Input.BucketId') ?? '';
        const prefix = `${cosObjectUrl(bucket, text(job, 'Input.Region') ?? '', bucket)}/${text(job, 'JobId')}/${text(job, 'Input.Object')}/`;
        for (const frame of frames(job)) {
          const url = String(frame['Url']);
          const file = FRAME_FILE.exec(url);
          if (!url.startsWith(prefix) || !file || url.length !== prefix.length + (file[0].length - 1))
            return `Url ${url} is not under ${prefix}`;
          const ms = Math.round(Number(frame['Time']) * 1000);
          if (Number(file[1]) !== ms) return `Url ${url} is not the frame at Time ${frame['Time']}`;
        }
        return undefined;
      },
    },
    {
      name: 'frames of a category are in time order',
      check: (job) => {
        for (const category of TARGET_CATEGORIES) {
          const times = nodesAt(job, `${RESULT}.${category.result}`).map((frame) => Number(frame['Time']));
          const back = times.findIndex((t, i) => !(t >= 0) || (i > 0 && t <= (times[i - 1] as number)));
          if (back !== -1)
            return `${category.result} ${back} at ${times[back]} s is not after the one before`;
        }
        return undefined;
      },
    },
    {
      name: "each target is its category's kind, with a box of positive size and a score of 0–100",
      check: (job) => {
        for (const category of TARGET_CATEGORIES) {
          for (const target of nodesAt(job, `${RESULT}.${category.result}.${category.info}`)) {
            if (!(category.names as readonly string[]).includes(String(target['Name'])))
              return `${category.info} named '${target['Name']}'`;
            const score = Number(target['Score']);
            if (!(Number.isInteger(score) && score >= 0 && score <= 100)) return `Score ${target['Score']}`;
            const box = target['Location'] as Job;
            if (
              !(
                Number(box['Width']) > 0 &&
                Number(box['Height']) > 0 &&
                Number(box['X']) >= 0 &&
                Number(box['Y']) >= 0
              )
            )
              return `${category.info} box ${JSON.stringify(box)}`;
          }
        }
        return undefined;
      },
    },
  ],
});

/** `count` different frame numbers below `total`, in order. */
function distinctFrames(faker: Faker, count: number, total: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, total)) picked.add(faker.number.int(total - 1));
  return [...picked].sort((a, b) => a - b);
}

interface FrameUrlOptions {
  bucket: string;
  region: string;
  jobId: string;
  object: string;
  ms: number;
  frame: number;
}

/** Where CI saves a recognised frame: under the bucket's domain, by bucket, job and input object. */
function frameUrl({ bucket, region, jobId, object, ms, frame }: FrameUrlOptions): string {
  return cosObjectUrl(bucket, region, `${bucket}/${jobId}/${object}/${ms}-${frame}.jpg`);
}

function frames(job: Job): Job[] {
  return TARGET_CATEGORIES.flatMap((c) => nodesAt(job, `${RESULT}.${c.result}`));
}
