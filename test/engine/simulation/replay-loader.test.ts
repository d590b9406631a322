import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildWorld, EngineError, HaversineProvider, loadScenarioFile, openEmbeddedRouter, parseScenario, type ScenarioFile,
} from '../../../engine/index.js';
import { scenarioRejection } from './tiny-scenario.js';

/** A market with named stalls, explicit couriers and no drawn demand: the orders come from the sheet or `orders`. */
function replayScenario(over: Partial<ScenarioFile> = {}): ScenarioFile {
  return {
    name: 'replay', seed: 1,
    day: { startHour: 6, endHour: 12 },
    roads: { kind: 'haversine' },
    markets: [{ id: 'keputih', lon: 112.78, lat: -7.295, stalls: [{ id: 'k01', lon: 112.7801, lat: -7.2951 }, { id: 'k02', lon: 112.7799, lat: -7.2949 }] }],
    couriers: [{ id: 'pk-1', kind: 'pangkalan', shift: ['06:00', '12:00'] }, { id: 'oj-1', kind: 'ojol', shift: [9, 12], lon: 112.775, lat: -7.29 }],
    ...over,
  };
}

const HEADER = 'order_id,time,customer_name,customer_phone,lat,lon,stall,item,qty,unit,price_rp,cod,promise_min,ready_time';
const GOOD = [
  HEADER,
  'A-1,07:42,Bu Sri,0812-0000-0001,-7.2975,112.7712,k01,cabai rawit,2,ons,16000,ya,45,07:50',
  'A-1,,,,,,k01,beras,5,kg,70000,,,07:55',
  'A-1,,,,,,k02,tahu,10,biji,10000,,,',
  'A-2,08:05:30,"Pak Budi, RT 3",,-7.2930,112.7830,k02,"telur ""kampung""",1,kg,29000,tidak,,',
];

