import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE_TYPES } from '../data/containers.ts';
import { seededFaker } from '../faker.ts';
import { inputObject } from '../objects.ts';
import { normalize, select, text } from '../tree.ts';
import type { FileType, Job, MediaProfile } from '../types.ts';
import { displayAspect, type MediaInfoStyle, mediaInfo } from './media-info.ts';
import { mediaInfoProblem } from './media-info-checks.ts';
import {
  containerOf,
  cosObjectUrl,
  expandPattern,
  extensionOf,
  namesFromPattern,
  objectStem,
  outputPattern,
  patternPrefix,
} from './output-names.ts';
import { mediaResult, outputFile, patternOutputs } from './output-nodes.ts';
import { mediaProfile, outputProfile, scaleFrame, withExtraAudio, withSplitAudio } from './profile.ts';
import { aspectProblem } from './profile-checks.ts';
import { templateJobOperation, textWatermark } from './template-job.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => i * 104_729 + 11);

function type(extension: string): FileType {
  const found = FILE_TYPES.find((candidate) => candidate.extension === extension);
  assert.ok(found, extension);
  return found;
}

/** MediaInfo as it is sent (every leaf a string). */
function probe(profile: MediaProfile, style: MediaInfoStyle): Job {
  return normalize({ MediaInfo: mediaInfo(profile, style) })['MediaInfo'] as Job;
}

