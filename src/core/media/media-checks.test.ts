import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE_TYPES } from '../data/containers.ts';
import { seededFaker } from '../faker.ts';
import { nodesAt, normalize, select, text } from '../tree.ts';
import type { FileType, Job, MediaProfile, Variant } from '../types.ts';
import { successMessageInvariant } from './invariants.ts';
import { type MediaInfoStyle, mediaInfo } from './media-info.ts';
import { MEDIA_INFO_DESCRIBES_OUTPUT, mediaInfoInputProblem, mediaInfoProblem } from './media-info-checks.ts';
import {
  containerFormatInvariant,
  namesProblem,
  outputNameInvariant,
  outputNamesProblem,
} from './output-name-checks.ts';
import { bucketObjectUrlProblem, outputFileProblem, outputLocationProblem } from './output-node-checks.ts';
import { outputFile } from './output-nodes.ts';
import { mediaProfile, outputProfile } from './profile.ts';
import { aspectProblem, inputAspectProblem } from './profile-checks.ts';
import { TEMPLATE_IDS_DISTINCT, textWatermarkProblem } from './template-job-checks.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 104_729 + 11);
const STYLES: readonly MediaInfoStyle[] = ['decimal', 'integer'];
const VARIANT: Variant = { format: 'xml', trigger: 'direct', state: 'success' };
const BUCKET = 'b-1250000000';
const REGION = 'ap-beijing';

function type(extension: string): FileType {
  const found = FILE_TYPES.find((candidate) => candidate.extension === extension);
  assert.ok(found, extension);
  return found;
}

/** MediaInfo as it is sent (every leaf a string). */
function probe(profile: MediaProfile, style: MediaInfoStyle): Job {
  return normalize({ MediaInfo: mediaInfo(profile, style) })['MediaInfo'] as Job;
}

/** A job reading `key`, with the given MediaInfo and (for workflow jobs) the uploaded size. */
function jobWith(key: string, info: Job, uploadedSize?: number): Job {
  const input: Record<string, unknown> = { BucketId: BUCKET, Object: key, Region: REGION };
  if (uploadedSize !== undefined)
    input['CosHeaders'] = [
      { Key: 'Content-Type', Value: 'video/mp4' },
      { Key: 'Size', Value: `${uploadedSize}` },
    ];
  return { Input: input, Operation: { MediaInfo: info } } as Job;
}

function edited(info: Job, path: string, value: string): Job {
  const copy = structuredClone(info);
  const names = path.split('.');
  const parent = select(copy, names.slice(0, -1).join('.'))[0] as Job;
  parent[names.at(-1) as string] = value;
  return copy;
}

/** A job that wrote `names` from the Output pattern `pattern`, in its input's bucket unless told otherwise. */
function outputJob(
  pattern: string,
  names: string[],
  where: { fileBucket?: string; outputBucket?: string } = {},
): Job {
  return normalize({
    Input: { BucketId: BUCKET, Object: 'input/a.mp4', Region: REGION },
    Operation: {
      MediaResult: {
        OutputFile: {
          Bucket: where.fileBucket ?? BUCKET,
          ObjectName: names,
          ObjectPrefix: '',
          Region: REGION,
        },
      },
      Output: { Bucket: where.outputBucket ?? BUCKET, Object: pattern, Region: REGION },
    },
  });
}

