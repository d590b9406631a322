// Page configuration: /web-config.json from the server plus the bearer token (URL ?token=, saved, or the demo's).
import type { WebConfig } from '../../api/schemas/web-config.js';

export type { WebConfig };

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('/web-config.json');
  return (await response.json()) as WebConfig;
}

/** Reads the token from `?token=` (then saved under `storageKey`), else the saved one, else `fallback`. */
export function resolveToken(storageKey: string, fallback = ''): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  try {
    if (fromUrl) { localStorage.setItem(storageKey, fromUrl); return fromUrl; }
    return localStorage.getItem(storageKey) ?? fallback;
  } catch {
    return fromUrl ?? fallback;
  }
}
