// Webhook SSRF policy: a fleet's endpoint may not reach loopback, private, link-local (cloud metadata), carrier-NAT,
// multicast or reserved addresses, judged after DNS resolution (every address a name resolves to) and again on
// each connection, unless an operator allow-lists them for on-premise setups (JEJARING_WEBHOOK_ALLOW).
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressList, plainAddress, type AddressMatcher } from '../auth/address-list.js';

/** Resolves a host name to all its addresses (injectable: tests never ask real DNS). */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

export const systemResolver: HostResolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Address ranges no webhook reaches by default, with the reason given in the delivery log. */
const FORBIDDEN_RANGES: readonly (readonly [string, string])[] = [
  ['0.0.0.0/8', 'unspecified'], ['10.0.0.0/8', 'private'], ['100.64.0.0/10', 'carrier-grade NAT'], ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'], ['172.16.0.0/12', 'private'], ['192.0.0.0/24', 'reserved'], ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'], ['198.18.0.0/15', 'benchmarking'], ['198.51.100.0/24', 'documentation'], ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'], ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'], ['::1/128', 'loopback'], ['64:ff9b::/96', 'NAT64'], ['64:ff9b:1::/48', 'NAT64'], ['100::/64', 'discard'],
  ['2001:db8::/32', 'documentation'], ['fc00::/7', 'unique local (private)'], ['fe80::/10', 'link-local'], ['ff00::/8', 'multicast'],
];
const forbidden: readonly (readonly [AddressMatcher, string])[] = FORBIDDEN_RANGES.map(([range, why]) => [addressList([range], 'range'), why]);

/** Why `address` is off limits, or null when a webhook may reach it. */
export function forbiddenReason(address: string): string | null {
  const plain = plainAddress(address);
  if (isIP(plain) === 0) return 'not an IP address';
  for (const [matches, why] of forbidden) if (matches(plain)) return why;
  return null;
}

/** A webhook URL the policy refuses; `message` names the host, the address and why. */
export class WebhookUrlRefused extends Error {
  override readonly name = 'WebhookUrlRefused';
}

export interface WebhookUrlPolicyOptions {
  /** Addresses or CIDR subnets webhooks may reach although they are private (on-premise receivers). */
  readonly allow?: readonly string[];
  readonly resolve?: HostResolver;
}

/** JEJARING_WEBHOOK_ALLOW: comma-separated addresses or subnets. */
export function webhookAllowFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.JEJARING_WEBHOOK_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Decides which webhook URLs and addresses may be called. */
export class WebhookUrlPolicy {
  private readonly allowed: AddressMatcher;
  readonly resolve: HostResolver;

  constructor(options: WebhookUrlPolicyOptions = {}) {
    this.allowed = addressList(options.allow ?? [], 'webhook allow-list entry');
    this.resolve = options.resolve ?? systemResolver;
  }

  /** Throws WebhookUrlRefused when `address` (reached for `host`) is forbidden and not allow-listed. */
  checkAddress(host: string, address: string): void {
    const why = forbiddenReason(address);
    if (why !== null && !this.allowed(address)) throw new WebhookUrlRefused(`${host} is ${address}: ${why} addresses are not webhook targets`);
  }

  /** The parsed URL, when its scheme is http(s), it carries no user info, and its host, if an address literal, is allowed. */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookUrlRefused('the webhook URL does not parse');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlRefused('webhook URLs are http or https');
    if (url.username || url.password) throw new WebhookUrlRefused('webhook URLs carry no user name or password');
    // WHATWG parsing already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) this.checkAddress(url.hostname, literal);
    else if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) this.checkAddress(url.hostname, '127.0.0.1');
    return url;
  }

  /** Checks the URL and every address its host resolves to; returns the URL and the addresses (all allowed). */
  async vet(raw: string): Promise<{ url: URL; addresses: readonly string[] }> {
    const url = this.checkUrl(raw);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) return { url, addresses: [literal] };
    let addresses: readonly string[];
    try {
      addresses = await this.resolve(url.hostname);
    } catch (error) {
      throw new WebhookUrlRefused(`${url.hostname} does not resolve: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200));
    }
    if (addresses.length === 0) throw new WebhookUrlRefused(`${url.hostname} does not resolve`);
    for (const address of addresses) this.checkAddress(url.hostname, address);
    return { url, addresses };
  }
}
