import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJUnit } from './junit.ts';

describe('JUnit XML', () => {
  it('counts tests, failures and skips, and escapes what it carries', () => {
    const xml = renderJUnit({
      name: 'suite <1>',
      cases: [
        { classname: 'a', name: 'ok', timeMs: 1500 },
        {
          classname: 'a',
          name: 'bad & "worse"',
          failure: { message: 'got <500>', detail: 'line1\nline2\u0001' },
        },
        { classname: 'b', name: 'later', skipped: 'stopped early' },
      ],
    });
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="suite &lt;1&gt;" tests="3" failures="1" skipped="1" time="1.500">/,
    );
    assert.match(xml, /<testcase classname="a" name="ok" time="1.500"\/>/);
    assert.match(
      xml,
      /<testcase classname="a" name="bad &amp; &quot;worse&quot;" time="0.000">\n {6}<failure message="got &lt;500&gt;">line1\nline2<\/failure>/,
    );
    assert.match(xml, /<skipped message="stopped early"\/>/);
  });
});
