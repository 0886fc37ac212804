/**
 * @module ci-api/signature
 * The COS V5 request signature every SDK sends (`Authorization: q-sign-algorithm=sha1&q-ak=…&q-sign-time=…&
 * q-key-time=…&q-header-list=…&q-url-param-list=…&q-signature=…`, facts §9), checked only when the server is
 * given a secret (`--ci-secret ID:KEY`): SignKey = HMAC-SHA1(SecretKey, KeyTime); the string to sign is
 * `sha1\n<SignTime>\nsha1(method\npath\nparams\nheaders\n)\n`, over the headers and parameters the client
 * listed (so SDK quirks — Node dropping Content-Type, Python leaving `cancel` out — sign what they sign).
 * Failures answer CI's 401s.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { InputError } from '../core/errors.ts';
import { CI_ERRORS } from './ci-error.ts';

export interface CiSecret {
  secretId: string;
  secretKey: string;
}

/** `ID:KEY`, as `--ci-secret` takes it. */
export function parseCiSecret(text: string): CiSecret {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || text.length > 512) {
    throw new InputError('ci-secret', 'expected SECRET_ID:SECRET_KEY, the pair your SDK is configured with');
  }
  return { secretId: text.slice(0, colon), secretKey: text.slice(colon + 1) };
}

/** COS's encoding of a signed name or value: encodeURIComponent, and !'()* too. */
const cosEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

const sha1Hex = (text: string) => createHash('sha1').update(text).digest('hex');
const hmacHex = (key: string, text: string) => createHmac('sha1', key).update(text).digest('hex');

/** The request's COS signature, checked against the secret at `nowMs`; a CiError when it does not hold. */
export function verifyCosSignature(c: Context, secret: CiSecret, nowMs: number = Date.now()): void {
  const header = c.req.header('authorization');
  if (header === undefined || header === '') {
    throw CI_ERRORS.missingAuthorization('the request has no Authorization header (a COS V5 signature)');
  }
  const fields = new Map<string, string>();
  for (const pair of header.split('&')) {
    const equals = pair.indexOf('=');
    if (equals > 0) fields.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  const signTime = fields.get('q-sign-time') ?? '';
  const keyTime = fields.get('q-key-time') ?? '';
  const signature = fields.get('q-signature') ?? '';
  if (
    fields.get('q-sign-algorithm') !== 'sha1' ||
    !/^\d+;\d+$/.test(signTime) ||
    !/^[0-9a-f]{40}$/.test(signature)
  ) {
    throw CI_ERRORS.invalidAuthorization(
      'the Authorization header is not a COS V5 (q-sign-algorithm=sha1) signature',
    );
  }
  if (fields.get('q-ak') !== secret.secretId) {
    throw CI_ERRORS.secretIdNotExist('the q-ak of the signature is not the SecretId this server was given');
  }
  const [start, end] = signTime.split(';').map(Number) as [number, number];
  const now = Math.floor(nowMs / 1000);
  if (now < start - 60 || now > end) throw CI_ERRORS.signatureExpired('the signature’s q-sign-time is over');
  const url = new URL(c.req.url);
  const names = (list: string | undefined) => (list ? list.split(';').filter((n) => n !== '') : []);
  const params = new Map<string, string>();
  for (const [name, value] of url.searchParams) params.set(name.toLowerCase(), value);
  const signedParams = names(fields.get('q-url-param-list'))
    .map((name) => `${name}=${cosEncode(params.get(decodeURIComponent(name)) ?? '')}`)
    .join('&');
  const signedHeaders = names(fields.get('q-header-list'))
    .map((name) => `${name}=${cosEncode(c.req.header(decodeURIComponent(name)) ?? '')}`)
    .join('&');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const formatString = `${c.req.method.toLowerCase()}\n${path}\n${signedParams}\n${signedHeaders}\n`;
  const stringToSign = `sha1\n${signTime}\n${sha1Hex(formatString)}\n`;
  const expected = hmacHex(hmacHex(secret.secretKey, keyTime), stringToSign);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw CI_ERRORS.invalidAuthorization(
      'the request signature does not match: check SecretId and SecretKey',
    );
  }
}
