// Fleet API keys: `jk_<key id>_<secret>`, stored as scrypt(secret, per-key salt); looked up by id so one hash per check.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { randomToken } from '../ids.js';

const KEY_LENGTH = 32;
/** scrypt cost: the secret has 160 random bits, so a moderate cost suffices; verified keys are cached anyway. */
const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1 };

function scrypt(secret: BinaryLike, salt: BinaryLike): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret, salt, KEY_LENGTH, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

export interface NewApiKey {
  /** `key_…`: the row id, also embedded in the key. */
  readonly id: string;
  /** The full key, shown to the fleet once and never stored. */
  readonly key: string;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** Makes a new key with its stored form. */
export async function createApiKey(): Promise<NewApiKey> {
  const id = `key_${randomToken(16)}`;
  const secret = randomToken(32);
  const salt = randomBytes(16);
  return { id, key: `jk_${id.slice(4)}_${secret}`, salt, hash: await scrypt(secret, salt) };
}

/** Splits `jk_<id>_<secret>` into the row id and the secret; null when the shape is wrong. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const match = /^jk_([0-9A-HJKMNP-TV-Z]{16})_([0-9A-HJKMNP-TV-Z]{32})$/.exec(key);
  return match ? { id: `key_${match[1]}`, secret: match[2] } : null;
}

/** Constant-time check of `secret` against the stored salt and hash. */
export async function verifyApiKeySecret(secret: string, salt: Uint8Array, hash: Uint8Array): Promise<boolean> {
  const actual = await scrypt(secret, salt);
  return actual.length === hash.length && timingSafeEqual(actual, hash);
}