describe('media profiles and MediaInfo', () => {
  it('gives an .mp3 one audio stream and no video, an .mp4 one video and one audio stream', () => {
    for (const seed of SEEDS) {
      const faker = seededFaker(seed);
      const mp3 = probe(mediaProfile(faker, type('mp3')), 'decimal');
      assert.equal(text(mp3, 'Format.FormatName'), 'mp3');
      assert.equal(text(mp3, 'Format.NumStream'), '1');
      assert.equal(select(mp3, 'Stream.Audio').length, 1);
      assert.equal(text(mp3, 'Stream.Video'), '');
      assert.equal(text(mp3, 'Stream.Audio.CodecName'), 'mp3');

      const mp4 = probe(mediaProfile(faker, type('mp4')), 'decimal');
      assert.equal(text(mp4, 'Format.FormatName'), 'mov,mp4,m4a,3gp,3g2,mj2');
      assert.equal(text(mp4, 'Format.NumStream'), '2');
      assert.equal(text(mp4, 'Stream.Video.Index'), '0');
      assert.equal(text(mp4, 'Stream.Audio.Index'), '1');
      assert.ok(['h264', 'hevc'].includes(text(mp4, 'Stream.Video.CodecName') ?? ''));
      assert.equal(text(mp4, 'Stream.Audio.CodecName'), 'aac');
    }
  });

  it('makes Duration, Bitrate, Size and NumFrames agree (decimal style: kbps and seconds, six decimals)', () => {
    for (const seed of SEEDS) {
      const profile = mediaProfile(seededFaker(seed), type('mp4'));
      const info = probe(profile, 'decimal');
      const duration = Number(text(info, 'Format.Duration'));
      const kbps = Number(text(info, 'Format.Bitrate'));
      assert.match(text(info, 'Format.Duration') ?? '', /^\d+\.\d{6}$/);
      assert.equal(duration, profile.duration);
      assert.equal(Number(text(info, 'Format.Size')), profile.size);
      assert.ok(Math.abs(profile.size - (kbps * 1000 * duration) / 8) <= 1, `seed ${seed}: Size`);
      const streamsKbps =
        Number(text(info, 'Stream.Video.Bitrate')) + Number(text(info, 'Stream.Audio.Bitrate'));
      assert.ok(kbps > streamsKbps && kbps < streamsKbps * 1.05, `seed ${seed}: container overhead`);
      const [num, den] = (text(info, 'Stream.Video.AvgFps') ?? '').split('/').map(Number);
      const frames = Number(text(info, 'Stream.Video.NumFrames'));
      assert.ok(
        Math.abs(frames - (duration * (num as number)) / (den as number)) <= 1,
        `seed ${seed}: frames`,
      );
      assert.equal(text(info, 'Stream.Video.Duration'), text(info, 'Format.Duration'));
      assert.equal(text(info, 'Stream.Audio.Duration'), text(info, 'Format.Duration'));
      const width = Number(text(info, 'Stream.Video.Width'));
      const height = Number(text(info, 'Stream.Video.Height'));
      assert.equal(text(info, 'Stream.Video.Dar'), displayAspect(width, height));
    }
  });

  it('writes the integer style as bps and whole seconds (Transcode)', () => {
    const profile = mediaProfile(seededFaker(7), type('mp4'));
    const info = probe(profile, 'integer');
    assert.equal(text(info, 'Format.Duration'), String(Math.round(profile.duration)));
    assert.equal(text(info, 'Format.Bitrate'), String(Math.round(profile.bitrateKbps * 1000)));
    assert.match(text(info, 'Stream.Video.Fps') ?? '', /^\d+$/);
  });

  it('reduces Width:Height to the display aspect ratio', () => {
    assert.equal(displayAspect(1920, 1080), '16:9');
    assert.equal(displayAspect(720, 1280), '9:16');
    assert.equal(displayAspect(854, 480), '427:240');
  });

  it('withExtraAudio adds a stream and recomputes the totals; withSplitAudio keeps the file as it is', () => {
    for (const seed of SEEDS) {
      const profile = mediaProfile(seededFaker(seed), type('mp3'));
      const [track] = profile.audio;
      assert.ok(track);
      const extra = withExtraAudio(profile, track);
      assert.equal(extra.audio.length, 2);
      assert.ok(extra.size > profile.size);
      assert.equal(mediaInfoProblem(probe(extra, 'decimal')), undefined);

      const split = withSplitAudio(profile);
      assert.equal(split.audio.length, 2);
      assert.equal(split.size, profile.size);
      assert.equal(split.bitrateKbps, profile.bitrateKbps);
      const sum = split.audio.reduce((kbps, stream) => kbps + stream.bitrateKbps, 0);
      assert.ok(Math.abs(sum - track.bitrateKbps) < 1e-9);
      const info = probe(split, 'decimal');
      assert.equal(mediaInfoProblem(info), undefined);
      assert.deepEqual(
        select(info, 'Stream.Audio').map((stream) => (stream as Job)['Index']),
        ['0', '1'],
      );
    }
  });
});

describe('outputProfile: the file a job writes', () => {
  it('keeps the input’s streams by default, in the output container’s names and codec tags', () => {
    for (const seed of SEEDS) {
      const input = mediaProfile(seededFaker(seed), type('mp4'));
      const output = outputProfile(input, { extension: 'flv' });
      assert.equal(output.formatName, type('flv').formatName);
      assert.equal(output.duration, input.duration);
      // flv carries H.264 only: an HEVC input comes out as the container's H.264.
      assert.equal(output.video?.codec, type('flv').video?.[0]);
      assert.equal(output.video?.width, input.video?.width);
      assert.equal(output.audio[0]?.codec, type('flv').audio?.[0]);
      assert.equal(mediaInfoProblem(probe(output, 'decimal')), undefined, `seed ${seed}`);
    }
  });

  it('applies video changes, a new duration (frames follow it) and drops streams when asked', () => {
    for (const seed of SEEDS) {
      const input = mediaProfile(seededFaker(seed), type('mp4'));
      const output = outputProfile(input, {
        extension: 'mp4',
        duration: input.duration + 12,
        video: { codec: 'hevc', profile: 'Main 10', width: 3840, height: 2160, bitrateKbps: 8000.12345 },
        keepAudio: false,
      });
      assert.equal(output.video?.codec.name, 'hevc');
      assert.equal(output.video?.profile, 'Main 10');
      assert.equal(output.video?.width, 3840);
      assert.equal(output.video?.bitrateKbps, 8000.123, 'bitrate rounded as ffprobe prints it');
      assert.equal(output.video?.numFrames, Math.round(output.duration * (input.video?.fps ?? 0)));
      assert.deepEqual(output.audio, []);
      assert.ok(output.size > 0 && output.bitrateKbps > 8000.123);
      assert.equal(mediaInfoProblem(probe(output, 'decimal')), undefined, `seed ${seed}`);
      assert.equal(outputProfile(input, { extension: 'mp4', video: null }).video, undefined);
    }
  });

  it('refuses an extension that is not a file type CI writes', () => {
    const input = mediaProfile(seededFaker(1), type('mp4'));
    assert.throws(
      () => outputProfile(input, { extension: 'avi' }),
      /no file type for the output extension 'avi'/,
    );
  });
});

