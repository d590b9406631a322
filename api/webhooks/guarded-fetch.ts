// The webhook sender's fetch: every connection resolves its host through the SSRF policy (so a name that changes
// its answer after the check still cannot reach a forbidden address), and redirects are never followed.
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import type { WebhookUrlPolicy } from './url-policy.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A fetch whose connections only reach addresses `policy` allows; closes its pool with `close()`. */
export function guardedFetch(policy: WebhookUrlPolicy): typeof globalThis.fetch & { close(): Promise<void> } {
  const lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    policy.resolve(hostname).then(
      (resolved) => {
        for (const address of resolved) policy.checkAddress(hostname, address);
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const found = resolved.map((address) => ({ address, family: isIP(address) })).filter((a) => !family || a.family === family);
        if (found.length === 0) return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: 'ENOTFOUND' }), []);
        if (options.all) callback(null, found);
        else callback(null, found[0].address, found[0].family);
      },
    ).catch((error: Error) => callback(error, []));
  };
  const agent = new Agent({ connect: { lookup: lookup as never } });
  const fetch = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), redirect: 'manual', dispatcher: agent })) as unknown as typeof globalThis.fetch;
  return Object.assign(fetch, { close: () => agent.close() });
}
