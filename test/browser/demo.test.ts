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
    // a courier's position moves while we watch (within 20 s: a loaded machine slows the demo's clock)
    await page.evaluate(() => {
      const { store } = (window as any).jejaring;
      (window as any).positionsBefore = new Map([...store.couriers.values()].map((c: any) => [c.id, `${c.lon},${c.lat}`]));
    });
    const moved = await page.waitForFunction(() => {
      const { store } = (window as any).jejaring;
      const before = (window as any).positionsBefore as Map<string, string>;
      return [...store.couriers.values()].filter((c: any) => before.get(c.id) !== `${c.lon},${c.lat}`).length;
    }, undefined, { timeout: 20_000, polling: 250 });
    expect(await moved.jsonValue()).toBeGreaterThan(0);
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
      // by id: the list re-renders as states change, and the nth idle row may already be another courier
      await page.locator(`#courier-list li[data-courier="${courierId}"]`).click();
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
  it('at the default view no market labels overlap, offers sit above labels, the demo speed shows and every string is translated', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    await expect.poll(() => page.locator('.market-label').count(), { timeout: 30_000 }).toBe(10);
    await page.waitForFunction(() => document.querySelectorAll('#feed-list li').length >= 3, undefined, { timeout: 60_000 });
    await page.waitForTimeout(1_000); // the fitted view has settled and the panels re-rendered
    const labels = await page.locator('.market-label').evaluateAll((els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }));
    const overlaps = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      .map((b) => `${a.text} × ${b.text}`));
    expect(overlaps).toEqual([]);
    expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['Pasar Santa', 'Pasar Mayestik']));
    const zIndex = await page.evaluate(() => ({
      offers: Number(getComputedStyle(document.querySelector('.leaflet-offers-pane')!).zIndex),
      tooltips: Number(getComputedStyle(document.querySelector('.leaflet-tooltip-pane')!).zIndex),
    }));
    expect(zIndex.offers).toBeGreaterThan(zIndex.tooltips);
    expect(await page.locator('#demo-speed').textContent()).toBe('Demo: kurir melaju 6× lebih cepat dari waktu nyata');
    // Fresh orders carry no alarm: nothing red before an order has waited 20 minutes, no "menunggu 0 mnt" tags.
    expect(await page.locator('.waiting-late, .order-waiting-late').count()).toBe(0);
    expect(await page.locator('.leaflet-tooltip-pane').innerText()).not.toMatch(/menunggu 0 mnt/);
    // Queue names whole, money on one line.
    const cut = await page.locator('.queue-name').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(cut).toEqual([]);
    const wrappedMoney = await page.locator('.money, .kpi-value').evaluateAll((els) => els.filter((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    }).map((el) => el.textContent));
    expect(wrappedMoney).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/demo-default-view.png` });
    const rawTypeOrId = /\b(order|offer|courier|route|plan|eta|market|stall|stop)\.[a-z_]+\b|\b(ord|cou|off|mkt|stl|flt|pln|rte)_[A-Za-z0-9]{6,}/;
    const panels = async () => page.locator('header, aside').evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText).join('\n'));
    const indonesian = await panels();
    expect(indonesian).not.toMatch(rawTypeOrId);
    expect(indonesian).not.toMatch(/\b(waiting|Order|Orders|Courier|Couriers|Offer|Events|Overview|min)\b/);
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#kpi h2').textContent()).toBe('Overview');
    await page.waitForTimeout(500);
    const english = await panels();
    expect(english).not.toMatch(rawTypeOrId);
    expect(english).not.toMatch(/\b(Terhubung|menunggu|Pesanan|Kurir|Antrean|Kejadian|Ringkasan|Semua|Siaga|Tawaran|mnt|dtk|lebih cepat|baru masuk|diperbarui)\b/);
    expect(await page.locator('#demo-speed').textContent()).toBe('Demo: couriers ride 6× faster than real time');
    await page.screenshot({ path: `${SHOTS}/demo-default-view-en.png` });
    await page.locator('#lang').click();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
