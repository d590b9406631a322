// The courier judges an offer in Chromium: the card shows fee, stalls by name, market → door distance and time, COD to
// collect and cash float, with the offered route on the card's map; a courier without a route asks for none (no 404)
// and sees the market's call to wait near it;
// and a page opened before the server is ready waits, then connects on its own. Screenshots in artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { admin, tokenFor } from '../api/helpers/fixtures.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './chromium.js';
import { planAndOffer, startSeededServer, type SeededServer } from './harness.js';

const SHOTS = 'artifacts/screenshots';
const available = hasChromium();
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (CI installs Debian's chromium)`);

describe.skipIf(!available)('courier offer card and page start-up in Chromium', () => {
  let server: SeededServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startSeededServer();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the offer card shows fee, stalls, trip, COD and cash float, and the route preview on its map', async () => {
    const courier = server.couriers[0];
    await planAndOffer(server, server.orderIds[0], courier.id);
    const page = await browser.newPage({ viewport: { width: 412, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.baseUrl}/courier?token=${courier.token}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    await page.waitForSelector('#offer[data-preview="1"]', { timeout: 20_000 });
    const fact = async (name: string) => (await page.locator(`#offer [data-fact="${name}"]`).textContent())?.replace(/\s+/g, ' ') ?? '';
    // Kangkung 2 × 3,000 + ayam 38,000 = 44,000 of goods; the fee comes from the market tariff
    const order = (await server.app.inject({ url: `/v1/orders/${server.orderIds[0]}`, headers: await admin(server.app) })).json();
    expect(await fact('fee')).toContain(`Rp ${order.fee_rp.toLocaleString('id-ID')}`);
    expect(await fact('fee')).toContain('1 pesanan');
    expect(await fact('stalls')).toMatch(/^2 lapak.*Sayur Bu Ani.*Daging Pak Joko/);
    expect(await fact('trip')).toMatch(/Pasar → pintu\s*\d+,\d km · \d+ mnt/);
    expect(await fact('cod')).toContain(`Rp ${order.cod_total_rp.toLocaleString('id-ID')}`);
    expect(await fact('float')).toContain('Rp 44.000');
    await page.waitForFunction(() => Number(document.getElementById('mini-map')!.dataset.preview) >= 2, undefined, { timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/courier-offer-card.png` });
    await page.locator('#lang').click();
    await expect.poll(async () => fact('float')).toContain('Cash float needed');
    await page.screenshot({ path: `${SHOTS}/courier-offer-card-en.png` });
    await page.locator('#lang').click();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a courier with no route and no offer asks for no route (no 404 in the console)', async () => {
    const courier = server.couriers[2];
    const page = await browser.newPage({ viewport: { width: 412, height: 860 } });
    const notFound: string[] = [];
    page.on('response', (response) => { if (response.status() === 404) notFound.push(response.url()); });
    page.on('console', (message) => { if (message.type() === 'error') notFound.push(message.text()); });
    await page.goto(`${server.baseUrl}/courier?token=${courier.token}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    await page.waitForTimeout(1_500);
    expect(notFound).toEqual([]);
    // The market asks this idle courier to wait near it: the banner says so, in the courier's language.
    await server.app.store.events.append({ type: 'courier.staging', marketId: server.marketId, courierId: courier.id, orderId: null, payload: { courierId: courier.id, lon: 106.8442, lat: -6.1737 } });
    await page.waitForFunction(() => !document.getElementById('queue-banner')!.hidden, undefined, { timeout: 10_000 });
    expect(await page.locator('#queue-banner').textContent()).toBe('Pesanan akan segera masuk: tunggu di dekat pasar');
    await page.close();
  }, 60_000);

  it('a page opened before the demo is ready waits, then signs in and connects on its own', async () => {
    const demo: { ready?: boolean; dispatcherToken?: string } = { ready: false };
    const app = await buildApp({ db: server.app.db, secret: 'browser-test-secret-0123456789', docs: false, rateLimit: false, realtime: true, webMap: { demo } });
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(baseUrl);
      await page.waitForSelector('#waiting-banner', { timeout: 20_000 });
      await page.screenshot({ path: `${SHOTS}/demo-waiting.png` });
      expect(await page.locator('body[data-ready="1"]').count()).toBe(0);
      demo.dispatcherToken = (await tokenFor(app, 'dispatcher', { marketIds: [server.marketId] })).authorization.slice(7);
      demo.ready = true;
      await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
      expect(await page.locator('#waiting-banner').count()).toBe(0);
      await page.waitForFunction(() => document.querySelectorAll('.market-label').length > 0, undefined, { timeout: 20_000 });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await app.close();
    }
  }, 120_000);
});
