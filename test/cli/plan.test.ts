import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureIo } from './capture-io.js';
import { run } from '../../cli/commands/plan.js';
import { tinyScenario } from '../engine/simulation/tiny-scenario.js';

afterEach(() => vi.restoreAllMocks());

describe('jejaring plan', () => {
  it('runs a tiny scenario end to end and writes JSON, Markdown and SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-plan-'));
    const path = join(dir, 'tiny.json');
    writeFileSync(path, JSON.stringify(tinyScenario({}, 8)));
    const outDir = join(dir, 'out');
    const io = captureIo();
    const code = await run([path, '--compare', 'jejaring,nearest,fifo', '--out', outDir, '--json']);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const last = JSON.parse(io.out.join('').trim().split('\n').pop()!);
    expect(last.wallMs).toBeGreaterThan(0);
    expect(last.policies.map((p: { policy: string }) => p.policy)).toEqual(['jejaring', 'nearest', 'fifo']);
    expect(last.policies[0].kpis.orders).toBe(8);
    // The hindsight reference: same KPIs, every order known in advance.
    expect(last.hindsight.policy).toBe('hindsight');
    expect(Object.keys(last.hindsight.kpis).sort()).toEqual(Object.keys(last.policies[0].kpis).sort());
    expect(last.hindsight.kpis.served).toBe(8);
    // What its search did: one pass per solve (two with refused goods), within the 3,000 iterations of its budget.
    expect(last.hindsight.search.length).toBeGreaterThanOrEqual(1);
    for (const pass of last.hindsight.search) {
      expect(Number.isInteger(pass.iterations) && pass.iterations >= 0 && pass.iterations <= 3000).toBe(true);
      expect(pass.cpuMs).toBeGreaterThanOrEqual(0);
    }
    expect(io.err.join('')).toContain('100%');
    const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8'));
    expect(report.policies[1].kpis.served + report.policies[1].kpis.unserved).toBe(8);
    expect(report.hindsight.search).toEqual(last.hindsight.search);
    const md = readFileSync(join(outDir, 'report.md'), 'utf8');
    expect(md).toContain('| Ukuran | `jejaring` | `nearest` | `fifo` | `hindsight` |');
    expect(report.gapsToHindsight.jejaring).toHaveProperty('clickToDoorMeanPct');
    expect(md).toContain('![Ukuran per kebijakan](kpis.svg)');
    const en = readFileSync(join(outDir, 'report.en.md'), 'utf8');
    expect(en).toContain('| KPI | `jejaring` | `nearest` | `fifo` | `hindsight` |');
    expect(en).toContain('![KPIs per policy](kpis.en.svg)');
    for (const svg of ['kpis.svg', 'click-to-door.svg', 'utilisation.svg', 'kpis.en.svg', 'click-to-door.en.svg', 'utilisation.en.svg']) {
      const text = readFileSync(join(outDir, svg), 'utf8');
      expect(text.startsWith('<svg')).toBe(true);
      expect(text.trim().endsWith('</svg>')).toBe(true);
      expect(text).toContain('fifo');
    }
  });

  it('rejects a bad scenario with the field named and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-plan-'));
    const path = join(dir, 'bad.json');
    const s = tinyScenario();
    writeFileSync(path, JSON.stringify({ ...s, fleets: [{ ...s.fleets[0], couriers: -1 }] }));
    const io = captureIo();
    const code = await run([path, '--out', join(dir, 'out')]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('fleets[0].couriers');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('rejects an unknown policy name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-plan-'));
    const path = join(dir, 'tiny.json');
    writeFileSync(path, JSON.stringify(tinyScenario()));
    const io = captureIo();
    const code = await run([path, '--compare', 'jejaring,whatsapp']);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('unknown policy "whatsapp"');
  });

  it('rejects a coordinator\'s sheet with a bad row: row and column named, exit code 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-plan-'));
    const s = tinyScenario();
    const market = { ...s.markets[0], ordersPerHour: undefined, stalls: [{ id: 'k01', lon: 106.8443, lat: -6.1738 }] };
    writeFileSync(join(dir, 'day.json'), JSON.stringify({ ...s, markets: [market], ordersCsv: 'day.csv' }));
    writeFileSync(join(dir, 'day.csv'), [
      'order_id,time,lat,lon,stall,item,qty,unit,price_rp,cod',
      'A-1,07:10,-6.1800,106.8400,k01,beras,2,kg,28000,ya',
      'A-2,07:20,-6.1700,106.8500,k01,telur,1,kg,dua puluh ribu,tidak',
    ].join('\n'));
    const io = captureIo();
    const code = await run([join(dir, 'day.json'), '--out', join(dir, 'out')]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('error invalid_orders_csv (day.csv row 3, column price_rp): day.csv row 3, column price_rp: "dua puluh ribu" is not a number');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('reads the courier sheet named by couriersCsv: a bad row is named with its row and column, exit code 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-plan-'));
    const s = tinyScenario({}, 4);
    const { fleets: _fleets, ...noFleets } = s;
    writeFileSync(join(dir, 'day.json'), JSON.stringify({ ...noFleets, couriersCsv: 'drivers.csv' }));
    const sheet = ['courier_id,name,fleet,shift_start,shift_end,lat,lon', 'pk-1,Cak Man,pangkalan,07:00,11:00,,', 'oj-1,,ojol,07:00,11:00,-6.1760,106.8420'];
    writeFileSync(join(dir, 'drivers.csv'), sheet.join('\n'));
    const io = captureIo();
    expect(await run([join(dir, 'day.json'), '--compare', 'fifo', '--no-hindsight', '--json', '--out', join(dir, 'report')])).toBe(0);
    vi.restoreAllMocks();
    const last = JSON.parse(io.out.join('').trim().split('\n').pop()!);
    expect(last.couriers).toBe(2);
    expect(last.policies[0].kpis.served).toBe(4);

    writeFileSync(join(dir, 'drivers.csv'), [...sheet, 'oj-2,,ojol,11:00,08:00,,'].join('\n'));
    const bad = captureIo();
    const code = await run([join(dir, 'day.json'), '--out', join(dir, 'out')]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(bad.err.join('')).toContain('error invalid_couriers_csv (drivers.csv row 4, column shift_end): drivers.csv row 4, column shift_end: ends (08:00) before it starts (11:00)');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a door off the road network with its row and distance, exit code 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jj-plan-'));
    const scenario = {
      name: 'off road', seed: 1, day: { startHour: 6, endHour: 8 },
      roads: { kind: 'embedded', graph: join(process.cwd(), 'fixtures/osm/surabaya-sukolilo-2013.osm') },
      markets: [{ id: 'keputih', lon: 112.779999, lat: -7.295051, stalls: [{ id: 'k01', lon: 112.78005, lat: -7.296083 }] }],
      couriers: [{ id: 'pk-1', kind: 'pangkalan', shift: ['06:00', '08:00'] }],
      ordersCsv: 'day.csv',
    };
    writeFileSync(join(dir, 'day.json'), JSON.stringify(scenario));
    writeFileSync(join(dir, 'day.csv'), ['order_id,time,lat,lon,stall,price_rp', 'A-1,06:10,-7.29731,112.771201,k01,28000', 'A-2,06:20,-7.2930,112.8300,k01,14000'].join('\n'));
    const io = captureIo();
    const code = await run([join(dir, 'day.json'), '--out', join(dir, 'out')]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(io.err.join('')).toMatch(/error off_road_network \(day\.csv row 3, column lat\/lon\): day\.csv row 3, column lat\/lon: \[112\.83, -7\.293\] is \d+ m from the nearest road/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
