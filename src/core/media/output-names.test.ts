import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEEDS } from '../../../test/support/media.ts';
import { seededFaker } from '../faker.ts';
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
