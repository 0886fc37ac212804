/**
 * @module artillery/test-script
 * The two files `ci-callback artillery init` writes: an Artillery test script (YAML) whose one scenario POSTs
 * callbacks at a fixed arrival rate through the processor's hooks, and the tiny processor file that
 * re-exports `ci-callback-emitter/artillery` (a file of the test's own, so Artillery's bundling for
 * run-fargate / run-lambda sees the package as a dependency of the test).
 */
import { z } from 'zod';
import { parseDuration } from '../core/duration.ts';
import { InputError } from '../core/errors.ts';
import { checkedInput } from '../core/issues.ts';
import { numberFromText, wholeNumberIn } from '../core/number-fields.ts';
import { parseTarget } from '../delivery/target.ts';
import { parseTagWeights } from '../load/plan.ts';
import { loadRunBody, RUN_TIME } from '../load/run-request.ts';

export const SCRIPT_FILE = 'ci-callback.yml';
export const PROCESSOR_FILE = 'ci-callback-processor.mjs';

export interface TestScriptInput {
  tags?: string;
  rate?: string;
  duration?: string;
  target?: string;
}

export const TEST_SCRIPT_DEFAULTS = {
  tags: 'all',
  rate: '10',
  duration: '60s',
  target: 'http://127.0.0.1:3000/callback',
} as const;

/** One Artillery worker's arrival rate is bounded by its CPU; far more is a typo, and a flood on the target. */
const MAX_RATE = 100_000;

export interface TestScriptPlan {
  tags: string;
  rate: number;
  durationSeconds: number;
  /** Artillery's `config.target` (scheme, host, port) and the scenario's path. */
  origin: string;
  path: string;
}

/** The arrival rate (callbacks per second, one Artillery worker's) and a load run's duration. */
const testScriptSchema = z.object({
  rate: numberFromText(wholeNumberIn(1, MAX_RATE)),
  duration: loadRunBody.shape.duration.unwrap(),
});

export function resolveTestScript(input: TestScriptInput): TestScriptPlan {
  const tags = input.tags ?? TEST_SCRIPT_DEFAULTS.tags;
  parseTagWeights(tags);
  const { rate, duration } = checkedInput(testScriptSchema, {
    rate: input.rate ?? TEST_SCRIPT_DEFAULTS.rate,
    duration: input.duration ?? TEST_SCRIPT_DEFAULTS.duration,
  });
  const durationMs = parseDuration('duration', duration, RUN_TIME);
  if (durationMs % 1000 !== 0) {
    throw new InputError(
      'duration',
      `duration: Artillery phases last whole seconds (e.g. 30s, 2m), got '${input.duration}'`,
    );
  }
  const target = parseTarget('target', input.target ?? TEST_SCRIPT_DEFAULTS.target, {
    noCredentials: true,
  });
  return {
    tags,
    rate,
    durationSeconds: durationMs / 1000,
    origin: target.origin,
    path: target.pathname + target.search,
  };
}

/** Double-quoted YAML scalars are JSON strings. */
const yamlString = (text: string) => JSON.stringify(text);

export function renderTestScript(plan: TestScriptPlan): string {
  return `# Unique, realistic Tencent CI callbacks at a fixed arrival rate (written by \`ci-callback artillery init\`).
#   here:          npx artillery run ${SCRIPT_FILE} [--target http://host:port] [--output report.json]
#   many machines: npx artillery run-fargate --count 10 --region us-east-1 ${SCRIPT_FILE}
#                  npx artillery run-lambda --count 10 --region us-east-1 ${SCRIPT_FILE}
config:
  target: ${yamlString(plan.origin)}
  phases:
    - duration: ${plan.durationSeconds}
      arrivalRate: ${plan.rate}
  processor: ./${PROCESSOR_FILE}
  variables:
    # Artillery hands its hooks the test's variables, not its config: the processor's options live here
    # (a request can carry its own \`ciCallback:\` map too, e.g. a different mix per scenario).
    ciCallback:
      tags: ${yamlString(plan.tags)}  # all, or Tag[:weight],… e.g. "Transcode:5,SpeechRecognition:1"
      format: xml        # xml | json | mixed
      trigger: direct    # direct | workflow | mixed
      state: success     # success | failed | mixed (1 job in 10 failed)
      duplicate: 0       # share of callbacks sent twice (same JobId), as CI does: 0.01, "1%", "1%,delay=2s"
      # seed: 1          # the body pool's seed; by default each worker draws one (IDs are unique either way)
scenarios:
  - name: ci-callback
    beforeRequest: setCallbackBody
    afterResponse: recordCallbackResponse
    onError: recordCallbackError
    flow:
      - post:
          url: ${yamlString(plan.path)}
`;
}

export const PROCESSOR_SOURCE = `// Artillery's config.processor for ${SCRIPT_FILE}: the hooks come from the ci-callback-emitter package.
export * from 'ci-callback-emitter/artillery';
`;
