// Prefixed opaque ids (`ord_01J…`): a type prefix + 26 Crockford base32 characters (48-bit ms time, 80 random bits).
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Every id prefix the API hands out, by entity. */
export const ID_PREFIX = {
  market: 'mkt',
  stall: 'stl',
  customer: 'cus',
  order: 'ord',
  item: 'itm',
  fleet: 'flt',
  apiKey: 'key',
  courier: 'cou',
  plan: 'pln',
  route: 'rte',
  stop: 'stp',
  offer: 'ofr',
  event: 'evt',
  request: 'req',
  token: 'tok',
  node: 'node',
  catalogueItem: 'cat',
  draft: 'drf',
  package: 'pkg',
  distributionPoint: 'dpt',
  packageOrder: 'pko',
  whatsappReply: 'wao',
} as const;

export type IdPrefix = (typeof ID_PREFIX)[keyof typeof ID_PREFIX];

/** Encodes `bytes` as Crockford base32, `length` characters (5 bits each, most significant first). */
export function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 5 && out.length < length) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** A new id: `<prefix>_<10 time chars><16 random chars>`; ids of one prefix sort by creation time (ms). */
export function newId(prefix: IdPrefix, nowMs: number = Date.now()): string {
  let t = Math.max(0, Math.floor(nowMs));
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${base32(randomBytes(10), 16)}`;
}

/** True when `id` looks like an id of `prefix` (shape only, no lookup). */
export function isId(id: string, prefix: IdPrefix): boolean {
  return id.length === prefix.length + 27 && id.startsWith(`${prefix}_`) && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id.slice(prefix.length + 1));
}

/** A random token of `length` base32 characters (`length * 5` bits of entropy). */
export function randomToken(length: number): string {
  return base32(randomBytes(Math.ceil((length * 5) / 8)), length);
}