function csvRejection(lines: readonly string[], over: Partial<ScenarioFile> = {}): EngineError {
  try {
    parseScenario(replayScenario({ ordersCsv: 'day.csv', ...over }), { ordersCsv: { label: 'day.csv', text: `${lines.join('\n')}\n` } });
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('the sheet was accepted');
}

describe('replayed orders from a coordinator\'s sheet', () => {
  it('groups the rows of an order by stall: value, weight from the unit, the latest ready time', () => {
    const s = parseScenario(replayScenario({ ordersCsv: 'day.csv' }), { ordersCsv: { label: 'day.csv', text: GOOD.join('\r\n') } });
    expect(s.orders.map((o) => o.id)).toEqual(['A-1', 'A-2']);
    const [a1, a2] = s.orders;
    expect(a1).toMatchObject({ market: 'keputih', atHour: 7.7, lon: 112.7712, lat: -7.2975, promiseMin: 45, cod: true, customerName: 'Bu Sri', source: 'day.csv row 2' });
    expect(a1.pickups).toEqual([
      { stall: 'k01', lon: 112.7801, lat: -7.2951, weightKg: 5.2, valueRp: 86_000, readyAtHour: 7 + 55 / 60 },
      { stall: 'k02', lon: 112.7799, lat: -7.2949, weightKg: 5, valueRp: 10_000 },
    ]);
    expect(a2).toMatchObject({ atHour: 8 + 5 / 60 + 30 / 3600, customerName: 'Pak Budi, RT 3', promiseMin: 90, cod: false });
    expect(a2.pickups).toEqual([{ stall: 'k02', lon: 112.7799, lat: -7.2949, weightKg: 1, valueRp: 29_000 }]);
    expect(s.couriers.map((c) => [c.id, c.shift, c.lon, c.startGiven])).toEqual([['pk-1', [6, 12], 112.78, false], ['oj-1', [9, 12], 112.775, true]]);
  });

  it('reads a semicolon sheet with decimal commas and rupiah written with thousands dots', () => {
    const text = ['order_id;time;lat;lon;stall;item;qty;unit;price_rp;cod', 'B-1;06:30;-7,2975;112,7712;k01;bawang merah;0,5;kg;Rp 19.000;YA'].join('\n');
    const [b1] = parseScenario(replayScenario({ ordersCsv: 'day.csv' }), { ordersCsv: { label: 'day.csv', text } }).orders;
    expect(b1).toMatchObject({ lat: -7.2975, lon: 112.7712, cod: true, pickups: [{ stall: 'k01', weightKg: 0.5, valueRp: 19_000 }] });
  });

  it.each([
    ['a price that is not a number', 3, 'price_rp', (l: string[]) => { l[2] = l[2].replace('70000', '70rb'); }, '"70rb" is not a number'],
    ['a time that is not a time of day', 2, 'time', (l: string[]) => { l[1] = l[1].replace('07:42', '7.42'); }, 'not a time of day'],
    ['a stall the market does not have', 4, 'stall', (l: string[]) => { l[3] = l[3].replace('k02', 'k09'); }, '"k09" is not a stall of market "keputih"'],
    ['a later row of an order that contradicts the first', 3, 'time', (l: string[]) => { l[2] = l[2].replace('A-1,,', 'A-1,07:45,'); }, 'differs from row 2'],
    ['an order before the day starts', 5, 'time', (l: string[]) => { l[4] = l[4].replace('08:05:30', '05:10'); }, 'outside the day'],
    ['goods ready before the order', 2, 'ready_time', (l: string[]) => { l[1] = l[1].replace('07:50', '07:30'); }, 'before the order at 07:42'],
    ['a latitude out of range', 2, 'lat', (l: string[]) => { l[1] = l[1].replace('-7.2975', '-97.2975'); }, 'not a latitude'],
    ['a blank stall', 3, 'stall', (l: string[]) => { l[2] = l[2].replace(',k01,', ',,'); }, 'is blank'],
    ['a quantity of zero', 4, 'qty', (l: string[]) => { l[3] = l[3].replace(',10,', ',0,'); }, 'not above zero'],
    ['a COD value that is not yes or no', 5, 'cod', (l: string[]) => { l[4] = l[4].replace('tidak', 'mungkin'); }, 'not ya/tidak'],
    ['an order id used again for a JSON order', 2, 'order_id', (l: string[]) => { l[1] = l[1].replace('A-1', 'J-1'); l[2] = l[2].replace('A-1', 'J-1'); l[3] = l[3].replace('A-1', 'J-1'); }, 'used twice'],
  ])('rejects %s naming the row and the column', (_what, row, column, edit, message) => {
    const lines = [...GOOD];
    edit(lines);
    const orders = [{ id: 'J-1', at: '07:00', customer: { lon: 112.77, lat: -7.29 }, items: [{ stall: 'k01', priceRp: 5000 }] }];
    const e = csvRejection(lines, { orders });
    expect(e.code).toMatch(/^invalid_(orders_csv|scenario)$/);
    expect(e.message).toContain(`day.csv row ${row}, column ${column}`);
    expect(e.message).toContain(message);
  });

  it('rejects a sheet whose header lacks a column or has an unknown one (row 1)', () => {
    const noPrice = csvRejection([HEADER.replace(',price_rp', ''), 'A-1,07:42,Bu Sri,0812,-7.29,112.77,k01,beras,1,kg,ya,45,']);
    expect(noPrice.message).toBe('day.csv row 1, column price_rp: missing from the header');
    const lng = csvRejection([HEADER.replace(',lon,', ',lng,'), GOOD[1]]);
    expect(lng.message).toContain('day.csv row 1, column "lng": unknown column');
  });

  it('rejects a quoted field that is never closed, naming the row it starts on', () => {
    const e = csvRejection([...GOOD.slice(0, 3), 'A-3,09:00,"Bu Ani,,-7.29,112.77,k01,beras,1,kg,14000,ya,,']);
    expect(e.message).toBe('day.csv row 4: a quoted field is never closed');
  });

  it('counts rows as a spreadsheet does when a quoted cell spans lines', () => {
    const lines = [GOOD[0], 'A-1,07:42,"Bu Sri\nblok C",,-7.2975,112.7712,k01,beras,1,kg,14000,ya,,', 'A-2,07:50,,,-7.29,112.77,k01,beras,1,kg,nol,ya,,'];
    expect(csvRejection(lines).message).toContain('day.csv row 4, column price_rp');
  });

  it('takes the market from the market column when the scenario has several', () => {
    const base = replayScenario();
    const markets = [...base.markets, { id: 'menur', lon: 112.77, lat: -7.29, stalls: [{ id: 'k01', lon: 112.7701, lat: -7.2901 }] }];
    const couriers = base.couriers!.map((c) => ({ ...c, market: 'keputih' }));
    const sheet = (market: string) => ['order_id,time,market,lat,lon,stall,price_rp', `C-1,07:00,${market},-7.29,112.77,k01,5000`].join('\n');
    const [c1] = parseScenario(replayScenario({ markets, couriers, ordersCsv: 'day.csv' }), { ordersCsv: { label: 'day.csv', text: sheet('menur') } }).orders;
    expect(c1).toMatchObject({ market: 'menur', pickups: [{ stall: 'k01', lon: 112.7701 }] });
    expect(csvRejection([sheet('').split('\n')[0], 'C-1,07:00,,-7.29,112.77,k01,5000'], { markets, couriers }).message)
      .toBe('day.csv row 2, column market: needed when the scenario has several markets (keputih, menur)');
    expect(csvRejection(sheet('pasar-x').split('\n'), { markets, couriers }).message).toBe('day.csv row 2, column market: "pasar-x" is not a market id');
  });

  it('needs the sheet beside a scenario file', () => {
    expect(() => parseScenario(replayScenario({ ordersCsv: 'day.csv' }))).toThrow(/ordersCsv: the sheet is read beside a scenario file \(jejaring plan\) or sent as orders_csv/);
  });
});

describe('replayed orders and couriers in the scenario JSON', () => {
  const order = { id: 'J-1', at: '07:00', customer: { lon: 112.77, lat: -7.29 }, items: [{ stall: 'k01', priceRp: 5000 }] };

  it('resolves an explicit order: the promise from deliverBy, ready times from the order', () => {
    const s = parseScenario(replayScenario({ orders: [{ ...order, deliverBy: '07:40', readyAt: 7.25, cod: true }] }));
    expect(s.orders[0]).toMatchObject({ id: 'J-1', atHour: 7, promiseMin: 40, cod: true, pointField: 'orders[0].customer', pickups: [{ stall: 'k01', readyAtHour: 7.25, weightKg: 0.5 }] });
  });

  it('names the field of a bad explicit order or courier', () => {
    expect(scenarioRejection(replayScenario({ orders: [{ ...order, items: [order.items[0], { stall: 'k07', priceRp: 1 }] }] })).field).toBe('orders[0].items[1].stall');
    expect(scenarioRejection(replayScenario({ orders: [order, order] })).field).toBe('orders[1].id');
    expect(scenarioRejection(replayScenario({ orders: [{ ...order, at: '7h' }] })).field).toBe('orders[0].at');
    expect(scenarioRejection(replayScenario({ orders: [{ ...order, promiseMin: 30, deliverBy: '08:00' }] })).field).toBe('orders[0].deliverBy');
    expect(scenarioRejection(replayScenario({ orders: [order], couriers: [{ id: 'pk-1', kind: 'pangkalan', shift: ['12:00', '06:00'] }] })).field).toBe('couriers[0].shift');
    expect(scenarioRejection(replayScenario({ orders: [order], couriers: [{ id: 'pk-1', kind: 'pangkalan', shift: [6, 12], lon: 112.7 }] })).field).toBe('couriers[0].lat');
    const late = scenarioRejection(replayScenario({ orders: [order], couriers: [{ id: 'pk-1', kind: 'pangkalan', shift: ['13:00', '14:00'] }] }));
    expect([late.field, late.message]).toEqual(['couriers[0].shift', 'scenario couriers[0].shift: 13:00 is outside the day (06:00–12:00): the shift must start before the day ends']);
    expect(scenarioRejection(replayScenario({ orders: [order], couriers: [], fleets: [] })).field).toBe('fleets');
    expect(scenarioRejection(replayScenario()).message).toContain('needs ordersPerHour or ordersPerDay (or the scenario lists orders)');
    const { stalls: _stalls, ...noStalls } = replayScenario().markets[0];
    expect(scenarioRejection(replayScenario({ markets: [{ ...noStalls, stallCount: 5 }], orders: [order] })).message).toContain('lists no stalls by id');
  });

  it('builds the world from the listed orders and couriers as given', async () => {
    const s = parseScenario(replayScenario({ orders: [{ ...order, readyAt: '07:10', cod: true }] }));
    const world = await buildWorld(s, new HaversineProvider({ speedMps: 5 }));
    expect(world.orders).toHaveLength(1);
    const [o] = world.orders;
    expect(o.order.pickups[0]).toMatchObject({ id: 'J-1-p0', lon: 112.7801, lat: -7.2951, valueRp: 5000, readyAtMs: o.placedAtMs + 10 * 60_000 });
    expect(o.order.delivery).toMatchObject({ lon: 112.77, lat: -7.29, codRp: 15_000, windowEndMs: o.placedAtMs + 90 * 60_000 });
    expect(world.couriers.map((c) => [c.courier.id, c.kind, c.start, c.shiftEndMs - c.shiftStartMs])).toEqual([
      ['pk-1', 'pangkalan', [112.78, -7.295], 6 * 3_600_000], ['oj-1', 'ojol', [112.775, -7.29], 3 * 3_600_000],
    ]);
    expect(world.couriers[0].courier.base).toEqual({ lon: 112.78, lat: -7.295 });
  });
});

describe('replayed orders booked for a later hour', () => {
  const order = { id: 'B-1', at: '07:00', customer: { lon: 112.77, lat: -7.29 }, items: [{ stall: 'k01', priceRp: 5000 }, { stall: 'k02', priceRp: 8000, readyAt: '09:20' }] };

  it('is heard of when ordered; its goods are ready, its wait and promise count, from the booked hour', async () => {
    const s = parseScenario(replayScenario({ orders: [{ ...order, bookedFor: '09:00', deliverBy: '09:45' }] }));
    expect(s.orders[0]).toMatchObject({ atHour: 7, bookedForHour: 9, promiseMin: 45 });
    const [o] = (await buildWorld(s, new HaversineProvider({ speedMps: 5 }))).orders;
    const sevenMs = o.knownAtMs!;
    expect(o.placedAtMs - sevenMs).toBe(2 * 3_600_000);
    expect(o.order.placedAtMs).toBe(o.placedAtMs);
    expect(o.order.pickups.map((p) => (p.readyAtMs! - o.placedAtMs) / 60_000)).toEqual([0, 20]); // a later stall keeps its time
    expect(o.order.delivery.windowEndMs! - o.placedAtMs).toBe(45 * 60_000);
  });

  it('reads booked_for from a sheet, once per order', () => {
    const header = 'order_id,time,lat,lon,stall,price_rp,booked_for';
    const [b] = parseScenario(replayScenario({ ordersCsv: 'day.csv' }), { ordersCsv: { label: 'day.csv', text: `${header}
B-2,06:30,-7.2975,112.7712,k01,16000,10:15
B-2,,,,k02,9000,
` } }).orders;
    expect(b).toMatchObject({ atHour: 6.5, bookedForHour: 10.25, promiseMin: 90 });
  });

  it('refuses a booked hour before the order or after the day, naming the field or cell', () => {
    expect(scenarioRejection(replayScenario({ orders: [{ ...order, bookedFor: '06:30' }] })).field).toBe('orders[0].bookedFor');
    expect(scenarioRejection(replayScenario({ orders: [{ ...order, bookedFor: '13:00' }] })).field).toBe('orders[0].bookedFor');
    expect(scenarioRejection(replayScenario({ orders: [{ ...order, bookedFor: '09:00', deliverBy: '08:30' }] })).field).toBe('orders[0].deliverBy');
    const sheet = csvRejection(['order_id,time,lat,lon,stall,price_rp,booked_for', 'B-3,08:00,-7.2975,112.7712,k01,16000,07:30']);
    expect(sheet.message).toMatch(/row 2, column booked_for: booked for 07:30, before the order at 08:00/);
  });
});

describe('replayed points off the road network', () => {
  it('refuses a customer point far from every road, naming the row and the distance', async () => {
    const routing = await openEmbeddedRouter({ graphPath: 'fixtures/osm/surabaya-sukolilo-2013.osm', profile: 'motorbike' });
    const lines = [...GOOD];
    lines[4] = lines[4].replace('-7.2930,112.7830', '-7.2930,112.8300'); // about 3.4 km east of the road fixture
    const s = parseScenario(replayScenario({ ordersCsv: 'day.csv' }), { ordersCsv: { label: 'day.csv', text: lines.join('\n') } });
    const e = await buildWorld(s, routing).then(() => null, (error: unknown) => error as EngineError);
    expect(e).toBeInstanceOf(EngineError);
    expect(e!.code).toBe('off_road_network');
    expect(e!.message).toMatch(/^day\.csv row 5, column lat\/lon: \[112\.83, -7\.293\] is \d{4} m from the nearest road; a point must lie within 500 m of a road$/);
    // The same rows on roads load.
    const good = parseScenario(replayScenario({ ordersCsv: 'day.csv' }), { ordersCsv: { label: 'day.csv', text: GOOD.join('\n') } });
    expect((await buildWorld(good, routing)).orders).toHaveLength(2);
  });

  it('reads the sheet named by a scenario file beside it, and says which file it could not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-replay-'));
    writeFileSync(join(dir, 'day.csv'), GOOD.join('\n'));
    writeFileSync(join(dir, 'day.json'), JSON.stringify(replayScenario({ ordersCsv: 'day.csv' })));
    expect(loadScenarioFile(join(dir, 'day.json')).orders.map((o) => o.source)).toEqual(['day.csv row 2', 'day.csv row 5']);
    writeFileSync(join(dir, 'gone.json'), JSON.stringify(replayScenario({ ordersCsv: 'gone.csv' })));
    expect(() => loadScenarioFile(join(dir, 'gone.json'))).toThrow(/cannot read the order sheet .*gone\.csv/);
  });
});
