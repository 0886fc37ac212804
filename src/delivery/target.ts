/**
 * @module delivery/target
 * The one check of a target URL (where a callback or a load run is sent), for every flag and API field that
 * takes one: `send`/`serve`/`load`/`probe --target`, `artillery init --target`, and `target` in the bodies of
 * /emit, /schedules, /load-runs and /probes. An absolute http:// or https:// URL; Node's WHATWG URL parser
 * decides what parses, the same parser the HTTP client sends with. The text echoed in an error is masked, since
 * a target may carry a receiver's secret.
 */
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { maskTarget } from './mask-target.ts';

export const TARGET_RULE = 'an absolute http:// or https:// URL, e.g. http://127.0.0.1:3000/callback';
const NO_CREDENTIALS = ' without user or password (put secrets in headers)';

export interface TargetRules {
  /** Refuse `user:password@` (for files that get committed, such as an Artillery script). */
  noCredentials?: boolean;
}

/** Why `text` is not a target, in the words every caller shows; `undefined` when it is one. */
export function targetProblem(text: string, rules: TargetRules = {}): string | undefined {
  const rule = rules.noCredentials ? `${TARGET_RULE}${NO_CREDENTIALS}` : TARGET_RULE;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return `'${maskTarget(text)}' is not ${rule}`;
  if (rules.noCredentials && (url.username || url.password)) return `'${maskTarget(text)}' is not ${rule}`;
  return undefined;
}

/** The target in `text`; `field` names it in the error, e.g. `target` or `--target`. */
export function parseTarget(field: string, text: string | undefined, rules: TargetRules = {}): URL {
  if (text === undefined || text === '') throw new InputError(field, `${field} is required: ${TARGET_RULE}`);
  const problem = targetProblem(text, rules);
  // `field: problem`, as a schema's issue reads at every edge (src/core/issues.ts)
  if (problem) throw new InputError(field, `${field}: ${problem}`);
  return new URL(text);
}

/** The zod schema of a target field: the same check, the same words. */
export const targetSchema = z
  .string()
  .superRefine((text, ctx) => {
    const problem = targetProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, continue: false });
  })
  .meta({ description: `The receiver: ${TARGET_RULE}`, format: 'uri' });
