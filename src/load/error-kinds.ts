/**
 * @module load/error-kinds
 * The kinds of transport failure a load report counts, and how a socket error maps to one.
 */

export const ERROR_KINDS = ['connect', 'timeout', 'reset', 'other'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

const KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNREFUSED: 'connect',
  ENOTFOUND: 'connect',
  EAI_AGAIN: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
};

/** Sorts a transport failure into the kinds the report counts. */
export function errorKind(error: Error): ErrorKind {
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && KIND_BY_CODE[code]) || 'other';
}
