/**
 * ImageOCR: CI's text recognition (OCR) on a picture, a picture job. The shape comes from the Go SDK only:
 * parameter node ImageOCR{Type, LanguageType, IsPdf, PdfPageNumber, IsWord, EnableWordPolygon} and result node
 * Detection{InputObjectName, InputObjectUrl, ObjectName, ObjectUrl, Code, State, Message, TextDetections*,
 * Language, Angel, PdfPageSize} ("Angel" is the SDK's spelling), children in alphabetical order as CI's samples
 * have them. TextDetections follow Tencent's OCR API: DetectedText, Confidence 0–100, Polygon (the four corners,
 * clockwise from top-left), ItemPolygon {X, Y, Width, Height} and, when IsWord is on, one Words {Character,
 * Confidence} per character. Modelled: the picture is read in place, so ObjectName/ObjectUrl name the input;
 * EnableWordPolygon is off (its result shape is not known), so no WordPolygon.
 * SDK source: https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go (catalog §3).
 */
import type { Faker } from '@faker-js/faker';
import { jobLevel, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { cosObjectUrl } from '../core/media/output-names.ts';
import { select, text } from '../core/tree.ts';
import type { Job, Tree } from '../core/types.ts';
import { OCR_LANGUAGE_TYPES, OCR_LINES, OCR_SINGLE_CHARACTERS, OCR_TYPES } from './data/ocr.ts';
import { PICTURE_SIZES } from './data/pictures.ts';

const RESULT = 'Operation.Detection';

/** The lines read off a picture, top to bottom; one seed in six is a single character (a "福" poster). */
function recognisedLines(faker: Faker): string[] {
  if (faker.number.int(5) === 0) return [faker.helpers.arrayElement(OCR_SINGLE_CHARACTERS)];
  return faker.helpers.arrayElements(OCR_LINES, { min: 2, max: 6 });
}

/** A text line's detection: an axis-aligned box sized by its characters, its corners, and per-character words. */
function textDetection(
  faker: Faker,
  line: string,
  box: { x: number; y: number; charSize: number },
  isWord: boolean,
): Tree {
  const characters = [...line];
  const width = Math.round(characters.length * box.charSize * faker.number.float({ min: 0.9, max: 1.1 }));
  const height = Math.round(box.charSize * faker.number.float({ min: 1.1, max: 1.4 }));
  const { x, y } = box;
  // Spaces are gaps between characters, not characters OCR reports.
  const words = characters
    .filter((character) => character.trim() !== '')
    .map((character) => ({
      Character: character,
      Confidence: faker.number.int({ min: 85, max: 100 }),
    }));
  return {
    Confidence: faker.number.int({ min: 85, max: 99 }),
    DetectedText: line,
    ItemPolygon: { Height: height, Width: width, X: x, Y: y },
    Polygon: [
      { X: x, Y: y },
      { X: x + width, Y: y },
      { X: x + width, Y: y + height },
      { X: x, Y: y + height },
    ],
    ...(isWord ? { Words: words } : {}),
  };
}

export default defineTag({
  tag: 'ImageOCR',
  family: 'pic',
  source: 'inferred',
  docUrl: 'https://github.com/tencentyun/cos-go-sdk-v5/blob/master/ci_media.go',
  summary: 'Picture OCR: the lines of text in a picture, with their boxes and confidences.',
  resultNode: 'Detection',
  inputKind: 'image',
  inputExtensions: ['jpg', 'png'],
  processingSeconds: [1, 5],
  jsonShape: 'object',
  lists: [`${RESULT}.TextDetections`, `${RESULT}.TextDetections.Words`],
  build({ faker, tag, input }) {
    const [width, height] = faker.helpers.arrayElement(PICTURE_SIZES);
    const isWord = faker.number.int(4) !== 0;
    const lines = recognisedLines(faker);
    const charSize = Math.round(Math.min(width, height) / faker.number.int({ min: 18, max: 30 }));
    const rowHeight = Math.floor(height / lines.length);
    const detections = lines.map((line, row) =>
      textDetection(
        faker,
        line,
        {
          x: faker.number.int(Math.max(0, width - [...line].length * charSize * 1.2)),
          y: row * rowHeight + faker.number.int(Math.max(0, rowHeight - charSize * 1.5)),
          charSize,
        },
        isWord,
      ),
    );
    const url = cosObjectUrl(input.bucket, input.region, input.key);
    return {
      operation: {
        Detection: {
          Angel: '0.00',
          Code: 'Success',
          InputObjectName: input.key,
          InputObjectUrl: url,
          Language: 'zh',
          Message: '',
          ObjectName: input.key,
          ObjectUrl: url,
          PdfPageSize: 0,
          State: 'Success',
          TextDetections: detections,
        },
        ImageOCR: {
          EnableWordPolygon: false,
          IsPdf: false,
          IsWord: isWord,
          LanguageType: faker.helpers.arrayElement(OCR_LANGUAGE_TYPES),
          PdfPageNumber: 1,
          Type: faker.helpers.arrayElement(OCR_TYPES),
        },
        UserData: userData(faker, tag),
        JobLevel: jobLevel(faker),
      },
    };
  },
  invariants: [
    {
      name: "the Detection's Code and State agree with the job's, and it names the input under the bucket's COS domain",
      check: (job) => {
        if (select(job, RESULT).length === 0) return undefined;
        if (
          text(job, `${RESULT}.Code`) !== text(job, 'Code') ||
          text(job, `${RESULT}.State`) !== text(job, 'State')
        )
          return `Detection Code ${text(job, `${RESULT}.Code`)} / State ${text(job, `${RESULT}.State`)}`;
        const object = text(job, 'Input.Object') ?? '';
        const url = cosObjectUrl(text(job, 'Input.BucketId') ?? '', text(job, 'Input.Region') ?? '', object);
        for (const [name, expected] of [
          ['InputObjectName', object],
          ['InputObjectUrl', url],
          ['ObjectName', object],
          ['ObjectUrl', url],
        ]) {
          if (text(job, `${RESULT}.${name}`) !== expected)
            return `${name} ${text(job, `${RESULT}.${name}`)} is not ${expected}`;
        }
        return undefined;
      },
    },
    {
      name: 'each Polygon is the four corners of its ItemPolygon, clockwise from top-left',
      check: (job) => {
        for (const detection of detections(job)) {
          const box = detection['ItemPolygon'] as Job;
          const [x, y, w, h] = ['X', 'Y', 'Width', 'Height'].map((k) => Number(box[k])) as [
            number,
            number,
            number,
            number,
          ];
          const corners = select(detection, 'Polygon') as Job[];
          const expected = [
            [x, y],
            [x + w, y],
            [x + w, y + h],
            [x, y + h],
          ];
          const wrong =
            corners.length !== 4 ||
            !(w > 0 && h > 0) ||
            corners.some(
              (c, i) => Number(c['X']) !== expected[i]?.[0] || Number(c['Y']) !== expected[i]?.[1],
            );
          if (wrong)
            return `Polygon of '${detection['DetectedText']}' is not the corners of ${x},${y} ${w}x${h}`;
        }
        return undefined;
      },
    },
    {
      name: 'with IsWord on (and only then), the Words spell DetectedText one printed character each',
      check: (job) => {
        const isWord = text(job, 'Operation.ImageOCR.IsWord') === 'true';
        for (const detection of detections(job)) {
          const words = select(detection, 'Words') as Job[];
          if (!isWord) {
            if (words.length > 0) return 'Words without IsWord';
            continue;
          }
          const spelled = words.map((w) => w['Character']);
          const printed = String(detection['DetectedText']).replace(/\s/g, '');
          if (spelled.join('') !== printed || spelled.some((c) => [...String(c)].length !== 1))
            return `Words ${spelled.join('|')} do not spell '${detection['DetectedText']}'`;
        }
        return undefined;
      },
    },
    {
      name: 'confidences are whole numbers from 0 to 100, and lines run top to bottom',
      check: (job) => {
        let previousY = -1;
        for (const detection of detections(job)) {
          const values = [detection, ...(select(detection, 'Words') as Job[])].map((d) =>
            String(d['Confidence']),
          );
          const bad = values.find((v) => !/^\d+$/.test(v) || Number(v) > 100);
          if (bad !== undefined) return `confidence ${bad} for '${detection['DetectedText']}'`;
          const y = Number((detection['ItemPolygon'] as Job)['Y']);
          if (!(y > previousY)) return `'${detection['DetectedText']}' at Y ${y} is above the line before`;
          previousY = y;
        }
        return undefined;
      },
    },
  ],
});

function detections(job: Job): Job[] {
  return select(job, `${RESULT}.TextDetections`) as Job[];
}
