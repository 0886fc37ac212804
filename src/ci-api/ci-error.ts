/**
 * @module ci-api/ci-error
 * CI's errors as CI writes them (facts §8): `<Error><Code/><Message/><Resource/><RequestId/><TraceId/></Error>`,
 * `application/xml`, with CI's HTTP statuses, as named constants filled with a detail. `<Resource>` is not in
 * CI's media error page but is in COS's, and the Python SDK reads an error only when Code, Message, Resource and
 * RequestId all have text, so every error carries it. Every refusal of a CI path, ours included, has this form.
 */
import { randomBytes } from 'node:crypto';

export type CiErrorStatus = 400 | 401 | 403 | 404 | 405 | 413;

/** A refusal of a request to CI's job API; `code` is one of CI's error codes. */
export class CiError extends Error {
  override readonly name = 'CiError';
  constructor(
    readonly status: CiErrorStatus,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ciError = (status: CiErrorStatus, code: string) => (detail: string) =>
  new CiError(status, code, detail);

/** The errors this stand-in answers, by CI's code (INTL 媒体处理/错误码). */
export const CI_ERRORS = {
  invalidArgument: ciError(400, 'InvalidArgument'),
  malformedXml: ciError(400, 'MalformedXML'),
  missingContent: ciError(400, 'MissingContent'),
  missingAuthorization: ciError(401, 'MissingAuthorization'),
  invalidAuthorization: ciError(401, 'InvalidAuthorization'),
  signatureExpired: ciError(401, 'SignatureExpired'),
  secretIdNotExist: ciError(401, 'SecretidNotExist'),
  accessDenied: ciError(403, 'AccessDenied'),
  invalidUrl: ciError(404, 'InvalidUrl'),
  methodNotAllowed: ciError(405, 'MethodNotAllowed'),
  tooLarge: ciError(413, 'InvalidContent'),
} as const;

/** `x-ci-request-id` and `<RequestId>`: base64 of `<seconds hex>_<8 hex>_<4 hex>_<7 hex>`, as CI's look. */
export function ciRequestId(nowMs: number = Date.now()): string {
  const hex = randomBytes(10).toString('hex');
  const raw = `${Math.floor(nowMs / 1000).toString(16)}_${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12, 19)}`;
  return Buffer.from(raw).toString('base64');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Text as element content: markup characters escaped, characters XML cannot carry dropped. */
const escapeXml = (text: string) =>
  text.replace(/[&<>]/g, (ch) => ENTITIES[ch] as string).replace(/[^\t\n\r\x20-\uFFFD]/gu, '');

/** The error body: XML declaration as in CI's template, then the elements every SDK reads. */
export function ciErrorBody(error: CiError, options: { requestId: string; resource: string }): string {
  const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>${element('Code', error.code)}` +
    `${element('Message', error.message)}${element('Resource', options.resource)}` +
    `${element('RequestId', options.requestId)}${element('TraceId', options.requestId)}</Error>`
  );
}