describe('mediaInfoProblem', () => {
  it('finds nothing wrong in what media-info.ts builds, for every container and both styles', () => {
    for (const seed of SEEDS) {
      for (const fileType of FILE_TYPES.filter((candidate) => candidate.audio)) {
        for (const style of STYLES) {
          const profile = mediaProfile(seededFaker(seed), fileType);
          const info = probe(profile, style);
          assert.equal(mediaInfoProblem(info), undefined, `seed ${seed} .${fileType.extension} ${style}`);
          const job = jobWith(`input/a.${fileType.extension}`, info, profile.size);
          assert.equal(mediaInfoInputProblem(job), undefined, `seed ${seed} .${fileType.extension} ${style}`);
        }
      }
    }
  });

  it('names what disagrees', () => {
    const info = probe(mediaProfile(seededFaker(3), type('mp4')), 'decimal');
    const cases: [string, string, RegExp][] = [
      ['Format.NumStream', '3', /NumStream/],
      ['Format.Size', String(Number(text(info, 'Format.Size')) + 2), /Size/],
      ['Format.Bitrate', String(Number(text(info, 'Format.Bitrate')) * 2), /Bitrate/],
      ['Format.Bitrate', String(Number(text(info, 'Format.Bitrate')) / 2), /Bitrate/],
      ['Stream.Audio.Duration', '1.000000', /lasts/],
      ['Stream.Video.NumFrames', String(Number(text(info, 'Stream.Video.NumFrames')) + 30), /NumFrames/],
      ['Stream.Video.Fps', '12.000000', /Fps/],
      ['Stream.Video.Dar', '4:3', /Dar/],
      ['Stream.Video.Width', '1919.5', /pixels/],
      ['Stream.Audio.Index', '5', /Index/],
      ['Stream.Video.Index', '1', /Index/],
      ['Stream.Audio.ChannelLayout', 'mono', /ChannelLayout/],
      ['Stream.Audio.CodecTimeBase', '1/8000', /CodecTimeBase/],
    ];
    for (const [path, value, message] of cases) {
      assert.match(mediaInfoProblem(edited(info, path, value)) ?? 'no problem found', message, path);
    }
  });

  it('allows the integer style no more than its rounding, and has nothing to check in a failed job', () => {
    const info = probe(mediaProfile(seededFaker(5), type('mp4')), 'integer');
    // Whole seconds make Size up to half a second of Bitrate (bps) off Bitrate × Duration; three halves are too much.
    const offBy = Math.round((Number(text(info, 'Format.Bitrate')) / 16) * 3);
    const resized = edited(info, 'Format.Size', String(Number(text(info, 'Format.Size')) + offBy));
    assert.match(mediaInfoProblem(resized) ?? '', /Size/);
    assert.equal(mediaInfoProblem(undefined), undefined, 'a failed job has no MediaInfo');
    assert.equal(
      mediaInfoProblem(normalize({ Format: '', Stream: { Audio: '', Subtitle: '', Video: '' } })),
      undefined,
      'the empty skeleton',
    );
  });
});

describe('MediaInfo as a description of a file', () => {
  it('mediaInfoInputProblem catches a MediaInfo that does not describe the input object', () => {
    const profile = mediaProfile(seededFaker(9), type('mp4'));
    const info = probe(profile, 'integer');
    assert.match(mediaInfoInputProblem(jobWith('input/a.mp3', info)) ?? '', /FormatName/);
    assert.match(mediaInfoInputProblem(jobWith('input/a.mp4', info, profile.size + 1)) ?? '', /uploaded/);
    const audioOnly = edited(info, 'Stream.Video', '');
    assert.match(mediaInfoInputProblem(jobWith('input/a.mp4', audioOnly)) ?? '', /video/);
    assert.match(
      mediaInfoInputProblem(jobWith('input/a.mp4', edited(info, 'Stream.Audio.CodecName', 'opus'))) ?? '',
      /codec/,
    );
    assert.match(mediaInfoInputProblem(jobWith('input/a.docx', info)) ?? '', /not an audio or video file/);
    assert.match(mediaInfoInputProblem({ Operation: { MediaInfo: info } }) ?? '', /no Input.Object/);
  });

  it('MEDIA_INFO_DESCRIBES_OUTPUT takes output files of the container MediaInfo names', () => {
    const written = outputProfile(mediaProfile(seededFaker(4), type('mp4')), { extension: 'mkv' });
    const job = (name: string) => {
      const base = outputJob('out/a.${ext}', [name]);
      return { ...base, Operation: { ...(base['Operation'] as Job), MediaInfo: probe(written, 'decimal') } };
    };
    assert.equal(MEDIA_INFO_DESCRIBES_OUTPUT.check(job('out/a.mkv'), VARIANT), undefined);
    assert.match(
      MEDIA_INFO_DESCRIBES_OUTPUT.check(job('out/a.mp4'), VARIANT) ?? '',
      /out\/a.mp4 is not the matroska/,
    );
    assert.equal(
      MEDIA_INFO_DESCRIBES_OUTPUT.check(outputJob('out/a.mp4', ['out/a.mp4']), VARIANT),
      undefined,
    );
  });
});

