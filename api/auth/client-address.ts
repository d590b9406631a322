// The client's address behind trusted reverse proxies: X-Forwarded-For is honoured only for hops that come from a
// configured proxy address or subnet (JEJARING_TRUSTED_PROXIES), for REST (fastify's trustProxy) and socket handshakes.
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { addressList, plainAddress, type AddressMatcher } from './address-list.js';

/** True when a hop at `address` is a trusted proxy. */
export type ProxyTrust = AddressMatcher;

/** Trust for addresses and CIDR subnets (`10.0.0.0/8`, `::1`); throws on an entry that is neither. */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  return addressList(entries, 'trusted proxy');
}

/** JEJARING_TRUSTED_PROXIES (comma-separated addresses or subnets); empty: no proxy is trusted. */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.JEJARING_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The client address of `request`: walks X-Forwarded-For right to left while each hop is a trusted proxy. */
export function clientAddressOf(request: Pick<IncomingMessage, 'headers' | 'socket'>, trust: ProxyTrust): string {
  let address = plainAddress(request.socket.remoteAddress ?? '');
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0 && trust(address); i--) {
    if (isIP(plainAddress(forwarded[i])) === 0) break;
    address = plainAddress(forwarded[i]);
  }
  return address;
}
