import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outputJob, VARIANT } from '../../../test/support/media.ts';
import { normalize, select } from '../tree.ts';
import type { Job } from '../types.ts';
import {
  containerFormatInvariant,
  namesProblem,
  outputNameInvariant,
  outputNamesProblem,
} from './output-name-checks.ts';

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