describe('output files', () => {
  const names = ['out/a-0.mp4', 'out/a-1.mp4', 'out/a-2.mp4'];
  const file = (md5: 'per-file' | 'none') =>
    normalize(outputFile(seededFaker(1), { bucket: BUCKET, region: REGION, objectNames: names, md5 }));

  it('per-file: one Md5Info per ObjectName, in the same order', () => {
    const digests = file('per-file');
    assert.equal(outputFileProblem(digests, 'per-file'), undefined);
    assert.match(
      outputFileProblem({ ...digests, ObjectName: names.slice(0, 2) }, 'per-file') ?? '',
      /3 Md5Info for 2/,
    );
    const swapped = { ...digests, ObjectName: [names[1], names[0], names[2]] as string[] };
    assert.match(outputFileProblem(swapped, 'per-file') ?? '', /Md5Info 0/);
    assert.match(outputFileProblem(file('none'), 'per-file') ?? '', /0 Md5Info for 3/);
  });

  it('per-file under an ObjectPrefix: each Md5Info names the full key, ObjectPrefix + ObjectName', () => {
    const pieces = normalize(
      outputFile(seededFaker(1), {
        bucket: BUCKET,
        region: REGION,
        objectNames: ['0.mp4', '1.mp4'],
        objectPrefix: 'out/a-',
        md5: 'per-file',
      }),
    );
    assert.deepEqual(
      (select(pieces, 'Md5Info') as Job[]).map((digest) => digest['ObjectName']),
      ['out/a-0.mp4', 'out/a-1.mp4'],
    );
    assert.equal(outputFileProblem(pieces, 'per-file'), undefined);
    assert.match(
      outputFileProblem({ ...pieces, ObjectPrefix: 'out/b-' }, 'per-file') ?? '',
      /Md5Info 0 does not give an MD5 for 'out\/b-0.mp4' \(ObjectPrefix \+ ObjectName\)/,
    );
  });

  it('none: an empty Md5Info, in SpriteOutputFile too', () => {
    assert.equal(outputFileProblem(file('none'), 'none'), undefined);
    assert.match(
      outputFileProblem(file('per-file'), 'none') ?? '',
      /3 Md5Info where image outputs have none/,
    );
    const sprite = { ...file('none'), SpriteOutputFile: file('per-file') };
    assert.match(outputFileProblem(sprite, 'none') ?? '', /Md5Info/);
    assert.equal(outputFileProblem(undefined, 'per-file'), undefined, 'a failed job has no MediaResult');
  });

  it('outputLocationProblem: the Output in the input’s bucket, the files in the Output’s', () => {
    assert.equal(outputLocationProblem(outputJob('a.mp4', ['a.mp4'])), undefined);
    assert.match(
      outputLocationProblem(outputJob('a.mp4', ['a.mp4'], { fileBucket: 'c-1250000000' })) ?? '',
      /OutputFile Bucket/,
    );
    assert.match(
      outputLocationProblem(
        outputJob('a.mp4', ['a.mp4'], { fileBucket: 'c-1250000000', outputBucket: 'c-1250000000' }),
      ) ?? '',
      /Output Bucket c-1250000000, the input's b-1250000000/,
    );
  });

  it('bucketObjectUrlProblem wants an object of the kind on the Output bucket’s COS domain', () => {
    const job = outputJob('a.mp4', ['a.mp4']);
    const domain = `https://${BUCKET}.cos.${REGION}.myqcloud.com/`;
    assert.equal(bucketObjectUrlProblem(job, `${domain}fill/intro.mp4`, 'video'), undefined);
    assert.match(bucketObjectUrlProblem(job, `${domain}fill/intro.mp3`, 'video') ?? '', /not a video object/);
    assert.match(
      bucketObjectUrlProblem(job, 'https://c-1250000000.cos.ap-beijing.myqcloud.com/a.txt', 'text') ?? '',
      /under https:\/\/b-1250000000/,
    );
  });
});

