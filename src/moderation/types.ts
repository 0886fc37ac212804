/**
 * @module moderation/types
 * The shapes of content-moderation (内容审核) callbacks: the kinds, the two body forms, the result classes, and
 * what one kind's file defines. A moderation body is JSON with real numbers (unlike TaskFinish, whose JSON is
 * converted from XML with every scalar a string), so a kind builds plain JSON values, not a core tree.
 */
import type { Faker } from '@faker-js/faker';

/** The kinds CI moderates, one file each in src/moderation/. */
export const REVIEW_KINDS = ['image', 'video', 'audio', 'text', 'document', 'html', 'live'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** `CallbackVersion`: `Simple` (snake_case `{code, message, data}`) or `Detail` (`{EventName, JobsDetail}`). */
export const CALLBACK_VERSIONS = ['simple', 'detail'] as const;
export type CallbackVersion = (typeof CALLBACK_VERSIONS)[number];

/** The `X-Ci-Content-Version` header value of each form. */
export const CONTENT_VERSION_HEADER = 'X-Ci-Content-Version';
export const CONTENT_VERSION: Readonly<Record<CallbackVersion, 'Simple' | 'Detail'>> = {
  simple: 'Simple',
  detail: 'Detail',
};

/** The result classes: `result`/`Result`/`Suggestion` 0, 1 and 2. */
export const REVIEW_RESULTS = ['normal', 'violation', 'suspected'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const RESULT_CODE: Readonly<Record<ReviewResult, 0 | 1 | 2>> = {
  normal: 0,
  violation: 1,
  suspected: 2,
};

/** `CallbackType`: 1 every snapshot/section/page, 2 only the non-compliant ones. */
export const CALLBACK_TYPES = [1, 2] as const;
export type CallbackType = (typeof CALLBACK_TYPES)[number];

/** A live stream's callbacks: `Auditing` while it runs (repeated), then the final `Success`. */
export const LIVE_STATES = ['auditing', 'success'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

/** The events of `EventName` (Detail) and `data.event` (Simple); live streams are `ReviewVideo` too. */
export type ReviewEventName =
  | 'ReviewImage'
  | 'ReviewVideo'
  | 'ReviewAudio'
  | 'ReviewText'
  | 'ReviewDocument'
  | 'ReviewHtml';

export type JsonScalar = string | number;
export type JsonValue = JsonScalar | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** What a kind's generator is given, beside the seeded faker. */
export interface ReviewContext {
  result: ReviewResult;
  callbackType: CallbackType;
  liveState: LiveState;
  /** Generated jobs fall before this date. */
  referenceDate: Date;
}

/** One job's callback bodies: the same job in each form CI has for the kind. */
export interface ReviewForms {
  detail: JsonObject;
  simple?: JsonObject;
}

/** One moderation kind's whole definition (one file each). */
export interface ReviewKindDefinition {
  kind: ReviewKind;
  eventName: ReviewEventName;
  /** One line for listings. */
  description: string;
  /** The forms CI sends for this kind, its default first. */
  versions: readonly [CallbackVersion, ...CallbackVersion[]];
  /** Whether the job's `CallbackType` (2 = only non-compliant segments) applies. */
  callbackTypes: boolean;
  /** Builds one job and renders it in each form. Draws everything from `faker`. */
  build(faker: Faker, context: ReviewContext): ReviewForms;
}
