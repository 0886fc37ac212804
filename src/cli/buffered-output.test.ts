import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferedOutput } from './buffered-output.ts';

describe('buffered output', () => {
  it('writes the lines of one turn of the event loop in one call, in order, at its end', (t) => {
    t.mock.timers.enable({ apis: ['setImmediate'] });
    const writes: string[] = [];
    const out = bufferedOutput((text) => writes.push(text));
    out.write('#1 delivered\n');
    out.write('#2 delivered\n');
    assert.deepEqual(writes, [], 'held until the turn ends');
    t.mock.timers.tick(0);
    assert.deepEqual(writes, ['#1 delivered\n#2 delivered\n']);
    out.write('#3 delivered\n');
    t.mock.timers.tick(0);
    assert.deepEqual(writes, ['#1 delivered\n#2 delivered\n', '#3 delivered\n']);
  });

  it('writes what it holds at once on flush, and nothing twice', (t) => {
    t.mock.timers.enable({ apis: ['setImmediate'] });
    const writes: string[] = [];
    const out = bufferedOutput((text) => writes.push(text));
    out.write('#1 delivered\n');
    out.flush();
    assert.deepEqual(writes, ['#1 delivered\n']);
    t.mock.timers.tick(0);
    out.flush();
    assert.deepEqual(writes, ['#1 delivered\n'], 'an empty buffer writes nothing');
  });

  it('does not hold more than 64 KiB: a long burst is written as it grows', (t) => {
    t.mock.timers.enable({ apis: ['setImmediate'] });
    const writes: string[] = [];
    const out = bufferedOutput((text) => writes.push(text));
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 100; i++) out.write(line);
    assert.ok(writes.length >= 1, 'written before the turn ends');
    t.mock.timers.tick(0);
    assert.equal(writes.join(''), line.repeat(100));
  });
});
