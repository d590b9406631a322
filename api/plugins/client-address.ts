// The client's address behind trusted reverse proxies: X-Forwarded-For is honoured only for hops that come from a
// configured proxy address or subnet (JEJARING_TRUSTED_PROXIES), for REST (fastify's trustProxy) and socket handshakes.
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** True when a hop at `address` is a trusted proxy. */
export type ProxyTrust = (address: string) => boolean;

/** `::ffff:10.0.0.1` → `10.0.0.1`, so IPv4 rules match IPv4 clients on dual-stack sockets. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Trust for addresses and CIDR subnets (`10.0.0.0/8`, `::1`); throws on an entry that is neither. */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList();
  for (const raw of entries) {
    const [address, bits, extra] = raw.trim().split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    if (family === 0 || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))) {
      throw new Error(`trusted proxy "${raw}" is not an IP address or CIDR subnet`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
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
