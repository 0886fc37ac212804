import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probe, SEEDS } from '../../../test/support/media.ts';
import { seededFaker } from '../faker.ts';
import { fileType } from '../objects.ts';
import { select, text } from '../tree.ts';
import type { Job } from '../types.ts';
import { mediaInfoProblem } from './media-info-checks.ts';
import { mediaProfile, outputProfile, scaleFrame, withExtraAudio, withSplitAudio } from './profile.ts';
import { aspectProblem } from './profile-checks.ts';

describe('media profiles', () => {
  it('gives an .mp3 one audio stream and no video, an .mp4 one video and one audio stream', () => {
    for (const seed of SEEDS) {
      const faker = seededFaker(seed);
      const mp3 = probe(mediaProfile(faker, fileType('mp3')), 'decimal');
      assert.equal(text(mp3, 'Format.FormatName'), 'mp3');
      assert.equal(text(mp3, 'Format.NumStream'), '1');
      assert.equal(select(mp3, 'Stream.Audio').length, 1);
      assert.equal(text(mp3, 'Stream.Video'), '');
      assert.equal(text(mp3, 'Stream.Audio.CodecName'), 'mp3');

      const mp4 = probe(mediaProfile(faker, fileType('mp4')), 'decimal');
      assert.equal(text(mp4, 'Format.FormatName'), 'mov,mp4,m4a,3gp,3g2,mj2');
      assert.equal(text(mp4, 'Format.NumStream'), '2');
      assert.equal(text(mp4, 'Stream.Video.Index'), '0');
      assert.equal(text(mp4, 'Stream.Audio.Index'), '1');
      assert.ok(['h264', 'hevc'].includes(text(mp4, 'Stream.Video.CodecName') ?? ''));
      assert.equal(text(mp4, 'Stream.Audio.CodecName'), 'aac');
    }
  });

  it('withExtraAudio adds a stream and recomputes the totals; withSplitAudio keeps the file as it is', () => {
    for (const seed of SEEDS) {
      const profile = mediaProfile(seededFaker(seed), fileType('mp3'));
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
      const input = mediaProfile(seededFaker(seed), fileType('mp4'));
      const output = outputProfile(input, { extension: 'flv' });
      assert.equal(output.formatName, fileType('flv').formatName);
      assert.equal(output.duration, input.duration);
      // flv carries H.264 only: an HEVC input comes out as the container's H.264.
      assert.equal(output.video?.codec, fileType('flv').video?.[0]);
      assert.equal(output.video?.width, input.video?.width);
      assert.equal(output.audio[0]?.codec, fileType('flv').audio?.[0]);
      assert.equal(mediaInfoProblem(probe(output, 'decimal')), undefined, `seed ${seed}`);
    }
  });

  it('applies video changes, a new duration (frames follow it) and drops streams when asked', () => {
    for (const seed of SEEDS) {
      const input = mediaProfile(seededFaker(seed), fileType('mp4'));
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
    const input = mediaProfile(seededFaker(1), fileType('mp4'));
    assert.throws(
      () => outputProfile(input, { extension: 'avi' }),
      /no file type for the output extension 'avi'/,
    );
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
