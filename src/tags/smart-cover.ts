/**
 * SmartCover: CI picks the best cover frames of a video. The callback lists one image per cover, named by
 * expanding the Output pattern's `${Number}`; MediaInfo is the empty skeleton CI sends for this Tag.
 * Official callback page: `docUrl` below; its examples are copied into fixtures/reference/SmartCover/.
 */
import { userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { emptyMediaInfo } from '../core/media/media-info.ts';
import { expandPattern } from '../core/media/output-names.ts';
import { mediaResult, output } from '../core/media/output-nodes.ts';
import { select, text } from '../core/tree.ts';

const COVER_SIZES: Record<'landscape' | 'portrait', readonly (readonly [number, number])[]> = {
  landscape: [
    [1280, 720],
    [1280, 960],
    [1920, 1080],
    [640, 360],
  ],
  portrait: [
    [720, 1280],
    [1080, 1920],
  ],
};

export default defineTag({
  tag: 'SmartCover',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/product/460/76909',
  summary: 'Smart cover: the best cover frames of a video, as images.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: [3, 20],
  jsonShape: 'object',
  lists: ['Operation.MediaResult.OutputFile.ObjectName'],
  build({ faker, tag, input }) {
    // One cover in five seeds, so ObjectName is sometimes a single string in JSON.
    const count = faker.number.int(4) === 0 ? 1 : faker.number.int({ min: 2, max: 10 });
    const format = faker.helpers.weightedArrayElement([
      { value: 'jpg', weight: 6 },
      { value: 'png', weight: 2 },
      { value: 'webp', weight: 1 },
    ]);
    const video = input.media?.video;
    const orientation = video && video.height > video.width ? 'portrait' : 'landscape';
    const [width, height] = faker.helpers.arrayElement(COVER_SIZES[orientation]);
    const pattern = `${faker.helpers.arrayElement(['output/', 'cover/', 'smartcover/'])}smartcover-\${Number}.${format}`;
    const names = Array.from({ length: count }, (_, n) => expandPattern(pattern, { Number: n }));
    return {
      operation: {
        MediaInfo: emptyMediaInfo(),
        MediaResult: mediaResult(faker, {
          bucket: input.bucket,
          region: input.region,
          objectNames: names,
          md5: 'none',
        }),
        Output: output({ bucket: input.bucket, region: input.region, object: pattern }),
        SmartCover: {
          Count: count,
          DeleteDuplicates: faker.datatype.boolean(),
          Format: format,
          Height: height,
          Width: width,
        },
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    {
      name: 'Count is the number of ObjectName entries',
      check: (job) => {
        const count = text(job, 'Operation.SmartCover.Count');
        const names = select(job, 'Operation.MediaResult.OutputFile.ObjectName');
        if (names.length === 0) return undefined;
        return Number(count) === names.length ? undefined : `Count ${count} but ${names.length} ObjectName`;
      },
    },
    {
      name: 'ObjectName entries expand the Output pattern ${Number} from 0',
      check: (job) => {
        const pattern = text(job, 'Operation.Output.Object') ?? '';
        const names = select(job, 'Operation.MediaResult.OutputFile.ObjectName');
        const wrong = names.findIndex((name, n) => name !== expandPattern(pattern, { Number: n }));
        return wrong === -1
          ? undefined
          : `ObjectName ${wrong} '${names[wrong]}' does not expand '${pattern}'`;
      },
    },
    {
      name: 'covers are in the requested format',
      check: (job) => {
        const format = text(job, 'Operation.SmartCover.Format');
        const bad = select(job, 'Operation.MediaResult.OutputFile.ObjectName').find(
          (name) => typeof name === 'string' && !name.endsWith(`.${format}`),
        );
        return bad === undefined ? undefined : `'${bad}' is not a .${format}`;
      },
    },
  ],
});