describe('output names', () => {
  it('namesProblem points at the first difference', () => {
    assert.equal(namesProblem(['a', 'b'], ['a', 'b']), undefined);
    assert.match(namesProblem(['a', 'b'], ['a']) ?? '', /1 names where 2/);
    assert.match(namesProblem(['a', 'b'], ['a', 'c']) ?? '', /name 1 is 'c'/);
  });

  it('outputNamesProblem checks MediaResult names against the Output pattern and the count', () => {
    const pieces = outputJob('out/a-${Number}.${ext}', ['out/a-0.mp4', 'out/a-1.mp4']);
    assert.equal(outputNamesProblem(pieces, { ext: 'mp4', count: 2 }), undefined);
    assert.match(outputNamesProblem(pieces, { ext: 'flv' }) ?? '', /expected 'out\/a-0.flv'/);
    assert.match(outputNamesProblem(pieces, { ext: 'mp4', count: 3 }) ?? '', /2 names where 3/);
    assert.match(outputNamesProblem(outputJob('out/a.mp4', []), { count: 1 }) ?? '', /0 names where 1/);
    const underPrefix = (prefix: string, names: string[]) => {
      const job = outputJob('out/a-${Number}.mp4', names);
      ((job['Operation'] as Job)['MediaResult'] as Job)['OutputFile'] = {
        ...(select(job, 'Operation.MediaResult.OutputFile')[0] as Job),
        ObjectPrefix: prefix,
      };
      return job;
    };
    assert.equal(outputNamesProblem(underPrefix('out/a-', ['0.mp4', '1.mp4'])), undefined);
    assert.match(
      outputNamesProblem(underPrefix('out/a-', ['out/a-0.mp4'])) ?? '',
      /name 0 is 'out\/a-0.mp4', expected '0.mp4'/,
    );
    assert.match(outputNamesProblem(underPrefix('out/', ['a-0.mp4'])) ?? '', /ObjectPrefix 'out\/' is not/);
    assert.equal(
      outputNamesProblem(normalize({ Operation: {} })),
      undefined,
      'a failed job has no MediaResult',
    );
  });

  it('outputNameInvariant takes one file of a container the Tag writes', () => {
    const invariant = outputNameInvariant(['mp4', 'm3u8', 'mp4']);
    assert.match(invariant.name, /\(mp4, m3u8\)$/);
    assert.equal(invariant.check(outputJob('out/a.${ext}', ['out/a.m3u8']), VARIANT), undefined);
    assert.match(
      invariant.check(outputJob('out/a.${ext}', ['out/a.mov']), VARIANT) ?? '',
      /\.mov is not one of/,
    );
    assert.match(
      invariant.check(outputJob('out/a.mp4', ['out/b.mp4']), VARIANT) ?? '',
      /expected 'out\/a.mp4'/,
    );
    assert.match(
      invariant.check(outputJob('out/a.mp4', ['out/a.mp4', 'out/a.mp4']), VARIANT) ?? '',
      /2 names where 1/,
    );
  });

  it('containerFormatInvariant expands ${ext} to the extension of the container the parameters name', () => {
    const invariant = containerFormatInvariant('Operation.Segment.Format', { hls: 'm3u8', mp4: 'mp4' });
    const job = (format: string, names: string[]) => {
      const base = outputJob('out/a-${Number}.${ext}', names);
      return { ...base, Operation: { ...(base['Operation'] as Job), Segment: { Format: format } } };
    };
    assert.match(invariant.name, /extension of Segment.Format$/);
    assert.equal(invariant.check(job('hls', ['out/a-0.m3u8', 'out/a-1.m3u8']), VARIANT), undefined);
    assert.match(invariant.check(job('mp4', ['out/a-0.m3u8']), VARIANT) ?? '', /expected 'out\/a-0.mp4'/);
    assert.match(
      invariant.check(job('avi', ['out/a-0.avi']), VARIANT) ?? '',
      /Segment.Format avi is not one of hls, mp4/,
    );
  });
});

