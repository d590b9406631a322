// X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the raw request body with the app secret, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hubSignature(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function signatureMatches(header: string | undefined, rawBody: Buffer, appSecret: string): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const want = Buffer.from(hubSignature(rawBody, appSecret));
  const got = Buffer.from(header.toLowerCase());
  return want.length === got.length && timingSafeEqual(want, got);
}
