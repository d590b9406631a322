// Standard Webhooks signing: `whsec_` secrets and `v1,<base64 HMAC-SHA256("id.timestamp.body")>` signatures.

import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A fresh fleet webhook secret: `whsec_` + base64 of 32 random bytes. Shown to the fleet once. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The HMAC key bytes of a `whsec_…` secret (the prefix is optional, the rest is base64). Throws on an empty or non-base64 key. */
export function webhookSecretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new TypeError('webhook secret is not base64');
  return Buffer.from(encoded, 'base64');
}

/** The base64 signature (no version prefix) over `${id}.${timestampS}.${body}`. */
export function signatureBase64(key: Buffer, id: string, timestampS: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestampS}.${body}`).digest('base64');
}

/** The three headers a webhook request carries. */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Signs one message: `id` stays the same on every retry of the same event so receivers can de-duplicate. */
export function signWebhook(secret: string, id: string, timestampS: number, body: string): WebhookHeaders {
  const signature = signatureBase64(webhookSecretKey(secret), id, timestampS, body);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': `v1,${signature}` };
}