describe('output names', () => {
  it('expands ${Number} from 0, ${Page} from 1 and ${ext}, leaving other text alone', () => {
    assert.equal(expandPattern('output/snapshot-${Number}.jpg', { Number: 3 }), 'output/snapshot-3.jpg');
    assert.equal(expandPattern('test1/${Page}.jpg', { Page: 1 }), 'test1/1.jpg');
    assert.equal(expandPattern('out/demo.${ext}', { ext: 'mp4' }), 'out/demo.mp4');
    assert.equal(expandPattern('out/${InputName}.mp4', { Number: 1 }), 'out/${InputName}.mp4');
    assert.deepEqual(namesFromPattern('output/cover-${Number}.jpg', { count: 3 }), [
      'output/cover-0.jpg',
      'output/cover-1.jpg',
      'output/cover-2.jpg',
    ]);
    assert.deepEqual(namesFromPattern('doc/${Page}.png', { count: 2 }), ['doc/1.png', 'doc/2.png']);
    assert.deepEqual(namesFromPattern('out/a-${Number}.${ext}', { count: 2, ext: 'flv' }), [
      'out/a-0.flv',
      'out/a-1.flv',
    ]);
  });

  it('gives Snapshot-style names relative to the prefix before the first variable', () => {
    const pattern = 'output/snapshot-${Number}.jpg';
    assert.equal(patternPrefix(pattern), 'output/snapshot-');
    assert.equal(patternPrefix('out/demo.${ext}'), '');
    assert.deepEqual(namesFromPattern(pattern, { count: 2, prefix: patternPrefix(pattern) }), [
      '0.jpg',
      '1.jpg',
    ]);
  });

  it('reads stems, extensions and file types from object keys and URLs', () => {
    assert.equal(objectStem('input/sub/demo-01.mp4'), 'demo-01');
    assert.equal(extensionOf('input/sub/demo-01.mp4'), 'mp4');
    assert.equal(extensionOf('input/v1.0/README'), '');
    assert.equal(containerOf('https://b-1250000000.cos.ap-beijing.myqcloud.com/a/b.flv')?.kind, 'video');
    assert.equal(containerOf('a/b.wav')?.kind, 'audio');
    assert.equal(containerOf('a/b.avi'), undefined);
    assert.equal(
      cosObjectUrl('test-1250000000', 'ap-beijing', '/a/b.mp4'),
      'https://test-1250000000.cos.ap-beijing.myqcloud.com/a/b.mp4',
    );
  });

  it('draws patterns named after the input, in a given folder and suffix, the extension written out or ${ext}', () => {
    const folders = ['out/', 'vod/hd/'];
    const suffixes = ['', '-720p', '-${Number}'];
    const endings = new Set<string>();
    for (const seed of SEEDS) {
      const pattern = outputPattern(seededFaker(seed), {
        inputKey: 'input/demo-01.mov',
        folders,
        suffixes,
        extension: 'm3u8',
      });
      const match = /^(out\/|vod\/hd\/)demo-01(|-720p|-\$\{Number\})\.(m3u8|\$\{ext\})$/.exec(pattern);
      assert.ok(match, pattern);
      endings.add(match[3] as string);
    }
    assert.deepEqual([...endings].sort(), ['${ext}', 'm3u8'], 'both ways of writing the extension occur');
  });
});

