// Standard Webhooks signing and verification: the signed content, tolerance against replays, tampering.

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, webhookSecretKey } from '../../../api/webhooks/signing.js';
import { verifyWebhook, WebhookVerificationError } from '../../../api/webhooks/verify.js';

const secret = 'whsec_' + Buffer.from('a fleet secret of 32 bytes!!!!!!').toString('base64');
const body = '{"type":"offer.created","data":{"id":"off_1"}}';
const nowS = 1_800_000_000;

function codeOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
  return 'ok';
}

describe('signWebhook', () => {
  it('signs "id.timestamp.body" with HMAC-SHA256 under the base64-decoded secret', () => {
    const headers = signWebhook(secret, 'msg_1', nowS, body);
    const expected = createHmac('sha256', Buffer.from('a fleet secret of 32 bytes!!!!!!')).update(`msg_1.${nowS}.${body}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(nowS), 'webhook-signature': `v1,${expected}` });
  });

  it('generates distinct whsec_ secrets of 32 key bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(webhookSecretKey(a)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('rejects a secret that is not base64', () => {
    expect(() => webhookSecretKey('whsec_not base64!')).toThrow(TypeError);
    expect(() => webhookSecretKey('whsec_')).toThrow(TypeError);
  });
});

describe('verifyWebhook', () => {
  const headers = signWebhook(secret, 'msg_1', nowS, body);

  it('accepts a genuine request, also among several signatures and with fetch Headers', () => {
    expect(codeOf(() => verifyWebhook(secret, headers, body, 300, nowS + 10))).toBe('ok');
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA v2,xyz ${headers['webhook-signature']}` };
    expect(codeOf(() => verifyWebhook(secret, rotated, body, 300, nowS))).toBe('ok');
    expect(codeOf(() => verifyWebhook(secret, new Headers({ ...headers }), body, 300, nowS))).toBe('ok');
  });

  it('rejects a tampered body, id, timestamp or a wrong secret', () => {
    expect(codeOf(() => verifyWebhook(secret, headers, body.replace('off_1', 'off_2'), 300, nowS))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_2' }, body, 300, nowS))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(secret, { ...headers, 'webhook-timestamp': String(nowS + 1) }, body, 300, nowS))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(generateWebhookSecret(), headers, body, 300, nowS))).toBe('invalid_signature');
    expect(codeOf(() => verifyWebhook(secret, { ...headers, 'webhook-signature': 'v1,' }, body, 300, nowS))).toBe('invalid_signature');
  });

  it('rejects replays outside the tolerance and timestamps from the future', () => {
    expect(codeOf(() => verifyWebhook(secret, headers, body, 300, nowS + 300))).toBe('ok');
    expect(codeOf(() => verifyWebhook(secret, headers, body, 300, nowS + 301))).toBe('timestamp_too_old');
    expect(codeOf(() => verifyWebhook(secret, headers, body, 300, nowS - 301))).toBe('timestamp_too_new');
  });

  it('rejects missing headers and malformed timestamps', () => {
    const { 'webhook-id': _dropped, ...noId } = headers;
    expect(codeOf(() => verifyWebhook(secret, noId, body, 300, nowS))).toBe('missing_header');
    expect(codeOf(() => verifyWebhook(secret, { ...headers, 'webhook-timestamp': '1.8e9' }, body, 300, nowS))).toBe('invalid_timestamp');
  });
});
