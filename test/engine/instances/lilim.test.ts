// Li & Lim reader on a real instance and on hand-written snippets; best-known table parsing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { lilimInstanceName, parseBks, parseLilim } from '../../../engine/instances/index.js';

const fixture = (path: string) => readFileSync(new URL(`../../../fixtures/lilim/${path}`, import.meta.url), 'utf8');

describe('parseLilim', () => {
  it('reads lc101: 53 orders, 25 vehicles of capacity 200 based at the depot', () => {
    const problem = parseLilim(fixture('pdp_100/lc101.txt'));
    expect(problem.locations).toHaveLength(107);
    expect(problem.orders).toHaveLength(53);
    expect(problem.couriers).toHaveLength(25);
    const v = problem.couriers[0];
    expect(v).toMatchObject({ startLocationId: 't0', endLocationId: 't0', startS: 0, shift: { earliestS: 0, latestS: 1236 }, capacity: [200], fixedCost: 1e6, costPerHour: 0, costPerKm: 1000 });
    // Line "3 42 66 10 65 146 90 0 75": pickup 3 whose delivery is task 75.
    const o3 = problem.orders.find((o) => o.id === 'o3')!;
    expect(o3.pickups).toEqual([{ id: 'p3', locationId: 't3', serviceS: 90, window: { earliestS: 65, latestS: 146 }, load: [10] }]);
    expect(o3.delivery.id).toBe('d75');
    // Depot (40, 50) to task 3 (42, 66): √(4 + 256).
    const n = problem.locations.length;
    expect(problem.matrix.distanceM[0 * n + 3]).toBeCloseTo(Math.sqrt(260), 12);
    expect(problem.matrix.durationS[3 * n + 0]).toBeCloseTo(Math.sqrt(260), 12);
  });

  it('pairs every pickup with the delivery that names it back, on a pdp_200 file too', () => {
    const problem = parseLilim(fixture('pdp_200/LC1_2_1.txt'));
    expect(problem.couriers).toHaveLength(50);
    const deliveries = new Set(problem.orders.map((o) => o.delivery.id));
    expect(deliveries.size).toBe(problem.orders.length);
    expect(problem.orders.length * 2 + 1).toBe(problem.locations.length);
  });

  it('reads every published instance of both sets (some headers give speed 0; travel stays at speed 1)', async () => {
    const { readdirSync } = await import('node:fs');
    for (const set of ['pdp_100', 'pdp_200']) {
      const files = readdirSync(new URL(`../../../fixtures/lilim/${set}`, import.meta.url)).filter((f) => f.endsWith('.txt'));
      expect(files.length).toBeGreaterThan(50);
      for (const file of files) {
        const problem = parseLilim(fixture(`${set}/${file}`));
        expect(problem.orders.length * 2 + 1, file).toBe(problem.locations.length);
        expect(problem.couriers.every((c) => c.speedFactor === 1)).toBe(true);
      }
    }
    expect(parseLilim(fixture('pdp_100/lc104.txt')).orders).toHaveLength(53);
  });

  it('rejects broken pairs and malformed lines with the line named', () => {
    const header = '2 50 1\n0 0 0 0 0 100 0 0 0\n';
    expect(() => parseLilim(`${header}1 1 1 5 0 50 1 0 2\n2 2 2 -5 0 50 1 3 0\n`)).toThrow(InputError);
    try {
      parseLilim(`${header}1 1 x 5 0 50 1 0 2\n`);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'lilim_format', field: 'line 3' });
    }
    expect(() => parseLilim(`${header}1 1 1 5 60 50 1 0 2\n2 2 2 -5 0 50 1 1 0\n`)).toThrow(/window/);
    expect(parseLilim(`${header}1 1 1 5 0 50 1 0 2\n2 4 5 -5 0 50 1 1 0\n`).orders).toHaveLength(1);
  });
});

describe('parseBks', () => {
  it('reads the fixture table keyed by lower-case name', () => {
    const bks = parseBks(fixture('bks.csv'));
    expect(bks.size).toBe(116);
    expect(bks.get('lc103')).toEqual({ vehicles: 9, distance: 1035.35 });
    expect(bks.get(lilimInstanceName('pdp_200/LC1_2_1.txt'))).toEqual({ vehicles: 20, distance: 2704.57 });
  });

  it('rejects a wrong header or a bad row', () => {
    expect(() => parseBks('name,v,d\nlc101,10,828.94')).toThrow(InputError);
    expect(() => parseBks('instance,vehicles,distance\nlc101,ten,828.94')).toThrow(expect.objectContaining({ code: 'bks_format', field: 'line 2' }));
  });
});
