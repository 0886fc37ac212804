import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { edited, jobWith, outputJob, probe, SEEDS, STYLES, VARIANT } from '../../../test/support/media.ts';
import { FILE_TYPES } from '../data/containers.ts';
import { seededFaker } from '../faker.ts';
import { fileType } from '../objects.ts';
import { normalize, text } from '../tree.ts';
import type { Job } from '../types.ts';
import { MEDIA_INFO_DESCRIBES_OUTPUT, mediaInfoInputProblem, mediaInfoProblem } from './media-info-checks.ts';
import { mediaProfile, outputProfile } from './profile.ts';

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
    const info = probe(mediaProfile(seededFaker(3), fileType('mp4')), 'decimal');
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
    const info = probe(mediaProfile(seededFaker(5), fileType('mp4')), 'integer');
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
    const profile = mediaProfile(seededFaker(9), fileType('mp4'));
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
    const written = outputProfile(mediaProfile(seededFaker(4), fileType('mp4')), { extension: 'mkv' });
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
