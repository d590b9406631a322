// Chromium launcher shared by the map benchmark and the browser tests: Debian's /usr/bin/chromium through playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.JEJARING_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser binary exists (CI installs it; locally tests skip with a message when it is missing). */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
}