describe('MediaResult / OutputFile', () => {
  it('gives each output file its own Md5Info, in ObjectName order', () => {
    const names = ['out/a-0.mp4', 'out/a-1.mp4', 'out/a-2.mp4'];
    const file = normalize(
      outputFile(seededFaker(1), {
        bucket: 'b-1250000000',
        region: 'ap-beijing',
        objectNames: names,
        md5: 'per-file',
      }),
    );
    assert.deepEqual(file['ObjectName'], names);
    const digests = select(file, 'Md5Info') as Job[];
    assert.deepEqual(
      digests.map((digest) => digest['ObjectName']),
      names,
    );
    for (const digest of digests) assert.match(String(digest['Md5']), /^[0-9a-f]{32}$/);
    assert.equal(new Set(digests.map((digest) => digest['Md5'])).size, names.length, 'distinct digests');
  });

  it('leaves Md5Info empty for image outputs and nests the sprite sheets', () => {
    const result = normalize(
      mediaResult(seededFaker(2), {
        bucket: 'b-1250000000',
        region: 'ap-beijing',
        objectNames: ['0.jpg', '1.jpg'],
        objectPrefix: 'output/snapshot-',
        md5: 'none',
        sprite: {
          bucket: 'b-1250000000',
          region: 'ap-beijing',
          objectNames: ['0.jpg'],
          objectPrefix: 'output/sprite-',
          md5: 'none',
        },
      }),
    );
    assert.equal(text(result, 'OutputFile.Md5Info'), '');
    assert.equal(text(result, 'OutputFile.ObjectPrefix'), 'output/snapshot-');
    assert.deepEqual(Object.keys(result['OutputFile'] as Job), [
      'Bucket',
      'Md5Info',
      'ObjectName',
      'ObjectPrefix',
      'Region',
      'SpriteOutputFile',
    ]);
    assert.equal(text(result, 'OutputFile.SpriteOutputFile.ObjectName'), '0.jpg');
  });

  it('patternOutputs lists the files a pattern names in the input’s bucket and echoes the pattern in Output', () => {
    const input = { bucket: 'b-1250000000', region: 'ap-beijing' };
    const nodes = normalize(
      patternOutputs(seededFaker(3), { input, pattern: 'out/a-${Number}.${ext}', ext: 'ts', count: 3 }),
    );
    assert.deepEqual(Object.keys(nodes), ['MediaResult', 'Output']);
    assert.deepEqual(select(nodes, 'MediaResult.OutputFile.ObjectName'), [
      'out/a-0.ts',
      'out/a-1.ts',
      'out/a-2.ts',
    ]);
    assert.deepEqual(
      (select(nodes, 'MediaResult.OutputFile.Md5Info') as Job[]).map((digest) => digest['ObjectName']),
      ['out/a-0.ts', 'out/a-1.ts', 'out/a-2.ts'],
    );
    assert.equal(text(nodes, 'MediaResult.OutputFile.Bucket'), input.bucket);
    assert.deepEqual(nodes['Output'], {
      Bucket: input.bucket,
      Object: 'out/a-${Number}.${ext}',
      Region: input.region,
    });
    assert.equal(text(nodes, 'MediaResult.OutputFile.ObjectPrefix'), '', 'full keys by default');
    const pieces = normalize(
      patternOutputs(seededFaker(3), { input, pattern: 'out/a-${Number}.ts', count: 2, underPrefix: true }),
    );
    assert.equal(text(pieces, 'MediaResult.OutputFile.ObjectPrefix'), 'out/a-');
    assert.deepEqual(select(pieces, 'MediaResult.OutputFile.ObjectName'), ['0.ts', '1.ts']);
    assert.deepEqual(
      (select(pieces, 'MediaResult.OutputFile.Md5Info') as Job[]).map((digest) => digest['ObjectName']),
      ['out/a-0.ts', 'out/a-1.ts'],
      'Md5Info names the full keys',
    );
    const one = normalize(patternOutputs(seededFaker(3), { input, pattern: 'out/b.mp4' }));
    assert.deepEqual(select(one, 'MediaResult.OutputFile.ObjectName'), ['out/b.mp4'], 'one file by default');
  });

  it('templateJobOperation writes one file of a template’s container in the generic media shape', () => {
    const extensionsSeen = new Set<string>();
    for (const seed of SEEDS) {
      const faker = seededFaker(seed);
      const input = inputObject(faker, { kind: 'video', bucket: 'b-1250000000', region: 'ap-beijing' });
      const operation = normalize(
        templateJobOperation(faker, {
          tag: 'HighSpeedHd',
          input,
          containers: ['hls', 'mp4'],
          extensions: { hls: 'm3u8' },
          folders: ['tshd/'],
          suffixes: ['-hd'],
          templateNames: ['tshd-720p'],
        }),
      );
      assert.deepEqual(Object.keys(operation), [
        'MediaInfo',
        'MediaResult',
        'Output',
        'TemplateId',
        'TemplateName',
        'UserData',
        'JobLevel',
      ]);
      assert.match(text(operation, 'MediaInfo.Format.Duration') ?? '', /^\d+$/, 'integer style');
      const [name] = select(operation, 'MediaResult.OutputFile.ObjectName');
      const ext = extensionOf(String(name));
      extensionsSeen.add(ext);
      assert.equal(name, `tshd/${objectStem(input.key)}-hd.${ext}`);
      assert.equal(name, expandPattern(text(operation, 'Output.Object') ?? '', { ext }));
      assert.equal(text(operation, 'TemplateName'), 'tshd-720p');
      assert.equal(text(operation, 'Output.Bucket'), input.bucket);
    }
    assert.deepEqual(
      [...extensionsSeen].sort(),
      ['m3u8', 'mp4'],
      'hls writes .m3u8; an unlisted format is its own',
    );
  });

  it('textWatermark is a Text watermark, version V1, with one of the given texts', () => {
    const mark = textWatermark(seededFaker(4), ['uid_1', 'uid_2']);
    assert.deepEqual(Object.keys(mark), ['Message', 'Type', 'Version']);
    assert.ok(['uid_1', 'uid_2'].includes(String(mark['Message'])));
    assert.equal(mark['Type'], 'Text');
    assert.equal(mark['Version'], 'V1');
  });
});

describe('frames', () => {
  it('scales to a width, height or short side keeping the aspect ratio, with even sides', () => {
    assert.deepEqual(scaleFrame({ width: 1920, height: 1080 }, { height: 720 }), {
      width: 1280,
      height: 720,
    });
    assert.deepEqual(scaleFrame({ width: 1080, height: 1920 }, { shortSide: 720 }), {
      width: 720,
      height: 1280,
    });
    assert.deepEqual(scaleFrame({ width: 854, height: 480 }, { width: 320 }), { width: 320, height: 180 });
    for (const [width, height] of [
      [1920, 1080],
      [854, 480],
      [720, 1280],
      [3840, 2160],
    ] as const) {
      for (const side of [240, 320, 360, 480, 720, 1080, 2160]) {
        const scaled = scaleFrame({ width, height }, { shortSide: side });
        assert.equal(scaled.width % 2, 0);
        assert.equal(scaled.height % 2, 0);
        assert.equal(aspectProblem({ width, height }, scaled), undefined, `${width}x${height} → ${side}`);
      }
    }
  });
});
