/**
 * @module junit
 * JUnit XML, the test report format GitHub Actions, GitLab and Jenkins display: one suite, one test case per
 * probe, contract variant or load threshold. Written by hand (a dozen lines) so only render-xml needs
 * xmlbuilder2.
 */

export interface JUnitCase {
  /** The test case's class (a group: the fault, the Tag, the threshold's metric). */
  classname: string;
  name: string;
  timeMs?: number;
  /** A failed case: one-line message and optional detail. */
  failure?: { message: string; detail?: string };
  /** A case that did not run, with why. */
  skipped?: string;
}

export interface JUnitSuite {
  name: string;
  timestamp?: string;
  /** The suite's `<properties>`: facts about the run a reader needs beside the cases. */
  properties?: Readonly<Record<string, string>>;
  cases: readonly JUnitCase[];
}

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // characters XML 1.0 cannot carry at all
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the ones being removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

const seconds = (ms = 0) => (ms / 1000).toFixed(3);

export function renderJUnit(suite: JUnitSuite): string {
  const failures = suite.cases.filter((c) => c.failure).length;
  const skipped = suite.cases.filter((c) => c.skipped !== undefined).length;
  const time = suite.cases.reduce((sum, c) => sum + (c.timeMs ?? 0), 0);
  const stamp = suite.timestamp ? ` timestamp="${escapeXml(suite.timestamp)}"` : '';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds(time)}">`,
    `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds(time)}"${stamp}>`,
  ];
  const properties = Object.entries(suite.properties ?? {});
  if (properties.length > 0) {
    lines.push('    <properties>');
    for (const [name, value] of properties)
      lines.push(`      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`);
    lines.push('    </properties>');
  }
  for (const c of suite.cases) {
    const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="${seconds(c.timeMs)}"`;
    if (c.failure) {
      lines.push(`${open}>`);
      lines.push(
        `      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.detail ?? c.failure.message)}</failure>`,
      );
      lines.push('    </testcase>');
    } else if (c.skipped !== undefined) {
      lines.push(`${open}>`, `      <skipped message="${escapeXml(c.skipped)}"/>`, '    </testcase>');
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
