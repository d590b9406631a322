// The dispatcher and courier pages in Debian's Chromium against the real app: live map, offers accepted from a second
// page, and courier actions queued offline then replayed. Screenshots go to artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './chromium.js';
import { planAndOffer, startSeededServer, type SeededServer } from './harness.js';

const SHOTS = 'artifacts/screenshots';
const available = hasChromium();
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (CI installs Debian's chromium)`);

/** Opens `path` in a fresh context and waits until the page says it is ready; collects page errors. */
async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
  return { context, page, errors };
}

describe.skipIf(!available)('web map in Chromium', () => {
  let server: SeededServer;
  let browser: Browser;
  let offerId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startSeededServer();
    offerId = await planAndOffer(server, server.orderIds[0], server.couriers[0].id);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('dispatcher page shows the market, its couriers on the map, the planned route and the waiting orders', async () => {
    const { context, page, errors } = await openPage(browser, `${server.baseUrl}/?token=${server.dispatcherToken}`, { width: 1400, height: 850 });
    await page.waitForSelector('#map[data-routes="1"]');
    await page.waitForFunction(() => (window as any).jejaring.couriers.drawnCount() === 3);
    expect(await page.locator('#courier-list li').count()).toBe(3);
    // The offer event comes after the plan's in the log: the route may be drawn a moment before the courier turns offered.
    const offered = page.locator(`#courier-list li[data-courier="${server.couriers[0].id}"][data-state="offered"]`);
    await offered.waitFor({ timeout: 10_000 }).catch(() => undefined);
    expect(await page.locator(`#courier-list li[data-courier="${server.couriers[0].id}"]`).getAttribute('data-state')).toBe('offered');
    expect(await page.locator('#queue-list li').count()).toBe(2);
    expect(await page.locator('.stop-icon').count()).toBe(3); // two stalls and the door
    expect(await page.locator('.offer-badge').count()).toBe(1);
    expect(await page.locator('.kpi[data-kpi="waiting"] .kpi-value').textContent()).toBe('2');
    await page.locator('#filter-state').selectOption('offered');
    await expect.poll(() => page.locator('#courier-list li').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => (window as any).jejaring.couriers.drawnCount())).toBe(1);
    await page.locator('#filter-state').selectOption('');
    await page.locator('#filter-fleet').selectOption('ojol');
    await expect.poll(() => page.locator('#courier-list li').count()).toBe(0); // the seeded fleet is a pangkalan
    await page.locator('#filter-fleet').selectOption('');
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#kpi h2').textContent()).toBe('Overview');
    // A plan keeps the other order back for the second courier, still out delivering: the queue and the details say so.
    const [heldOrder, heldCourier] = [server.orderIds[1], server.couriers[1]];
    const atStall = new Date(Date.now() + 25 * 60_000);
    await server.app.tx((tx) => tx.events.append({ type: 'plan.updated', marketId: server.marketId, payload: {
      planId: 'pln_held', routes: [], unassignedOrderIds: [], heldOrders: [{ orderId: heldOrder, courierId: heldCourier.id, reason: 'commit_horizon', firstStopEta: atStall.toISOString() }],
    } }));
    const heldRow = page.locator(`#queue-list li[data-order="${heldOrder}"] .queue-held`);
    await expect.poll(() => heldRow.textContent(), { timeout: 5_000 }).toMatch(new RegExp(`^Kept for ${heldCourier.name} \\(still delivering\\), at the stall ~\\d{2}[.:]\\d{2}$`));
    await page.locator(`#queue-list li[data-order="${heldOrder}"]`).click();
    await expect.poll(() => page.locator('#details [data-field="held"]').textContent()).toBe(await heldRow.textContent());
    await page.screenshot({ path: `${SHOTS}/dispatcher.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a coordinator types in a phone order: door by map click, items from the stalls, COD total, then it joins the queue', async () => {
    const { context, page, errors } = await openPage(browser, `${server.baseUrl}/?token=${server.dispatcherToken}`, { width: 1400, height: 850 });
    await page.waitForSelector('#map[data-routes="1"]');
    const queued = await page.locator('#queue-list li').count();
    await page.fill('#entry-customer', 'Bu Ratna');
    await page.fill('#entry-phone', '+6281311112222');
    await page.fill('#entry-note', 'gang sebelah masjid, pagar hijau');
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.8);
    await expect.poll(() => page.locator('#entry-point').textContent()).toMatch(/-6\.\d+, 106\.\d+/);
    const rows = page.locator('#order-entry .item-row');
    await rows.nth(0).locator('.item-name').fill('Bawang merah');
    await rows.nth(0).locator('.item-qty').fill('0.5');
    await rows.nth(0).locator('.item-price').fill('40000');
    await page.locator('#order-entry fieldset button:not([aria-label])').last().click(); // + item
    await rows.nth(1).locator('select').selectOption(server.stallIds[1]);
    await rows.nth(1).locator('.item-name').fill('Daging sapi');
    await rows.nth(1).locator('.item-qty').fill('1');
    await rows.nth(1).locator('.item-price').fill('130000');
    await expect.poll(() => page.locator('#entry-total').textContent()).toBe('Rp 150.000');
    await page.locator('#order-entry button[type="submit"]').click();
    await expect.poll(() => page.locator('#entry-status').textContent()).toMatch(/ord_/);
    const orderId = /(ord_\w+)/.exec((await page.locator('#entry-status').textContent())!)![1];
    await expect.poll(() => page.locator('#queue-list li').count()).toBe(queued + 1);
    const order = (await server.app.inject({ url: `/v1/orders/${orderId}`, headers: { authorization: `Bearer ${server.dispatcherToken}` } })).json();
    expect(order.items.map((i: { name: string; stall_id: string }) => [i.name, i.stall_id])).toEqual([['Bawang merah', server.stallIds[0]], ['Daging sapi', server.stallIds[1]]]);
    expect(order.goods_total_rp).toBe(150_000);
    expect(order.customer).toMatchObject({ name: 'Bu Ratna', landmark: 'gang sebelah masjid, pagar hijau' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a courier accepts the offer in a second page and the dispatcher's map shows it within a second", async () => {
    const courier = server.couriers[0];
    const dispatcher = await openPage(browser, `${server.baseUrl}/?token=${server.dispatcherToken}`, { width: 1400, height: 850 });
    const courierRow = dispatcher.page.locator(`#courier-list li[data-courier="${courier.id}"]`);
    await expect.poll(() => courierRow.getAttribute('data-state')).toBe('offered');
    const phone = await openPage(browser, `${server.baseUrl}/courier?token=${courier.token}`, { width: 390, height: 844 });
    await phone.page.waitForSelector(`#offer[data-offer="${offerId}"]`);
    await phone.page.screenshot({ path: `${SHOTS}/courier-offer.png` });
    // both pages stamp with the same clock: the tap in the courier page, the store update that redraws the map
    await phone.page.evaluate(() => document.querySelector('#offer-accept')!.addEventListener('click', () => { (window as any).tappedAt = Date.now(); }, { capture: true }));
    await dispatcher.page.evaluate((id) => {
      const { store } = (window as any).jejaring;
      store.subscribe(() => { if (store.couriers.get(id)?.state === 'on_route') (window as any).seenAt ??= Date.now(); });
    }, courier.id);
    await phone.page.locator('#offer-accept').click();
    await dispatcher.page.waitForSelector(`#courier-list li[data-courier="${courier.id}"][data-state="on_route"]`, { timeout: 5_000 });
    const tappedAt = await phone.page.evaluate(() => (window as any).tappedAt as number);
    const seenAt = await dispatcher.page.evaluate(() => (window as any).seenAt as number);
    expect(seenAt - tappedAt).toBeLessThan(1_000);
    expect(await dispatcher.page.locator('.offer-badge').count()).toBe(0);
    await phone.page.waitForSelector('#stop-list li.current');
    await dispatcher.page.screenshot({ path: `${SHOTS}/dispatcher-accepted.png` });
    expect([...dispatcher.errors, ...phone.errors]).toEqual([]);
    await dispatcher.context.close();
    await phone.context.close();
  });

  it("an offline courier's actions are queued and arrive, with their keys, after reconnecting", async () => {
    const courier = server.couriers[0];
    const phone = await openPage(browser, `${server.baseUrl}/courier?token=${courier.token}`, { width: 390, height: 844 });
    const current = phone.page.locator('#stop-list li.current');
    await current.waitFor();
    const stopId = (await current.getAttribute('data-stop'))!;
    await phone.context.setOffline(true);
    const tappedAt = Date.now();
    await current.locator('button[data-action="arrived"]').click();
    // still offline: the pick list of this stall comes up; one item is missing
    const item = current.locator('.pick-item').first();
    const itemId = (await item.getAttribute('data-item'))!;
    await item.locator('button[data-outcome="missing"]').click();
    await current.locator('button[data-action="picked"]').click();
    await phone.page.waitForSelector('#queue-banner[data-pending="2"]');
    await phone.page.screenshot({ path: `${SHOTS}/courier-offline.png` });
    const before = await server.app.db.query<{ status: string }>('SELECT status FROM stops WHERE id = $1', [stopId]);
    expect(before.rows[0].status).toBe('pending');
    await phone.context.setOffline(false);
    await phone.page.waitForSelector('#queue-banner[data-pending="0"]', { timeout: 10_000 });
    const after = await server.app.db.query<{ status: string; arrived_at: Date }>('SELECT status, arrived_at FROM stops WHERE id = $1', [stopId]);
    expect(after.rows[0].status).toBe('done');
    expect(new Date(after.rows[0].arrived_at).getTime()).toBeGreaterThanOrEqual(tappedAt - 1_000);
    const outcome = await server.app.db.query<{ outcome: string }>('SELECT outcome FROM order_items WHERE id = $1', [itemId]);
    expect(outcome.rows[0].outcome).toBe('missing');
    // the next stop becomes current
    await expect.poll(() => phone.page.locator('#stop-list li.current').getAttribute('data-stop')).not.toBe(stopId);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('the courier finishes the route: last stall, then the door with the COD amount, and the order is delivered', async () => {
    const courier = server.couriers[0];
    const phone = await openPage(browser, `${server.baseUrl}/courier?token=${courier.token}`, { width: 390, height: 844 });
    const current = () => phone.page.locator('#stop-list li.current');
    await current().locator('button[data-action="arrived"]').click();
    await current().locator('button[data-action="picked"]').click();
    await expect.poll(() => current().locator('button[data-action="arrived"]').count()).toBe(1); // the door is next
    await current().locator('button[data-action="arrived"]').click();
    const cod = current().locator('input[type="number"]');
    await cod.waitFor();
    await cod.fill('50000');
    await current().locator('button[data-action="delivered"]').click();
    await phone.page.waitForSelector('#queue-banner[data-pending="0"]', { timeout: 10_000 });
    await expect.poll(async () => (await server.app.db.query<{ status: string; cod_collected_rp: number }>(
      'SELECT status, cod_collected_rp FROM orders WHERE id = $1', [server.orderIds[0]])).rows[0], { timeout: 10_000 })
      .toEqual({ status: 'delivered', cod_collected_rp: 50_000 });
    await phone.page.screenshot({ path: `${SHOTS}/courier-delivered.png` });
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('a customer refuses the goods at the door: the courier opens an exchange', async () => {
    const courier = server.couriers[1];
    const offer = await planAndOffer(server, server.orderIds[1], courier.id);
    const phone = await openPage(browser, `${server.baseUrl}/courier?token=${courier.token}`, { width: 390, height: 844 });
    await phone.page.waitForSelector(`#offer[data-offer="${offer}"]`);
    await phone.page.locator('#offer-accept').click();
    const current = () => phone.page.locator('#stop-list li.current');
    for (let stall = 0; stall < 2; stall++) {
      await current().locator('button[data-action="arrived"]').click();
      await current().locator('button[data-action="picked"]').click();
      await phone.page.waitForSelector('#queue-banner[data-pending="0"]');
    }
    await current().locator('button[data-action="arrived"]').click();
    await current().locator('button[data-action="refused"]').click();
    await phone.page.waitForSelector('#queue-banner[data-pending="0"]', { timeout: 10_000 });
    await expect.poll(async () => (await server.app.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [server.orderIds[1]])).rows[0].status, { timeout: 10_000 })
      .toBe('exchanged');
    const child = await server.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE parent_order_id = $1', [server.orderIds[1]]);
    expect(child.rows[0].n).toBe(1);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});
