// Credentials without a database: signed tokens (expiry, tampering) and scrypt-hashed API keys.
import { expect, it } from 'vitest';
import { createApiKey, parseApiKey, verifyApiKeySecret } from '../../../api/auth/api-keys.js';
import { principalOfClaims, TokenSigner } from '../../../api/auth/auth-tokens.js';

it('signs tokens that carry role and scope and expire', () => {
  const signer = new TokenSigner('0123456789abcdef0123');
  const now = Date.UTC(2026, 10, 22, 8);
  const { token, claims } = signer.issue({ role: 'dispatcher', subjectId: 'usr_rina', marketIds: ['mkt_A'], ttlS: 60 }, now);
  expect(signer.verify(token, now + 59_000)).toEqual(claims);
  expect(principalOfClaims(claims)).toMatchObject({ role: 'dispatcher', subjectId: 'usr_rina', marketIds: ['mkt_A'], fleetId: null });
  expect(() => signer.verify(token, now + 60_000)).toThrow(expect.objectContaining({ code: 'token_expired' }));
  expect(() => new TokenSigner('fedcba9876543210fedc').verify(token, now)).toThrow(expect.objectContaining({ code: 'invalid_credentials' }));
  expect(() => signer.verify(`${token.slice(0, -2)}xx`, now)).toThrow(expect.objectContaining({ code: 'invalid_credentials' }));
  expect(() => new TokenSigner('short')).toThrow(/16/);
});

it('refuses a token whose signature text differs from the one issued, even where it decodes to the same bytes', () => {
  const signer = new TokenSigner('0123456789abcdef0123');
  const { token } = signer.issue({ role: 'admin', subjectId: 'usr_admin', ttlS: 60 });
  expect(signer.verify(token).role).toBe('admin');
  // The signature is 43 base64url characters for 32 bytes: the last one carries 2 spare bits, and decoders skip
  // padding and junk at the end; each variant below decodes to the same HMAC bytes.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1)!);
  const spareBits = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
  for (const variant of [`${token}=`, `${token}.`, `${token}!`, spareBits]) {
    expect(Buffer.from(variant.slice(variant.indexOf('.') + 1), 'base64url')).toEqual(Buffer.from(token.slice(token.indexOf('.') + 1), 'base64url'));
    expect(() => signer.verify(variant), variant.slice(-4)).toThrow(expect.objectContaining({ code: 'invalid_credentials' }));
  }
});

it('stores API keys as salted scrypt hashes verified in constant time', async () => {
  const made = await createApiKey();
  const parsed = parseApiKey(made.key)!;
  expect(parsed.id).toBe(made.id);
  expect(await verifyApiKeySecret(parsed.secret, made.salt, made.hash)).toBe(true);
  expect(await verifyApiKeySecret(`${parsed.secret.slice(0, -1)}0`, made.salt, made.hash)).toBe(parsed.secret.endsWith('0'));
  const other = await createApiKey();
  expect(other.salt.equals(made.salt)).toBe(false);
  expect(parseApiKey('jk_nope')).toBeNull();
  expect(parseApiKey(made.key.toLowerCase())).toBeNull();
});
