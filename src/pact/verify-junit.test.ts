import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyJUnit } from './verify-junit.ts';

describe('verify as JUnit XML', () => {
  it('has one test case per variant, failed with the reason', () => {
    const xml = verifyJUnit(
      {
        passed: false,
        verifierOutput: '',
        results: [
          { description: 'SmartCover xml direct/success', passed: true, ran: true, reason: '' },
          {
            description: 'SoundHound json workflow/failed',
            passed: false,
            ran: true,
            reason: 'expected status 2xx but was 500',
          },
        ],
      },
      'http://127.0.0.1:3000',
    );
    assert.match(xml, /<testsuite name="ci-callback verify http:\/\/127.0.0.1:3000" tests="2" failures="1"/);
    assert.match(xml, /<testcase classname="contract" name="SmartCover xml direct\/success" time="0.000"\/>/);
    assert.match(
      xml,
      /name="SoundHound json workflow\/failed" time="0.000">\n\s+<failure message="expected status 2xx but was 500">/,
    );
  });

  it('marks the variants a stopped run never reached as skipped, with why it stopped', () => {
    const stopped = 'the receiver at http://127.0.0.1:3000 stopped answering (connection refused)';
    const xml = verifyJUnit(
      {
        passed: false,
        verifierOutput: '',
        stopped,
        results: [
          { description: 'SmartCover xml direct/success', passed: true, ran: true, reason: '' },
          { description: 'SmartCover json direct/success', passed: false, ran: false, reason: 'not run' },
        ],
      },
      'http://127.0.0.1:3000',
    );
    assert.match(xml, /tests="2" failures="0" skipped="1"/);
    assert.match(
      xml,
      /name="SmartCover json direct\/success" time="0.000">\n\s+<skipped message="the receiver/,
    );
  });
});
