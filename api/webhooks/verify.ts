// Receiver-side check of a Standard Webhooks request: signature over id.timestamp.body and a timestamp tolerance against replays.

import { timingSafeEqual } from 'node:crypto';
import { signatureBase64, webhookSecretKey } from './signing.js';

export type WebhookVerificationCode =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature';

/** Why a webhook request was rejected; `code` is stable. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly code: WebhookVerificationCode,
    message: string,
  ) {
    super(message);
  }
}

/** Headers as node (`IncomingHttpHeaders`), a plain record or a fetch `Headers`. */
export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()]);
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null || first === '') throw new WebhookVerificationError('missing_header', `missing ${name}`);
  return first;
}

/**
 * Throws a WebhookVerificationError unless one of the `v1` signatures matches and the timestamp lies within
 * `toleranceS` of `nowS` (either side). `body` must be the raw request body, byte for byte.
 */
export function verifyWebhook(secret: string, headers: HeaderBag, body: string, toleranceS = 300, nowS = Date.now() / 1000): void {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not integer seconds');
  const timestampS = Number(timestampText);
  if (timestampS < nowS - toleranceS) throw new WebhookVerificationError('timestamp_too_old', 'webhook-timestamp is too old');
  if (timestampS > nowS + toleranceS) throw new WebhookVerificationError('timestamp_too_new', 'webhook-timestamp is in the future');
  const expected = Buffer.from(signatureBase64(webhookSecretKey(secret), id, timestampS, body), 'base64');
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  }
  throw new WebhookVerificationError('invalid_signature', 'no matching v1 signature');
}