describe('templates, watermarks, messages, frames', () => {
  const ids = ['t1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7', 't0123456789abcdef0123456789abcdef'];

  it('TEMPLATE_IDS_DISTINCT: every template id has CI’s form and none is named twice', () => {
    const job = (operation: Job) => normalize({ Operation: operation });
    assert.equal(
      TEMPLATE_IDS_DISTINCT.check(
        job({ TemplateId: ids[0] as string, WatermarkTemplateId: [ids[1] as string] }),
        VARIANT,
      ),
      undefined,
    );
    assert.match(
      TEMPLATE_IDS_DISTINCT.check(
        job({ TranscodeTemplateId: ids[0] as string, WatermarkTemplateId: [ids[0] as string] }),
        VARIANT,
      ) ?? '',
      /named twice/,
    );
    assert.match(
      TEMPLATE_IDS_DISTINCT.check(job({ TemplateId: 'template_transcode' }), VARIANT) ?? '',
      /'template_transcode' is not a template id/,
    );
  });

  it('textWatermarkProblem wants Text, V1 and a message the alphabet takes', () => {
    const alphabet = /^[a-z_]{1,8}$/;
    const mark = (message: string, version = 'V1'): Job => ({
      Message: message,
      Type: 'Text',
      Version: version,
    });
    assert.equal(textWatermarkProblem(mark('uid_a'), alphabet), undefined);
    assert.match(textWatermarkProblem(mark('uid_a', 'V2'), alphabet) ?? '', /not Text V1/);
    assert.match(textWatermarkProblem(mark('far too long a text'), alphabet) ?? '', /watermark text/);
  });

  it('successMessageInvariant wants the Message on successful jobs only', () => {
    const invariant = successMessageInvariant('done');
    assert.equal(invariant.check({ State: 'Success', Message: 'done' }, VARIANT), undefined);
    assert.match(invariant.check({ State: 'Success', Message: 'success' }, VARIANT) ?? '', /expected 'done'/);
    assert.equal(invariant.check({ State: 'Failed', Message: 'InternalError' }, VARIANT), undefined);
  });

  it('aspect checks allow the even rounding of a scaled frame, and nothing more', () => {
    assert.equal(aspectProblem({ width: 854, height: 480 }, { width: 320, height: 180 }), undefined);
    assert.match(aspectProblem({ width: 1920, height: 1080 }, { width: 1280, height: 960 }) ?? '', /aspect/);
    const job = normalize({
      Operation: {
        MediaInfo: { Stream: { Video: { Height: 1080, Width: 1920 } } },
        Params: { Video: { Height: 720, Width: 960 } },
      },
    });
    assert.match(inputAspectProblem(job, 'Operation.Params.Video') ?? '', /960x720/);
    assert.equal(inputAspectProblem(normalize({ Operation: {} }), 'Operation.Params.Video'), undefined);
  });

  it('nodesAt leaves out empty placeholders', () => {
    const job = normalize({ Stream: { Audio: [{ Index: 1 }, '', { Index: 2 }], Video: '' } });
    assert.deepEqual(
      nodesAt(job, 'Stream.Audio').map((node) => node['Index']),
      ['1', '2'],
    );
    assert.deepEqual(nodesAt(job, 'Stream.Video'), []);
  });
});
