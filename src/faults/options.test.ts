import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/errors.ts';
import { chooseFaults, seededRandom } from './choice.ts';
import { describeFaultPlan, faultPlanOf, faultsSchema, parseFaultFlags } from './options.ts';

describe('fault options: the API shape', () => {
  it('takes a probability, true, or {probability, delayMs}, in camelCase or kebab-case', () => {
    const input = faultsSchema.parse({
      duplicate: { probability: 0.05, delayMs: 2000 },
      slowBody: 0.01,
      'unknown-fields': true,
    });
    assert.deepEqual(faultPlanOf(input, 'single'), {
      duplicate: { probability: 0.05, delayMs: 2000 },
      'slow-body': { probability: 0.01, delayMs: 0 },
      'unknown-fields': { probability: 1, delayMs: 0 },
    });
  });

  it('refuses an unknown fault and a probability above 1, naming what is accepted', () => {
    const unknown = faultsSchema.safeParse({ dupe: 0.1 });
    assert.equal(unknown.success, false);
    assert.match(JSON.stringify(unknown.error?.issues), /unknown fault 'dupe'.*duplicate, reorder/);
    const tooLikely = faultsSchema.safeParse({ duplicate: 5 });
    assert.equal(tooLikely.success, false);
    assert.match(JSON.stringify(tooLikely.error?.issues), /0 … 1/);
  });

  it('refuses the batch faults where a single delivery is shaped (schedules, load)', () => {
    assert.throws(() => faultPlanOf({ burst: 0.1 }, 'single'), /shapes a batch/);
    assert.deepEqual(faultPlanOf({ burst: 0.1 }, 'batch'), { burst: { probability: 0.1, delayMs: 0 } });
  });
});

describe('fault options: the CLI grammar', () => {
  it('reads NAME=P%,delay=D and a bare NAME as forced', () => {
    assert.deepEqual(parseFaultFlags(['duplicate=5%,delay=2s', 'slow-body=1%', 'malformed'], 'single'), {
      duplicate: { probability: 0.05, delayMs: 2000 },
      'slow-body': { probability: 0.01, delayMs: 0 },
      malformed: { probability: 1, delayMs: 0 },
    });
    assert.deepEqual(parseFaultFlags(['large=0.5'], 'single'), { large: { probability: 0.5, delayMs: 0 } });
  });

  it('says what was wrong and what is accepted', () => {
    const cases: [string, RegExp][] = [
      ['dupe=5%', /unknown fault 'dupe'; accepted fault names: duplicate/],
      ['duplicate=150%', /a probability is 0 … 1/],
      ['duplicate=5%x', /probability '5%x' is not 0% … 100%/],
      ['duplicate=5%,wait=2s', /'wait=2s' is not understood; accepted: NAME\[=P%\]\[,delay=D\]/],
      ['duplicate=5%,delay=soon', /delay 'soon' is not a duration/],
    ];
    for (const [flag, message] of cases) {
      assert.throws(
        () => parseFaultFlags([flag], 'single'),
        (error: Error) => error instanceof InputError && message.test(error.message),
        flag,
      );
    }
  });

  it('writes a plan back as the CLI takes it', () => {
    assert.equal(
      describeFaultPlan(parseFaultFlags(['duplicate=5%,delay=2s', 'slow-body=1%'], 'single')),
      'duplicate=5%,delay=2000ms slow-body=1%',
    );
  });
});

describe('fault choice', () => {
  const plan = parseFaultFlags(['duplicate=50%', 'malformed=10%'], 'single');

  it('is the same for the same seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => chooseFaults(plan, random));
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });

  it('picks each fault about as often as its probability', () => {
    const random = seededRandom(7);
    const counts = { duplicate: 0, malformed: 0 };
    for (let i = 0; i < 10_000; i++) {
      for (const name of chooseFaults(plan, random)) counts[name as keyof typeof counts]++;
    }
    assert.ok(Math.abs(counts.duplicate - 5000) < 300, `duplicate ${counts.duplicate}`);
    assert.ok(Math.abs(counts.malformed - 1000) < 150, `malformed ${counts.malformed}`);
  });

  it('never picks a fault at 0% and always one at 100%', () => {
    const random = seededRandom(1);
    const never = parseFaultFlags(['duplicate=0%', 'large'], 'single');
    for (let i = 0; i < 100; i++) assert.deepEqual(chooseFaults(never, random), ['large']);
  });
});
