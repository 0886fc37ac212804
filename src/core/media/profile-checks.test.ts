import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../tree.ts';
import { aspectProblem, inputAspectProblem } from './profile-checks.ts';

describe('frames', () => {
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
});
