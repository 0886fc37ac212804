/**
 * @module callback-headers
 * The HTTP headers a callback travels with, beside its body: delivery sends them, the AsyncAPI document
 * (src/schema/asyncapi.ts) publishes them, so both read them from here.
 */

/** Sent with every attempt, counting from 1, so a receiver can tell a retry from a new callback. */
export const ATTEMPT_HEADER = 'X-CI-Callback-Attempt';
