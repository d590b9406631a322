// Page configuration: /web-config.json from the server plus the bearer token (URL ?token=, the demo's, or saved).
import type { WebConfig } from '../../api/schemas/web-config.js';
import { getLocale } from './i18n.js';

export type { WebConfig };

const WAITING_TEXT = { id: 'Demo sedang disiapkan… halaman tersambung sendiri.', en: 'The demo is getting ready… the page connects on its own.' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A banner at the top of the page while the server is not ready; removed once it is. */
function waitingBanner(): HTMLElement {
  const banner = document.createElement('div');
  banner.id = 'waiting-banner';
  banner.setAttribute('role', 'status');
  banner.style.cssText = 'position:fixed;top:0;left:0;right:0;z-index:10000;padding:10px 16px;background:#fff8e1;color:#5d4037;font:14px system-ui,sans-serif;text-align:center;box-shadow:0 1px 4px rgba(0,0,0,.2)';
  banner.textContent = WAITING_TEXT[getLocale()];
  document.body.append(banner);
  return banner;
}

/**
 * Reads /web-config.json, waiting (and asking again) while the server answers but is not ready yet, e.g. a demo
 * still seeding its market day, or while it does not answer at all (restarting).
 */
export async function loadConfig(pollMs = 1_000): Promise<WebConfig> {
  let banner: HTMLElement | null = null;
  try {
    for (;;) {
      try {
        const response = await fetch('/web-config.json', { cache: 'no-store' });
        if (response.ok) {
          const config = (await response.json()) as WebConfig;
          if (config.demo?.ready !== false) return config;
        }
      } catch {
        // not answering (yet): ask again
      }
      banner ??= waitingBanner();
      await sleep(pollMs);
    }
  } finally {
    banner?.remove();
  }
}

/**
 * The token from `?token=` (then saved under `storageKey`), else the demo's (a demo restarted with a new secret
 * makes saved tokens stale), else the saved one.
 */
export function resolveToken(storageKey: string, fallback = ''): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  try {
    if (fromUrl) { localStorage.setItem(storageKey, fromUrl); return fromUrl; }
    return fallback || (localStorage.getItem(storageKey) ?? '');
  } catch {
    return fromUrl ?? fallback;
  }
}
