// Signing against the published Standard Webhooks test vector: a receiver's stock library must accept what we send.
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../../api/webhooks/signing.js';
import { verifyWebhook } from '../../../api/webhooks/verify.js';

/** The specification's reference vector (secret, message id, timestamp, body and the signature it must produce). */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestampS: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
} as const;

describe('Standard Webhooks reference vector', () => {
  it('signs the vector to the published signature', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestampS, VECTOR.body)['webhook-signature']).toBe(VECTOR.signature);
  });

  it('verifies the published headers and refuses them with one byte of the body changed', () => {
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestampS), 'webhook-signature': VECTOR.signature };
    expect(() => verifyWebhook(VECTOR.secret, headers, VECTOR.body, 300, VECTOR.timestampS)).not.toThrow();
    expect(() => verifyWebhook(VECTOR.secret, headers, VECTOR.body.replace('4}', '5}'), 300, VECTOR.timestampS)).toThrow();
  });
});
