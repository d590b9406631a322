// A coordinator's courier sheet (couriersCsv): read into the same couriers as the scenario's JSON entries, bad rows
// refused naming the file, row and column, start points checked against the roads, the sheet read beside the scenario.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildWorld, EngineError, HaversineProvider, loadScenarioFile, openEmbeddedRouter, parseScenario, type ReplayCourier, type ScenarioFile,
} from '../../../engine/index.js';

const MARKET = { id: 'keputih', lon: 112.779999, lat: -7.295051, stalls: [{ id: 'k01', lon: 112.78005, lat: -7.296083 }] };
const ORDER = { id: 'J-1', at: '07:00', customer: { lon: 112.771201, lat: -7.29731 }, items: [{ stall: 'k01', priceRp: 5000 }] };

/** A one-market day with one order; the couriers come from `couriers` or the sheet. */
function day(over: Partial<ScenarioFile> = {}): ScenarioFile {
  return { name: 'drivers', seed: 1, day: { startHour: 6, endHour: 12 }, roads: { kind: 'haversine' }, markets: [MARKET], orders: [ORDER], ...over };
}

const JSON_COURIERS: NonNullable<ScenarioFile['couriers']> = [
  { id: 'pk-1', name: 'Cak Man', kind: 'pangkalan', shift: ['06:00', '12:00'] },
  { id: 'oj-1', kind: 'ojol', shift: ['06:00', '09:00'], lon: 112.774128, lat: -7.297925, capacityKg: 15, cashFloatRp: 250_000, pay: { feeShare: 0.8 } },
  { id: 'oj-2', name: 'Mas Arif, Keputih', kind: 'ojol', shift: ['09:00', '12:00:30'], lon: 112.774538, lat: -7.292414, pay: { perHourRp: 12_000 } },
];
const HEADER = 'courier_id,name,fleet,shift_start,shift_end,lat,lon,capacity_kg,cash_float_rp,fee_share,per_hour_rp';
const GOOD = [
  HEADER,
  'pk-1,Cak Man,pangkalan,06:00,12:00,,,,,,',
  'oj-1,,ojol,06:00,09:00,-7.297925,112.774128,15,250000,0.8,',
  'oj-2,"Mas Arif, Keputih",OJOL,09:00,12:00:30,-7.292414,112.774538,,,,Rp 12.000',
];

const fromSheet = (lines: readonly string[], over: Partial<ScenarioFile> = {}) =>
  parseScenario(day({ couriersCsv: 'drivers.csv', ...over }), { couriersCsv: { label: 'drivers.csv', text: `${lines.join('\n')}\n` } });

