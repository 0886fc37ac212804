/**
 * @module callback-headers
 * The HTTP headers a callback travels with, beside its body: delivery sends them, the AsyncAPI document
 * (src/schema/asyncapi.ts) publishes them, so both read them from here.
 */

/**
 * The emitter's attempt counter, from 1, so a receiver can tell a retry from a new callback. Not CI's: CI sends
 * no such header, so it is sent only when asked (`serve --attempt-header`, an emit's `attemptHeader`, …).
 */
export const ATTEMPT_HEADER = 'X-CI-Callback-Attempt';
