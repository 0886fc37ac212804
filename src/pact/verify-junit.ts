/**
 * @module pact/verify-junit
 * A verify run as JUnit XML: one test case per contract variant, failed with the verifier's reason.
 */
import { renderJUnit } from '../core/junit.ts';
import type { VerifyReport } from './verify.ts';

export function verifyJUnit(report: VerifyReport, receiver: string): string {
  return renderJUnit({
    name: `ci-callback verify ${receiver}`,
    cases: report.results.map((result) => ({
      classname: 'contract',
      name: result.description,
      // a run stopped early (the receiver stopped answering) leaves variants that never ran: skipped, with why
      ...(!result.ran
        ? { skipped: report.stopped ?? 'not run' }
        : result.passed
          ? {}
          : { failure: { message: result.reason || 'failed', detail: result.reason } }),
    })),
  });
}