function sheetRejection(lines: readonly string[], over: Partial<ScenarioFile> = {}): EngineError {
  try {
    fromSheet(lines, over);
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('the sheet was accepted');
}

/** A courier without the fields that only say where it came from. */
const bare = ({ source: _s, pointField: _p, ...c }: ReplayCourier) => c;

describe('a coordinator\'s courier sheet', () => {
  it('reads the same couriers as the JSON entries, with the same defaults, in the sheet\'s order', async () => {
    const sheet = fromSheet(GOOD);
    const json = parseScenario(day({ couriers: JSON_COURIERS }));
    expect(sheet.couriers.map(bare)).toEqual(json.couriers.map(bare));
    expect(sheet.couriers.map((c) => [c.id, c.source, c.pointField])).toEqual([
      ['pk-1', 'drivers.csv row 2', 'drivers.csv row 2, column lat/lon'],
      ['oj-1', 'drivers.csv row 3', 'drivers.csv row 3, column lat/lon'],
      ['oj-2', 'drivers.csv row 4', 'drivers.csv row 4, column lat/lon'],
    ]);
    expect(sheet.couriers[0]).toMatchObject({ kind: 'pangkalan', lon: MARKET.lon, lat: MARKET.lat, startGiven: false, shift: [6, 12] });
    expect(sheet.couriers[2]).toMatchObject({ name: 'Mas Arif, Keputih', shift: [9, 12 + 30 / 3600], pay: { perHourRp: 12_000 } });
    const routing = new HaversineProvider({ speedMps: 5 });
    const [fromCsv, fromJson] = await Promise.all([buildWorld(sheet, routing), buildWorld(json, routing)]);
    expect(fromCsv.couriers).toEqual(fromJson.couriers);
    expect(fromCsv.couriers[1].courier).toMatchObject({ capacityKg: 15, cashFloatRp: 250_000 });
  });

  it('reads a semicolon sheet with decimal commas, rupiah with thousands dots and a share in per cent', () => {
    const [c] = fromSheet(['courier_id;fleet;shift_start;shift_end;lat;lon;capacity_kg;cash_float_rp;fee_share', 'oj-1;ojol;06:30;11:00;-7,2979;112,7741;12,5;Rp 150.000;75%']).couriers;
    expect(c).toMatchObject({ lat: -7.2979, lon: 112.7741, capacityKg: 12.5, cashFloatRp: 150_000, pay: { feeShare: 0.75 }, shift: [6.5, 11] });
  });

  it('joins the JSON couriers, after them; an id used in both is refused naming both', () => {
    const s = fromSheet([HEADER, GOOD[3]], { couriers: [JSON_COURIERS[0]] });
    expect(s.couriers.map((c) => c.id)).toEqual(['pk-1', 'oj-2']);
    const twice = sheetRejection(GOOD, { couriers: [JSON_COURIERS[1]] });
    expect(twice.message).toBe('drivers.csv row 3, column courier_id: courier id "oj-1" is used twice (also couriers[0])');
  });

  it.each([
    ['a fleet that is neither ojol nor pangkalan', 3, 'fleet', (l: string[]) => { l[2] = l[2].replace('ojol', 'becak'); }, '"becak" is not a fleet (ojol or pangkalan)'],
    ['a blank fleet', 2, 'fleet', (l: string[]) => { l[1] = l[1].replace('pangkalan', ''); }, 'is blank'],
    ['a shift start that is not a time of day', 4, 'shift_start', (l: string[]) => { l[3] = l[3].replace('09:00', '9 pagi'); }, '"9 pagi" is not a time of day'],
    ['a shift end past 24:00', 3, 'shift_end', (l: string[]) => { l[2] = l[2].replace('09:00', '25:00'); }, '"25:00" is not a time of day'],
    ['a shift that ends before it starts', 3, 'shift_end', (l: string[]) => { l[2] = l[2].replace('06:00,09:00', '09:00,06:00'); }, 'ends (06:00) before it starts (09:00)'],
    ['a shift starting after the day', 4, 'shift_start', (l: string[]) => { l[3] = l[3].replace('09:00,12:00:30', '12:30,14:00'); }, '12:30 is outside the day (06:00–12:00)'],
    ['a shift ending before the day', 3, 'shift_end', (l: string[]) => { l[2] = l[2].replace('06:00,09:00', '04:00,05:30'); }, '05:30 is outside the day (06:00–12:00)'],
    ['a latitude without a longitude', 3, 'lon', (l: string[]) => { l[2] = l[2].replace(',112.774128,', ',,'); }, 'give both lon and lat, or neither'],
    ['a longitude out of range', 4, 'lon', (l: string[]) => { l[3] = l[3].replace('112.774538', '212.774538'); }, 'is not a longitude'],
    ['a capacity of zero', 3, 'capacity_kg', (l: string[]) => { l[2] = l[2].replace(',15,', ',0,'); }, 'not above zero'],
    ['a cash float that is not a number', 3, 'cash_float_rp', (l: string[]) => { l[2] = l[2].replace('250000', 'dua ratus ribu'); }, '"dua ratus ribu" is not a number'],
    ['a fee share above one', 3, 'fee_share', (l: string[]) => { l[2] = l[2].replace(',0.8,', ',8,'); }, 'not a share between 0 and 1'],
    ['a blank courier id', 4, 'courier_id', (l: string[]) => { l[3] = l[3].replace('oj-2', ''); }, 'is blank'],
    ['an id used twice in the sheet', 4, 'courier_id', (l: string[]) => { l[3] = l[3].replace('oj-2', 'oj-1'); }, 'used twice (also drivers.csv row 3)'],
  ])('rejects %s naming the row and the column', (_what, row, column, edit, message) => {
    const lines = [...GOOD];
    edit(lines);
    const e = sheetRejection(lines);
    expect(e.code).toBe('invalid_couriers_csv');
    expect(e.message).toContain(`drivers.csv row ${row}, column ${column}: `);
    expect(e.message).toContain(message);
  });

  it('rejects a header with an unknown column or without a required one, and a sheet with no couriers', () => {
    expect(sheetRejection([HEADER.replace(',fleet,', ',armada,'), GOOD[1]]).message).toContain('drivers.csv row 1, column "armada": unknown column');
    expect(sheetRejection([HEADER.replace(',shift_end', ''), 'pk-1,Cak Man,pangkalan,06:00,,,,,,']).message).toBe('drivers.csv row 1, column shift_end: missing from the header');
    expect(sheetRejection([HEADER]).message).toBe('drivers.csv row 2: no couriers below the header');
    expect(sheetRejection([`${HEADER},constructor`, `${GOOD[1]},x`]).message).toContain('drivers.csv row 1, column "constructor": unknown column');
  });

  it('names the market column when the scenario has several markets', () => {
    const markets = [MARKET, { ...MARKET, id: 'menur', lon: 112.77 }];
    const orders = [{ ...ORDER, market: 'keputih' }];
    const lines = ['courier_id,fleet,market,shift_start,shift_end', 'pk-1,pangkalan,menur,06:00,12:00', 'pk-2,pangkalan,,06:00,12:00'];
    expect(sheetRejection(lines, { markets, orders }).message).toBe('drivers.csv row 3, column market: needed when the scenario has several markets (keputih, menur)');
    expect(fromSheet(lines.slice(0, 2), { markets, orders }).couriers[0]).toMatchObject({ market: 'menur', lon: 112.77 });
  });

  it('may sit beside drawn fleets, but not with a drawn courier\'s id', async () => {
    const routing = new HaversineProvider({ speedMps: 5 });
    const fleet = (id: string) => [{ id, market: 'keputih', kind: 'pangkalan' as const, couriers: 2 }];
    const world = await buildWorld(fromSheet(GOOD, { fleets: fleet('pangkalan-k') }), routing);
    expect(world.couriers.map((c) => c.courier.id)).toEqual(['pangkalan-k-1', 'pangkalan-k-2', 'pk-1', 'oj-1', 'oj-2']);
    const clash = await buildWorld(fromSheet(GOOD, { fleets: fleet('pk') }), routing).then(() => null, (error: unknown) => error as EngineError);
    expect(clash?.message).toBe('drivers.csv row 2: courier id "pk-1" is also a drawn courier\'s id');
  });

  it('is needed beside a scenario that names it', () => {
    expect(() => parseScenario(day({ couriersCsv: 'drivers.csv' }))).toThrow(/couriersCsv: the sheet is read beside a scenario file \(jejaring plan\) or sent as couriers_csv/);
  });
});

describe('a courier sheet against the roads and on disk', () => {
  it('refuses a start point far from every road, naming the row and the distance', async () => {
    const routing = await openEmbeddedRouter({ graphPath: 'fixtures/osm/surabaya-sukolilo-2013.osm', profile: 'motorbike' });
    const lines = [...GOOD];
    lines[3] = lines[3].replace('112.774538', '112.83'); // about 3.9 km east of the road fixture
    const e = await buildWorld(fromSheet(lines), routing).then(() => null, (error: unknown) => error as EngineError);
    expect(e).toBeInstanceOf(EngineError);
    expect(e!.code).toBe('off_road_network');
    expect(e!.message).toMatch(/^drivers\.csv row 4, column lat\/lon: \[112\.83, -7\.292414\] is \d{4} m from the nearest road; a point must lie within 500 m of a road$/);
    expect((await buildWorld(fromSheet(GOOD), routing)).couriers.map((c) => c.courier.id)).toEqual(['pk-1', 'oj-1', 'oj-2']);
  });

  it('reads the sheet named by a scenario file beside it, and says which file it could not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-drivers-'));
    writeFileSync(join(dir, 'drivers.csv'), GOOD.join('\n'));
    writeFileSync(join(dir, 'day.json'), JSON.stringify(day({ couriersCsv: 'drivers.csv' })));
    expect(loadScenarioFile(join(dir, 'day.json')).couriers.map((c) => c.source)).toEqual(['drivers.csv row 2', 'drivers.csv row 3', 'drivers.csv row 4']);
    writeFileSync(join(dir, 'gone.json'), JSON.stringify(day({ couriersCsv: 'gone.csv' })));
    expect(() => loadScenarioFile(join(dir, 'gone.json'))).toThrow(/cannot read the courier sheet .*gone\.csv \(couriersCsv\)/);
  });
});
