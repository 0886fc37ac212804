/**
 * @module delivery/payload-plan
 * Which payloads a delivery sends: a fixed list for an on-demand emit, or a random pick per run for a
 * schedule (uniform over Tags, or by weight; one format, trigger and state drawn from those allowed).
 */
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { MAX_SEED } from '../core/faker.ts';
import { checkedInput } from '../core/issues.ts';
import { parseOverride } from '../core/overrides.ts';
import {
  FORMATS,
  type Format,
  type GenerateOptions,
  type GenerateResult,
  type JobState,
  type JsonShape,
  STATES,
  TRIGGERS,
  type Trigger,
} from '../core/types.ts';
import { CONTENT_VERSION_HEADER, REVIEW_RESULTS, type ReviewKind } from '../moderation/types.ts';
import type { ReviewGenerateResult, ReviewOptions } from '../payloads/generate-review.ts';
import { payloadChoiceFields } from '../payloads/payload-options.ts';
import { findTag, tagNames } from '../payloads/registry.ts';
import { checkReviewOptions } from '../payloads/review-rules.ts';
import type { NewDelivery, PayloadChoice, ReviewChoice, SendSettings } from './model.ts';

/** Canonical Tag names and checked values, so a bad choice fails when the schedule is created. */
export function checkPayloadChoice(choice: PayloadChoice): PayloadChoice {
  if (choice.review) return { review: checkReviewChoice(choice.review) };
  if (choice.tags && choice.weights) {
    throw new InputError('weights', 'give tags or weights, not both');
  }
  const checked: PayloadChoice = {};
  // an unknown Tag is named by its place in the list, as the caller sent it (tags.2 over HTTP)
  if (choice.tags)
    checked.tags = nonEmpty('tags', choice.tags).map((tag, index) => findTag(tag, ['tags', index]).tag);
  if (choice.weights) {
    const weights: Record<string, number> = {};
    for (const [tag, weight] of Object.entries(choice.weights)) {
      if (!Number.isFinite(weight) || weight <= 0) {
        throw new InputError('weights', `weight of '${tag}' must be a positive number, got ${weight}`);
      }
      weights[findTag(tag, ['weights', tag]).tag] = weight;
    }
    if (Object.keys(weights).length === 0) throw new InputError('weights', 'weights is empty', tagNames());
    checked.weights = weights;
  }
  // the axes by the schemas POST /schedules checks them with; each override where it is applied
  const { formats, triggers, states, jsonShape } = checkedInput(z.object(payloadChoiceFields), choice);
  if (formats) checked.formats = formats;
  if (triggers) checked.triggers = triggers;
  if (states) checked.states = states;
  if (jsonShape) checked.jsonShape = jsonShape;
  if (choice.overrides) {
    for (const [index, override] of choice.overrides.entries()) parseOverride(override, index);
    checked.overrides = [...choice.overrides];
  }
  return checked;
}

function nonEmpty<T>(field: string, values: readonly T[]): readonly T[] {
  if (values.length === 0) throw new InputError(field, `${field} is empty; give at least one value`);
  return values;
}

/** One run's payload options; `random` returns [0, 1) like Math.random. */
export function pickPayload(choice: PayloadChoice, random: () => number): GenerateOptions {
  const options: GenerateOptions = {
    tag: pickTag(choice, random),
    format: pickOne(choice.formats ?? FORMATS, random),
    trigger: pickOne(choice.triggers ?? TRIGGERS, random),
    state: pickOne(choice.states ?? STATES, random),
    seed: Math.floor(random() * MAX_SEED),
  };
  if (choice.jsonShape) options.jsonShape = choice.jsonShape;
  if (choice.overrides) options.overrides = choice.overrides;
  return options;
}

