/**
 * Test support: Tencent's Node SDK (cos-nodejs-sdk-v5) pointed at a fixture server the way Tencent's CI docs use it
 * — `cos.request({ Method, Key, Url, Body })` with the server's origin in `Url` — so CI's job API is tested with
 * the client its users have. Credentials are dummies; the server checks them only with `ciSecret`.
 */
import COS from 'cos-nodejs-sdk-v5';

export const DUMMY_SECRET = {
  secretId: 'AKIDdummy0000000000000000000000000000',
  secretKey: 'dummy-secret-key',
};

/** What one call got: the parsed `<Response>` (the SDK's parse), or the SDK's error (CI's Code, the status). */
export interface SdkAnswer {
  statusCode: number;
  response: Record<string, unknown> | undefined;
  error: { code: string; statusCode: number; message: string; error: Record<string, unknown> } | undefined;
}

export function ciSdk(origin: string, secret: { secretId: string; secretKey: string } = DUMMY_SECRET) {
  const cos = new COS({ SecretId: secret.secretId, SecretKey: secret.secretKey, Timeout: 10_000 });
  return {
    async call(
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      options: { body?: string; query?: Record<string, string> } = {},
    ): Promise<SdkAnswer> {
      const [pathname = '', search] = path.split('?');
      const query = { ...Object.fromEntries(new URLSearchParams(search ?? '')), ...options.query };
      return new Promise((resolve) => {
        cos.request(
          {
            Method: method,
            Key: pathname.slice(1),
            Url: `${origin}${pathname}`,
            Query: query,
            ...(options.body !== undefined ? { Body: options.body } : {}),
          },
          (err, data) => {
            if (err) {
              const e = err as unknown as SdkAnswer['error'] & object;
              resolve({ statusCode: e.statusCode, response: undefined, error: e });
            } else {
              const result = data as unknown as { statusCode: number; Response?: Record<string, unknown> };
              resolve({ statusCode: result.statusCode, response: result.Response, error: undefined });
            }
          },
        );
      });
    },
  };
}

/** A value the SDK parsed as one element or several, as a list. */
export function listOf<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
