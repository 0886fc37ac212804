import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUCKET, outputJob, REGION } from '../../../test/support/media.ts';
import { seededFaker } from '../faker.ts';
import { normalize, select } from '../tree.ts';
import type { Job } from '../types.ts';
import { bucketObjectUrlProblem, outputFileProblem, outputLocationProblem } from './output-node-checks.ts';
import { outputFile } from './output-nodes.ts';

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
