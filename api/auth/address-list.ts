// Lists of IP addresses and CIDR subnets (trusted proxies, webhook allow-lists) as one fast membership test.
import { BlockList, isIP } from 'node:net';

/** True when `address` is in the list. */
export type AddressMatcher = (address: string) => boolean;

/** `::ffff:10.0.0.1` → `10.0.0.1`, so IPv4 rules match IPv4 clients on dual-stack sockets. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** A BlockList of `entries` (`10.0.0.0/8`, `::1`); throws naming `what` on an entry that is neither an address nor a subnet. */
export function blockListOf(entries: readonly string[], what: string): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const [address, bits, extra] = raw.trim().split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    if (family === 0 || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))) {
      throw new Error(`${what} "${raw}" is not an IP address or CIDR subnet`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Membership in `list`; IPv4-mapped IPv6 addresses are tested as IPv4, anything that is not an address is outside. */
export function matcherOf(list: BlockList): AddressMatcher {
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Parses and wraps `entries` in one step. */
export function addressList(entries: readonly string[], what: string): AddressMatcher {
  return matcherOf(blockListOf(entries, what));
}
