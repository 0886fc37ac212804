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
          { description: 'SmartCover xml direct/success', passed: true, reason: '' },
          {
            description: 'SoundHound json workflow/failed',
            passed: false,
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
});
