// The webhook sender's fetch: every connection resolves its host through the SSRF policy (so a name that changes
// its answer after the check still cannot reach a forbidden address), and redirects are never followed.
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Agent } from 'undici';
import type { WebhookUrlPolicy } from './url-policy.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A fetch whose connections only reach addresses `policy` allows; closes its pool with `close()`. undici (about 0.15
 * CPU-s to load) loads with the first delivery, not when the server starts.
 */
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
  let undici: Promise<typeof import('undici')> | null = null;
  let agent: Agent | null = null;
  let closed = false;
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    const { Agent: UndiciAgent, fetch: undiciFetch } = await (undici ??= import('undici'));
    if (closed) throw new Error('guarded fetch used after close()');
    agent ??= new UndiciAgent({ connect: { lookup: lookup as never } });
    return undiciFetch(input, { ...(init as object), redirect: 'manual', dispatcher: agent });
  }) as unknown as typeof globalThis.fetch;
  return Object.assign(fetch, {
    close: async () => {
      closed = true;
      await agent?.close();
    },
  });
}
