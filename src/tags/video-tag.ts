/**
 * VideoTag: CI's video tagging (视频标签). The callback tags the video as a whole, the places and actions of its
 * time spans, and the objects of sampled frames. It follows the documented sample: Message "Success", Operation in
 * the sample's order (UserData, JobLevel, VideoTag, VideoTagResult), Data in the sample's order with an empty
 * `<PersonTags/>`, and no Output, MediaInfo or MediaResult. Modelled: frames are sampled once a second, so a place
 * span's ClipFrameResult has one `place:confidence` per second from StartIndex to EndIndex, and its Tags are the
 * places those frames show with their mean confidence. Every span and frame lies inside the input's duration.
 * StreamData starts with SubErrCode and SubErrMsg (the SDK's order): `0` and `ok` as published, or, for about one
 * job in ten, a modelled partial failure — one recogniser failed, its part of Data is empty, the job still succeeds.
 * Callback page: https://cloud.tencent.com/document/api/436/85058 (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { mediaOf, processingByDuration } from '../core/media/profile.ts';
import { nodesAt, select } from '../core/tree.ts';
import type { Job, Tree } from '../core/types.ts';
import {
  ACTIONS,
  type ClassifiedTag,
  OBJECTS,
  PLACES,
  VIDEO_TAG_OK,
  VIDEO_TAG_PARTIAL_FAILURES,
  VIDEO_TAG_SCENARIOS,
  VIDEO_TAGS,
} from './data/video-tags.ts';

const DATA = 'Operation.VideoTagResult.StreamData.Data';

/** One element for about a third of seeds, so every list takes both JSON forms. */
function countOf(faker: Faker, max: number): number {
  return faker.number.int(9) < 3 ? 1 : faker.number.int({ min: 2, max: Math.max(2, max) });
}

function confidence(faker: Faker, min: number, max: number): number {
  return Number(faker.number.float({ min, max }).toFixed(2));
}

/** `count` spans of whole seconds [first, last], in order and apart, inside `seconds` sampled frames. */
function frameSpans(faker: Faker, seconds: number, wanted: number): [number, number][] {
  const count = Math.min(wanted, seconds);
  const longest = Math.max(1, Math.min(6, Math.floor(seconds / count)));
  const lengths = Array.from({ length: count }, () =>
    faker.number.int(9) < 3 ? 1 : faker.number.int(longest - 1) + 1,
  );
  let slack = seconds - lengths.reduce((sum, n) => sum + n, 0);
  let at = 0;
  return lengths.map((length, i) => {
    const gap = faker.number.int(Math.floor(slack / (count - i)));
    slack -= gap;
    at += gap;
    const span: [number, number] = [at, at + length - 1];
    at += length;
    return span;
  });
}

interface RankedTag extends ClassifiedTag {
  confidence: string;
}

/** Distinct tags from a pool with confidences, best first. */
function rankedTags(faker: Faker, pool: readonly ClassifiedTag[], count: number): RankedTag[] {
  return faker.helpers
    .arrayElements(pool, count)
    .map((t) => ({ ...t, confidence: confidence(faker, 0.3, 0.98) }))
    .sort((a, b) => b.confidence - a.confidence)
    .map((t) => ({ ...t, confidence: t.confidence.toFixed(2) }));
}

/** Nested Tags (PlaceTags, ActionTags) list their children alphabetically, as the sample does. */
function nestedTag(t: RankedTag): Tree {
  return { Confidence: t.confidence, Tag: t.tag, TagCls: t.cls };
}

/** A place span: each sampled frame's place with its confidence, and the places summarised as Tags. */
function placeSpan(faker: Faker, [first, last]: [number, number], duration: number): Tree {
  const places = faker.helpers.arrayElements(
    PLACES,
    first === last ? 1 : faker.helpers.arrayElement([1, 1, 2]),
  );
  const frames = Array.from({ length: last - first + 1 }, (_, i) => ({
    // Every place of the span shows in at least one frame.
    place: places[i] ?? faker.helpers.arrayElement(places),
    conf: confidence(faker, 0.35, 0.95),
  }));
  const tags = places
    .map((place) => ({
      place,
      conf: meanConfidence(frames.filter((f) => f.place === place).map((f) => f.conf)),
    }))
    .sort((a, b) => Number(b.conf) - Number(a.conf));
  return {
    Tags: tags.map(({ place, conf }) => ({ Confidence: conf, Tag: place.tag, TagCls: place.cls })),
    ClipFrameResult: frames.map((f) => `${f.place.tag}:${f.conf.toFixed(2)}`),
    StartTime: first.toFixed(3),
    EndTime: Math.min(last + 1, duration).toFixed(3),
    StartIndex: first,
    EndIndex: last,
  };
}

function meanConfidence(values: readonly number[]): string {
  return (values.reduce((sum, v) => sum + v, 0) / values.length).toFixed(2);
}

