/**
 * @module delivery/header-rules
 * What an extra request header may be, checked before a delivery is accepted so it never fails locally at send
 * time: names are RFC 9110 tokens; values are one line of visible US-ASCII, spaces and tabs (RFC 9110 §5.5
 * asks new fields to keep to US-ASCII; control characters, DEL and anything beyond ASCII cannot be sent).
 */
import { z } from 'zod';

export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// tab, then space to tilde, as literal characters: a pattern every client generator's regex dialect reads alike
export const HEADER_VALUE = /^[\t -~]*$/;

export const HEADER_NAME_RULE = "header names are HTTP tokens: letters, digits and !#$%&'*+-.^_`|~";
export const HEADER_VALUE_RULE =
  'header values are one line of visible US-ASCII characters, spaces and tabs (no control characters, DEL, or non-ASCII such as € or emoji)';

/** What is wrong with one header, or undefined when it can be sent. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `header '${name}': ${HEADER_NAME_RULE}`;
  if (!HEADER_VALUE.test(value)) return `header '${name}': ${HEADER_VALUE_RULE}`;
  return undefined;
}

const MAX_HEADERS = 50;
/** Headers the HTTP client owns; a caller cannot set them. */
export const RESERVED_HEADERS = [
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** Extra request headers as the API and the CLI take them: checked here so a delivery never fails locally. */
export const headersSchema = z
  .record(
    z.string().regex(HEADER_NAME, HEADER_NAME_RULE),
    z.string().regex(HEADER_VALUE, HEADER_VALUE_RULE),
    {
      // zod's own words for a bad key are "Invalid key in record"
      error: (issue) => (issue.code === 'invalid_key' ? HEADER_NAME_RULE : undefined),
    },
  )
  .refine((value) => Object.keys(value).length <= MAX_HEADERS, `at most ${MAX_HEADERS} headers`)
  .refine(
    (value) => !Object.keys(value).some((name) => RESERVED_HEADERS.includes(name.toLowerCase())),
    `these headers are set by the client and cannot be given: ${RESERVED_HEADERS.join(', ')}`,
  )
  .meta({
    description: `Extra request headers, e.g. a shared secret your receiver checks. At most ${MAX_HEADERS}; ${HEADER_NAME_RULE}; ${HEADER_VALUE_RULE}; not ${RESERVED_HEADERS.join(', ')} (the client sets them)`,
    // the rules the refinements above enforce, spelled out for clients generated from /openapi.json
    propertyNames: { pattern: HEADER_NAME.source },
    maxProperties: MAX_HEADERS,
  });
