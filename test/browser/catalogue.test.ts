// The catalogue form, the WhatsApp draft confirmation and the package stock on the dispatcher map, in Chromium against
// the real app: a price edited in the form reaches the API; a signed WhatsApp message appears as a draft, is confirmed
// with a map click into an order priced from the catalogue; the stock left shows beside its distribution point; the
// forms switch language with the rest of the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSignature } from '../../api/whatsapp/signature.js';
import { admin } from '../api/helpers/fixtures.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './chromium.js';
import { startSeededServer, type SeededServer } from './harness.js';

const available = hasChromium();
/** Generous: the page waits on real API calls, on a shared machine. */
const WAIT = { timeout: 20_000, interval: 200 };
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH}`);

describe.skipIf(!available)('catalogue, WhatsApp drafts and package stock in Chromium', () => {
  let server: SeededServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startSeededServer();
    const headers = await admin(server.app);
    const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
      const res = await server.app.inject({ method, url, headers, payload });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    await call('POST', `/v1/stalls/${server.stallIds[0]}/catalogue`, { items: [{ name: 'Kangkung', unit: 'ikat', price_rp: 3000, weight_kg: 0.25 }, { name: 'Tomat', unit: 'kg', price_rp: 12000, weight_kg: 1 }] });
    await call('PUT', `/v1/markets/${server.marketId}/whatsapp`, { phone_number_id: '555000111', verify_token: 'verify-token-1', app_secret: 'browser-app-secret', access_token: 'browser-access-token', api_base_url: 'http://127.0.0.1:9' });
    const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '555000111' },
      contacts: [{ profile: { name: 'Bu Wati' }, wa_id: '6281377778888' }],
      messages: [{ from: '6281377778888', id: 'wamid.browser1', timestamp: '1733468400', type: 'text', text: { body: 'Pagi bu, kangkung 2 iket sama tomat setengah kilo ya. Makasih' } }] } }] }] });
    const hook = await server.app.inject({ method: 'POST', url: '/whatsapp/webhook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, 'browser-app-secret') }, payload: raw });
    expect(hook.statusCode, hook.body).toBe(200);
    const point = await call('POST', `/v1/markets/${server.marketId}/distribution-points`, { name: 'Kelurahan Cipulir', location: { lon: 106.7800, lat: -6.2420 } });
    const pkg = await call('POST', `/v1/markets/${server.marketId}/packages`, { name: 'Paket sembako', price_rp: 50000, quota_per_household: 1, quota_period: 'week', stock: [{ point_id: point.id, quantity: 5 }] });
    await call('POST', `/v1/packages/${pkg.id}/orders`, { point_id: point.id, phone: '+6281399990000' });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('edits a price in the stall form, confirms the WhatsApp draft with a map click, and shows the stock left', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.baseUrl}/?token=${server.dispatcherToken}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });

    // Catalogue form: the stall's items load; a new price is saved through the API.
    await expect.poll(() => page.locator('#catalogue-form tbody tr').count(), WAIT).toBe(2);
    await page.locator('#catalogue-form tbody tr').nth(1).locator('.catalogue-price_rp').fill('13500');
    await page.locator('#catalogue-form button[type="submit"]').click();
    await expect.poll(() => page.locator('#catalogue-status').textContent(), WAIT).toMatch(/0 (baru|new), 1 (diubah|changed)/);
    const items = (await server.app.inject({ url: `/v1/stalls/${server.stallIds[0]}/catalogue`, headers: await admin(server.app) })).json().data;
    expect(items.map((i: { name: string; price_rp: number }) => [i.name, i.price_rp])).toEqual([['Kangkung', 3000], ['Tomat', 13500]]);

    // The WhatsApp draft: parsed items shown; the door by map click; confirmed into an order.
    const draft = page.locator('#drafts form.draft');
    await expect.poll(() => draft.count(), WAIT).toBe(1);
    expect(await draft.locator('.draft-items li').allTextContents()).toEqual([expect.stringContaining('Kangkung'), expect.stringContaining('Tomat')]);
    expect(await draft.locator('.draft-name').inputValue()).toBe('Bu Wati');
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.6);
    await expect.poll(() => draft.locator('.draft-door').textContent(), WAIT).toMatch(/-6\.\d+/);
    // The customer asked for tomorrow at ten (the browser's zone, the same as this process's).
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const tenTomorrow = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T10:00`;
    await draft.locator('.draft-booked').fill(tenTomorrow);
    await draft.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('#drafts-status').textContent(), WAIT).toMatch(/ord_/);
    const orderId = /(ord_\w+)/.exec((await page.locator('#drafts-status').textContent())!)![1];
    const order = (await server.app.inject({ url: `/v1/orders/${orderId}`, headers: await admin(server.app) })).json();
    expect(order.items.map((i: { name: string; quantity: number; unit_price_rp: number; free_text: boolean }) => [i.name, i.quantity, i.unit_price_rp, i.free_text]))
      .toEqual([['Kangkung', 2, 3000, false], ['Tomat', 0.5, 13500, false]]);
    expect(order.customer).toMatchObject({ name: 'Bu Wati', phone: '+6281377778888' });
    expect(order.booked_for).toBe(new Date(tenTomorrow).toISOString());
    await expect.poll(() => page.locator('#drafts form.draft').count(), WAIT).toBe(0);

    // Package stock beside its distribution point.
    await expect.poll(() => page.locator('.stock-label').textContent(), WAIT).toContain('Paket sembako 4/5');

    // In English the forms are English throughout, at once; back in Bahasa Indonesia, Indonesian again.
    expect(await page.locator('#catalogue h2').textContent()).toBe('Katalog kios');
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#catalogue h2').textContent(), WAIT).toBe('Stall catalogue');
    expect(await page.locator('#catalogue thead th').allTextContents()).toEqual(['Item', 'Unit', 'Price (Rp)', 'Weight (kg)', 'In stock', '']);
    expect(await page.locator('#catalogue-form button[type="submit"]').textContent()).toBe('Save catalogue');
    expect(await page.locator('#drafts h2').textContent()).toBe('WhatsApp orders');
    expect(await page.locator('#drafts p.muted').first().textContent()).toBe('No drafts yet.');
    expect(await page.locator('#new-order legend').textContent()).toBe('Items');
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#drafts h2').textContent(), WAIT).toBe('Pesanan WhatsApp');
    expect(errors).toEqual([]);
    await context.close();
  });
});