export default defineTag({
  tag: 'VideoTag',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/85058',
  summary: 'Video tagging: tags for a video, with places and actions per time span and objects per frame.',
  resultNode: 'VideoTagResult',
  inputKind: 'video',
  inputDuration: [10, 180],
  processingSeconds: processingByDuration([3, 8], [0.2, 0.6]),
  jsonShape: 'object',
  lists: [
    `${DATA}.Tags`,
    `${DATA}.PlaceTags`,
    `${DATA}.PlaceTags.Tags`,
    `${DATA}.PlaceTags.ClipFrameResult`,
    `${DATA}.ActionTags`,
    `${DATA}.ActionTags.Tags`,
    `${DATA}.ObjectTags`,
    `${DATA}.ObjectTags.Objects`,
  ],
  build({ faker, tag, input }) {
    const media = mediaOf(input);
    const { width, height } = media.video ?? { width: 1280, height: 720 };
    // Frames are sampled at whole seconds inside the video.
    const seconds = Math.max(1, Math.ceil(media.duration) - 1);
    const placeTags = frameSpans(faker, seconds, countOf(faker, 4)).map((span) =>
      placeSpan(faker, span, media.duration),
    );
    const actionTags = frameSpans(faker, seconds, countOf(faker, 3)).map(([first, last]) => ({
      // A span where the model saw movement but named no action: `<Tags/>`, as in the sample.
      Tags: faker.number.int(9) === 0 ? '' : rankedTags(faker, ACTIONS, countOf(faker, 3)).map(nestedTag),
      StartTime: first.toFixed(3),
      EndTime: Math.min(last + 1, media.duration).toFixed(3),
    }));
    const objectSeconds = faker.helpers
      .arrayElements(
        Array.from({ length: seconds }, (_, s) => s),
        Math.min(seconds, countOf(faker, 6)),
      )
      .sort((a, b) => a - b);
    const objectTags = objectSeconds.map((second) => ({
      Objects: Array.from({ length: countOf(faker, 4) }, () => {
        const x1 = faker.number.int(Math.floor(width * 0.7));
        const y1 = faker.number.int(Math.floor(height * 0.7));
        return {
          BBox: {
            X1: x1,
            X2: x1 + faker.number.int({ min: Math.floor(width * 0.05), max: width - x1 }),
            Y1: y1,
            Y2: y1 + faker.number.int({ min: Math.floor(height * 0.05), max: height - y1 }),
          },
          Confidence: confidence(faker, 0.4, 0.99).toFixed(2),
          Name: faker.helpers.arrayElement(OBJECTS),
        };
      }),
      TimeStamp: second.toFixed(3),
    }));
    const userDataText = userData(faker, tag);
    const level = jobLevel(faker);
    const scenario = faker.helpers.arrayElement(VIDEO_TAG_SCENARIOS);
    // The whole video's Tags are {Tag, TagCls, Confidence} in the sample, unlike the nested ones.
    const videoTags = rankedTags(faker, VIDEO_TAGS, countOf(faker, 5)).map((t) => ({
      Tag: t.tag,
      TagCls: t.cls,
      Confidence: t.confidence,
    }));
    const failure =
      faker.number.int(9) === 0 ? faker.helpers.arrayElement(VIDEO_TAG_PARTIAL_FAILURES) : undefined;
    const data: Tree = {
      Tags: videoTags,
      PersonTags: '',
      PlaceTags: placeTags,
      ActionTags: actionTags,
      ObjectTags: objectTags,
    };
    if (failure) data[failure.part] = '';
    return {
      message: 'Success',
      operation: {
        UserData: userDataText,
        JobLevel: level,
        VideoTag: { Scenario: scenario },
        VideoTagResult: {
          StreamData: {
            SubErrCode: failure?.code ?? VIDEO_TAG_OK.code,
            SubErrMsg: failure?.message ?? VIDEO_TAG_OK.message,
            Data: data,
          },
        },
      },
    };
  },
  invariants: [
    {
      name: 'SubErrCode 0 ⇔ SubErrMsg ok; otherwise a known partial failure whose part of Data is empty',
      check: (job) => {
        const [stream] = nodesAt(job, 'Operation.VideoTagResult.StreamData');
        if (!stream) return undefined;
        const code = stream['SubErrCode'];
        const message = stream['SubErrMsg'];
        if (code === VIDEO_TAG_OK.code || message === VIDEO_TAG_OK.message)
          return code === VIDEO_TAG_OK.code && message === VIDEO_TAG_OK.message
            ? undefined
            : `SubErrCode ${code} with SubErrMsg '${message}'`;
        const failure = VIDEO_TAG_PARTIAL_FAILURES.find((f) => f.code === code && f.message === message);
        if (!failure) return `SubErrCode ${code} '${message}' is not a known partial failure`;
        return select(job, `${DATA}.${failure.part}`).every((node) => node === '')
          ? undefined
          : `${failure.part} is filled although its recogniser failed (${code})`;
      },
    },
    {
      name: 'every confidence is in (0, 1] and each Tags list is best first',
      check: (job) => {
        const lists = [
          nodesAt(job, `${DATA}.Tags`),
          ...nodesAt(job, `${DATA}.PlaceTags`).map((span) => nodesAt(span, 'Tags')),
          ...nodesAt(job, `${DATA}.ActionTags`).map((span) => nodesAt(span, 'Tags')),
        ];
        for (const list of lists) {
          const values = list.map((t) => Number(t['Confidence']));
          const bad = values.find((v) => !(v > 0 && v <= 1));
          if (bad !== undefined) return `confidence ${bad} is outside (0, 1]`;
          if (values.some((v, i) => i > 0 && v > (values[i - 1] as number)))
            return `tags ${values.join(', ')} are not best first`;
        }
        const objects = nodesAt(job, `${DATA}.ObjectTags.Objects`);
        const badObject = objects.find((o) => !(Number(o['Confidence']) > 0 && Number(o['Confidence']) <= 1));
        return badObject ? `object confidence ${badObject['Confidence']} is outside (0, 1]` : undefined;
      },
    },
    {
      name: 'a place span has one ClipFrameResult per second from StartIndex to EndIndex, and times that match',
      check: (job) => {
        for (const span of nodesAt(job, `${DATA}.PlaceTags`)) {
          const first = Number(span['StartIndex']);
          const last = Number(span['EndIndex']);
          const frames = select(span, 'ClipFrameResult').length;
          if (frames !== last - first + 1) return `${frames} ClipFrameResult for frames ${first}–${last}`;
          if (Number(span['StartTime']) !== first)
            return `StartTime ${span['StartTime']} for StartIndex ${first}`;
          const end = Number(span['EndTime']);
          if (!(end > last && end <= last + 1)) return `EndTime ${end} for EndIndex ${last}`;
        }
        return undefined;
      },
    },
    {
      name: "a place span's Tags are the places its frames show, each with their mean confidence",
      check: (job) => {
        for (const span of nodesAt(job, `${DATA}.PlaceTags`)) {
          const frames = select(span, 'ClipFrameResult').map((f) => {
            const [place, conf] = String(f).split(':');
            return { place, conf: Number(conf) };
          });
          const tags = nodesAt(span, 'Tags');
          const named = new Set(tags.map((t) => t['Tag']));
          const stray = frames.find((f) => !named.has(f.place as string) || Number.isNaN(f.conf));
          if (stray) return `frame ${stray.place}:${stray.conf} is not among the span's Tags`;
          for (const t of tags) {
            const confs = frames.filter((f) => f.place === t['Tag']).map((f) => f.conf);
            if (confs.length === 0) return `place ${t['Tag']} shows in no frame`;
            if (meanConfidence(confs) !== t['Confidence'])
              return `place ${t['Tag']} has Confidence ${t['Confidence']}, its frames' mean is ${meanConfidence(confs)}`;
          }
        }
        return undefined;
      },
    },
    {
      name: 'place and action spans run forward without overlapping',
      check: (job) => {
        for (const list of ['PlaceTags', 'ActionTags']) {
          let previousEnd = 0;
          for (const span of nodesAt(job, `${DATA}.${list}`)) {
            const start = Number(span['StartTime']);
            const end = Number(span['EndTime']);
            if (!(start >= previousEnd && end > start))
              return `${list} span ${start}–${end} after one ending at ${previousEnd}`;
            previousEnd = end;
          }
        }
        return undefined;
      },
    },
    {
      name: 'object frames are in time order, each object a known name in a box with X1 < X2 and Y1 < Y2',
      check: (job) => {
        let previous = -1;
        for (const frame of nodesAt(job, `${DATA}.ObjectTags`)) {
          const at = Number(frame['TimeStamp']);
          if (!(at > previous)) return `object frame at ${frame['TimeStamp']} after ${previous}`;
          previous = at;
          for (const object of nodesAt(frame, 'Objects')) {
            if (!(OBJECTS as readonly string[]).includes(String(object['Name'])))
              return `unknown object '${object['Name']}'`;
            const box = object['BBox'] as Job;
            const [x1, x2, y1, y2] = ['X1', 'X2', 'Y1', 'Y2'].map((k) => Number(box[k]));
            if (
              !(
                (x1 as number) >= 0 &&
                (y1 as number) >= 0 &&
                (x1 as number) < (x2 as number) &&
                (y1 as number) < (y2 as number)
              )
            )
              return `box ${x1},${y1}–${x2},${y2} is not well-formed`;
          }
        }
        return undefined;
      },
    },
  ],
});
