// `serve --demo` in Chromium: the dispatcher page opens on the seeded Jakarta market day with no sign-in and shows the
// markets, couriers moving on the road-graph basemap, and planned routes; the README screenshot comes from here.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../api/server.js';
import { serve } from '../../cli/commands/serve.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './chromium.js';

const SHOTS = 'artifacts/screenshots';
const available = hasChromium();
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (CI installs Debian's chromium)`);

describe.skipIf(!available)('the demo in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const databaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    delete process.env.DATABASE_URL; // the demo day on in-memory PGlite: no shared schema touched by a browser test
    server = await serve({ port: 0, host: '127.0.0.1', memory: true, demo: true });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  });

  it('dispatcher page loads the demo and shows markets, moving couriers, the road basemap and routes', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    expect(await page.locator('.market-label').count()).toBeGreaterThanOrEqual(5);
    await page.waitForFunction(() => (window as any).jejaring.couriers.drawnCount() >= 10, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => Number(document.getElementById('map')!.dataset.roadLines) > 100, undefined, { timeout: 30_000 });
    await page.waitForFunction(() => Number(document.getElementById('map')!.dataset.routes) > 0, undefined, { timeout: 90_000 });
    // a courier's position moves while we watch
    const moved = await page.evaluate(async () => {
      const { store } = (window as any).jejaring;
      const before = new Map([...store.couriers.values()].map((c: any) => [c.id, `${c.lon},${c.lat}`]));
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      return [...store.couriers.values()].filter((c: any) => before.get(c.id) !== `${c.lon},${c.lat}`).length;
    });
    expect(moved).toBeGreaterThan(0);
    expect(await page.locator('#courier-list li').count()).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: `${SHOTS}/demo-dispatcher.png` });
    if (process.env.REGEN_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot-dispatcher.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a dispatcher pauses an idle courier and resumes it from the details panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    // an idle courier may be offered a route between our click and the pause (a 409): then try another one
    let paused = '';
    for (let attempt = 0; attempt < 3 && !paused; attempt++) {
      const idle = page.locator('#courier-list li[data-state="idle"]').nth(attempt);
      await idle.waitFor({ timeout: 30_000 });
      const courierId = (await idle.getAttribute('data-courier'))!;
      await idle.click();
      await page.locator(`#details [data-courier="${courierId}"] .actions button`).first().click(); // pause
      const row = page.locator(`#courier-list li[data-courier="${courierId}"]`);
      await expect.poll(async () => (await row.getAttribute('data-state')) === 'paused' || /Gagal|Failed/.test((await page.locator('#action-status').textContent()) ?? ''), { timeout: 10_000 }).toBe(true);
      if ((await row.getAttribute('data-state')) === 'paused') paused = courierId;
    }
    expect(paused).not.toBe('');
    await page.locator(`#details [data-courier="${paused}"] .actions button`).first().click(); // resume
    await expect.poll(() => page.locator(`#courier-list li[data-courier="${paused}"]`).getAttribute('data-state'), { timeout: 10_000 }).toBe('idle');
    expect(await page.locator('#action-status').textContent()).not.toMatch(/Gagal|Failed/);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
