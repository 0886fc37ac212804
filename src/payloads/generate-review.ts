/**
 * @module generate-review
 * The library's call for content-moderation callbacks: one ReviewImage … ReviewHtml body in the Simple or
 * Detail form, with the `X-Ci-Content-Version` header that names the form, reproducible from its seed. Beside
 * `generate()` (TaskFinish), whose path it leaves untouched: moderation bodies are JSON only, with numbers.
 */
import { randomSeed, seededFaker } from '../core/faker.ts';
import { JSON_CONTENT_TYPE } from '../core/render-json.ts';
import { DEFAULT_REFERENCE_DATE } from '../core/time.ts';
import { CONSOLE_TESTS } from '../moderation/data/console-tests.ts';
import { REVIEWS } from '../moderation/index.ts';
import {
  type CallbackType,
  type CallbackVersion,
  CONTENT_VERSION,
  CONTENT_VERSION_HEADER,
  type JsonObject,
  type LiveState,
  type ReviewKind,
  type ReviewResult,
} from '../moderation/types.ts';
import { checkReviewOptions } from './review-rules.ts';

export interface ReviewOptions {
  review: ReviewKind;
  /** Default: CI's default for the kind (Simple for video, live, audio, text; Detail for image, document, html). */
  callbackVersion?: CallbackVersion;
  /** Default: normal. */
  result?: ReviewResult;
  /** 1 (default) every snapshot/section/page; 2 only the non-compliant ones. Video, live, audio, document. */
  callbackType?: CallbackType;
  /** Live only: an in-progress `Auditing` callback or the final `Success` one (default). */
  liveState?: LiveState;
  /** The fixed body the console sends when a callback URL is saved (Simple; image, video, live, audio, text). */
  consoleTest?: boolean;
  seed?: number;
  compact?: boolean;
  /** Jobs fall before this date (default: a pinned date, so a seed means the same bytes on any day). */
  referenceDate?: Date;
}

export interface ReviewVariant {
  review: ReviewKind;
  callbackVersion: CallbackVersion;
  result: ReviewResult;
  consoleTest: boolean;
}

export interface ReviewGenerateResult {
  body: string;
  contentType: typeof JSON_CONTENT_TYPE;
  /** `X-Ci-Content-Version: Simple|Detail`: how a receiver tells the two forms apart. */
  headers: { [CONTENT_VERSION_HEADER]: 'Simple' | 'Detail' };
  seed: number;
  /** The body as a value. */
  document: JsonObject;
  variant: ReviewVariant;
}

export function generateReview(options: ReviewOptions): ReviewGenerateResult {
  checkReviewOptions(options);
  const definition = REVIEWS[options.review];
  const consoleTest = options.consoleTest ?? false;
  const callbackVersion = consoleTest ? 'simple' : (options.callbackVersion ?? definition.versions[0]);
  const result = consoleTest ? 'normal' : (options.result ?? 'normal');
  const seed = options.seed ?? randomSeed();

  let document: JsonObject;
  if (consoleTest) {
    document = structuredClone(CONSOLE_TESTS[options.review as keyof typeof CONSOLE_TESTS]) as JsonObject;
  } else {
    const forms = definition.build(seededFaker(seed, `Review:${definition.kind}`), {
      result,
      callbackType: options.callbackType ?? 1,
      liveState: options.liveState ?? 'success',
      referenceDate: options.referenceDate ?? DEFAULT_REFERENCE_DATE,
    });
    const chosen = callbackVersion === 'simple' ? forms.simple : forms.detail;
    if (!chosen) throw new Error(`${definition.kind} built no ${callbackVersion} body`);
    document = chosen;
  }
  return {
    body: JSON.stringify(document, null, options.compact ? undefined : 4),
    contentType: JSON_CONTENT_TYPE,
    headers: { [CONTENT_VERSION_HEADER]: CONTENT_VERSION[callbackVersion] },
    seed,
    document,
    variant: { review: definition.kind, callbackVersion, result, consoleTest },
  };
}