function pickTag(choice: PayloadChoice, random: () => number): string {
  if (!choice.weights) return pickOne(choice.tags ?? tagNames(), random);
  const entries = Object.entries(choice.weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random() * total;
  for (const [tag, weight] of entries) {
    point -= weight;
    if (point < 0) return tag;
  }
  return (entries.at(-1) as [string, number])[0];
}

function pickOne<T>(values: readonly T[], random: () => number): T {
  return values[Math.min(values.length - 1, Math.floor(random() * values.length))] as T;
}

/** An on-demand emit: `count` payloads of each Tag, with one variant for all. */
export interface EmissionSpec {
  tags: readonly string[];
  count: number;
  format?: Format;
  trigger?: Trigger;
  state?: JobState;
  jsonShape?: JsonShape;
  /** With a seed, the i-th payload of a Tag uses seed + i, so the whole emit can be reproduced. */
  seed?: number;
  overrides?: GenerateOptions['overrides'];
  compact?: boolean;
}

export function emissionOptions(spec: EmissionSpec): GenerateOptions[] {
  const options: GenerateOptions[] = [];
  for (const tag of spec.tags) {
    for (let i = 0; i < spec.count; i++) {
      const one: GenerateOptions = { tag };
      if (spec.format) one.format = spec.format;
      if (spec.trigger) one.trigger = spec.trigger;
      if (spec.state) one.state = spec.state;
      if (spec.jsonShape) one.jsonShape = spec.jsonShape;
      if (spec.seed !== undefined) one.seed = (spec.seed + i) % (MAX_SEED + 1);
      if (spec.overrides) one.overrides = spec.overrides;
      if (spec.compact) one.compact = true;
      options.push(one);
    }
  }
  return options;
}

/** Where and how a generated payload is sent. */
export interface Destination {
  target: string;
  headers?: Readonly<Record<string, string>>;
  scheduleId?: number;
  /** How it is sent, where that differs from the server's settings. */
  send?: SendSettings;
}

/** A destination's sending settings, as a NewDelivery carries them (nothing when there are none). */
const sendOf = (destination: Destination): Pick<NewDelivery, 'send'> =>
  destination.send ? { send: destination.send } : {};

/** What a delivery needs of a generated payload (not the job tree it was rendered from). */
export type RenderedPayload = Pick<GenerateResult, 'body' | 'contentType' | 'seed' | 'variant'>;

export function deliveryOf(payload: RenderedPayload, destination: Destination): NewDelivery {
  return {
    target: destination.target,
    body: payload.body,
    contentType: payload.contentType,
    headers: { ...destination.headers },
    tag: payload.variant.tag,
    format: payload.variant.format,
    trigger: payload.variant.trigger,
    state: payload.variant.state,
    seed: payload.seed,
    scheduleId: destination.scheduleId ?? null,
    replayOf: null,
    ...sendOf(destination),
  };
}

/** The Tag a moderation delivery is logged under: `review:video`. */
export const reviewTag = (review: ReviewKind): string => `review:${review}`;

/** An on-demand emit of moderation callbacks: `count` of one kind, form and result. */
export interface ReviewEmissionSpec extends Omit<ReviewOptions, 'seed'> {
  count: number;
  /** With a seed, the i-th callback uses seed + i, so the whole emit can be reproduced. */
  seed?: number;
}

export function reviewEmissionOptions({ count, seed, ...options }: ReviewEmissionSpec): ReviewOptions[] {
  return Array.from({ length: count }, (_, i) => ({
    ...options,
    ...(seed === undefined ? {} : { seed: (seed + i) % (MAX_SEED + 1) }),
  }));
}

/** Checks a schedule's moderation choice when the schedule is created, as generateReview() would. */
export function checkReviewChoice(choice: ReviewChoice): ReviewChoice {
  const { results, ...options } = choice;
  checkReviewOptions(options);
  if (results) {
    nonEmpty('results', results);
    for (const [index, result] of results.entries())
      if (!(REVIEW_RESULTS as readonly string[]).includes(result))
        throw new InputError(['results', index], `results: unknown result '${result}'`, REVIEW_RESULTS);
  }
  return { ...choice, ...(results ? { results: [...results] } : {}) };
}

/** One run's moderation callback; `random` returns [0, 1) like Math.random. */
export function pickReview({ results, ...choice }: ReviewChoice, random: () => number): ReviewOptions {
  return {
    ...choice,
    result: pickOne(results ?? REVIEW_RESULTS, random),
    seed: Math.floor(random() * MAX_SEED),
  };
}

/**
 * A moderation callback as a delivery: X-Ci-Content-Version rides with the caller's headers (replacing any
 * of theirs with that name, so the header always names the body's form).
 */
export function reviewDeliveryOf(payload: ReviewGenerateResult, destination: Destination): NewDelivery {
  const headers = Object.fromEntries(
    Object.entries(destination.headers ?? {}).filter(
      ([name]) => name.toLowerCase() !== CONTENT_VERSION_HEADER.toLowerCase(),
    ),
  );
  return {
    target: destination.target,
    body: payload.body,
    contentType: payload.contentType,
    headers: { ...headers, ...payload.headers },
    tag: reviewTag(payload.variant.review),
    format: 'json',
    trigger: null,
    state: payload.variant.result,
    seed: payload.seed,
    scheduleId: destination.scheduleId ?? null,
    replayOf: null,
    ...sendOf(destination),
  };
}
