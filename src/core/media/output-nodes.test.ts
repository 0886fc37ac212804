import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededFaker } from '../faker.ts';
import { normalize, select, text } from '../tree.ts';
import type { Job } from '../types.ts';
import { mediaResult, outputFile, patternOutputs } from './output-nodes.ts';

describe('MediaResult / OutputFile / Output', () => {
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
});
