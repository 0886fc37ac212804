/**
 * Snapshot: CI captures frames of a video as images and, when asked, tiles them into sprite sheets. We follow the
 * documented callback: the empty MediaInfo skeleton; MediaResult lists the frames relative to ObjectPrefix
 * (`0.jpg` under `output/snapshot-`) with an empty Md5Info, and the sprite sheets likewise in SpriteOutputFile;
 * Output echoes the patterns (Object, SpriteObject) unexpanded; TemplateId/TemplateName; UserData, no JobLevel.
 * Official callback page: https://cloud.tencent.com/document/api/436/85059 (catalog §3, Snapshot).
 */
import { template, userData } from '../core/common-nodes.ts';
import { defineTag } from '../core/define-tag.ts';
import { emptyMediaInfo } from '../core/media/media-info.ts';
import { namesProblem } from '../core/media/output-name-checks.ts';
import { namesFromPattern, objectStem, patternPrefix } from '../core/media/output-names.ts';
import { OUTPUTS_WHERE_ASKED } from '../core/media/output-node-checks.ts';
import { mediaResult, output } from '../core/media/output-nodes.ts';
import { mediaOf } from '../core/media/profile.ts';
import { select, text } from '../core/tree.ts';
import type { Job } from '../core/types.ts';
import { OUTPUT_FOLDERS, TEMPLATE_NAMES } from './data/media-templates.ts';

/** Frames per sprite sheet (Columns × Lines of the template's SpriteSnapshotConfig). */
const SPRITE_CELLS = [4, 6, 9] as const;
const FILE = 'Operation.MediaResult.OutputFile';

export default defineTag({
  tag: 'Snapshot',
  family: 'media',
  source: 'documented',
  docUrl: 'https://cloud.tencent.com/document/api/436/85059',
  summary: 'Snapshot: frames of a video as images, optionally tiled into sprite sheets.',
  resultNode: 'MediaResult',
  inputKind: 'video',
  processingSeconds: [2, 15],
  jsonShape: 'object',
  lists: [`${FILE}.ObjectName`, `${FILE}.SpriteOutputFile.ObjectName`],
  build({ faker, tag, input }) {
    const seconds = mediaOf(input).duration;
    // One frame (a cover) for some jobs; otherwise a series, at most one a second of video.
    const count =
      faker.number.int(4) === 0 ? 1 : faker.number.int({ min: 2, max: Math.min(15, Math.floor(seconds)) });
    const format = faker.helpers.weightedArrayElement([
      { value: 'jpg', weight: 8 },
      { value: 'png', weight: 2 },
    ]);
    const folder = faker.helpers.arrayElement(OUTPUT_FOLDERS.Snapshot);
    const stem = faker.helpers.arrayElement(['snapshot', objectStem(input.key)]);
    const pattern = `${folder}${stem}-\${Number}.${format}`;
    const sprite = faker.number.int(3) > 0;
    const spritePattern = `${folder}sprite-\${Number}.jpg`;
    const sheets = Math.ceil(count / faker.helpers.arrayElement(SPRITE_CELLS));
    const location = { bucket: input.bucket, region: input.region };
    const numbered = (of: string, n: number) => ({
      ...location,
      objectNames: namesFromPattern(of, { count: n, prefix: patternPrefix(of) }),
      objectPrefix: patternPrefix(of),
      md5: 'none' as const,
    });
    return {
      operation: {
        MediaInfo: emptyMediaInfo(),
        MediaResult: mediaResult(faker, {
          ...numbered(pattern, count),
          ...(sprite ? { sprite: numbered(spritePattern, sheets) } : {}),
        }),
        Output: output({
          ...location,
          object: pattern,
          extra: sprite ? { SpriteObject: spritePattern } : {},
        }),
        ...template(faker, TEMPLATE_NAMES.Snapshot),
        UserData: userData(faker, tag),
      },
    };
  },
  invariants: [
    {
      name: 'ObjectPrefix + ObjectName expand Output.Object, ${Number} counting from 0',
      check: (job) => numberedProblem(job, FILE, 'Operation.Output.Object'),
    },
    {
      name: 'sprite sheets: SpriteOutputFile ObjectPrefix + ObjectName expand Output.SpriteObject from 0',
      check: (job) => numberedProblem(job, `${FILE}.SpriteOutputFile`, 'Operation.Output.SpriteObject'),
    },
    OUTPUTS_WHERE_ASKED,
  ],
});

/** Names listed relative to ObjectPrefix: the prefix is the pattern's text before `${Number}`. */
function numberedProblem(job: Job, filePath: string, patternPath: string): string | undefined {
  const names = select(job, `${filePath}.ObjectName`);
  const pattern = text(job, patternPath);
  if (names.length === 0 || pattern === undefined) return undefined;
  const prefix = text(job, `${filePath}.ObjectPrefix`) ?? '';
  if (prefix !== patternPrefix(pattern)) return `ObjectPrefix '${prefix}' is not the start of '${pattern}'`;
  return namesProblem(namesFromPattern(pattern, { count: names.length, prefix }), names);
}
