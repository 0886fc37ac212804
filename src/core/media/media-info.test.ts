import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probe, SEEDS } from '../../../test/support/media.ts';
import { seededFaker } from '../faker.ts';
import { fileType } from '../objects.ts';
import { text } from '../tree.ts';
import { displayAspect } from './media-info.ts';
import { mediaProfile } from './profile.ts';

describe('MediaInfo', () => {
  it('makes Duration, Bitrate, Size and NumFrames agree (decimal style: kbps and seconds, six decimals)', () => {
    for (const seed of SEEDS) {
      const profile = mediaProfile(seededFaker(seed), fileType('mp4'));
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
    const profile = mediaProfile(seededFaker(7), fileType('mp4'));
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
});
