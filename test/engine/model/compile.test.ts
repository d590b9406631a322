// compileProblem: dense stop layout, loads and frozen state compiled right; bad input rejected with the field named.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { compileProblem } from '../../../engine/model/compile.js';
import { ProblemBuilder } from '../../../engine/model/builder.js';
import type { ProblemInput } from '../../../engine/model/problem-input.js';

/** Three places (market M, stall S, home H), two orders, two couriers. */
function small(): ProblemInput {
  const durationS = [0, 60, 600, 60, 0, 620, 600, 620, 0];
  return {
    loadDimensions: ['weightKg', 'cashRp'],
    locations: [{ id: 'M' }, { id: 'S' }, { id: 'H' }],
    matrix: { durationS, distanceM: durationS.map((d) => d * 8) },
    setupS: 90,
    orders: [
      {
        id: 'a',
        pickups: [
          { id: 'a1', locationId: 'M', serviceS: 60, load: [2, 50000] },
          { id: 'a2', locationId: 'S', serviceS: 30, window: { earliestS: 100, latestS: 5000 }, load: [1, 20000] },
        ],
        delivery: { id: 'ad', locationId: 'H', serviceS: 120, window: { earliestS: 0, latestS: 7200 }, codRp: 80000 },
        maxInBagS: 1800,
        skills: ['cold_box'],
      },
      {
        id: 'b',
        pickups: [{ id: 'b1', locationId: 'S', serviceS: 45, load: [3, 10000] }, { id: 'b2', locationId: 'M', serviceS: 45, load: [1, 5000] }],
        delivery: { id: 'bd', locationId: 'H', serviceS: 60, codRp: 20000 },
        donePickupIds: ['b1'],
        onBoardCourierId: 'y',
      },
    ],
    couriers: [
      { id: 'x', fleet: 'pangkalan', startLocationId: 'M', endLocationId: 'M', startS: 0, shift: { earliestS: 300, latestS: 9000 }, capacity: [20, 500000], skills: ['cold_box'], speedFactor: 2 },
      { id: 'y', fleet: 'ojol', startLocationId: 'S', startS: 500, shift: { earliestS: 0, latestS: 9000 }, capacity: [15, 300000], nextStopId: 'b2', maxStops: 6 },
    ],
  };
}

/** Applies `edit` to a fresh copy of the small problem and returns the InputError thrown by compileProblem. */
function errorOf(edit: (p: any) => void): InputError {
  const p = structuredClone(small()) as any;
  edit(p);
  try {
    compileProblem(p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('compileProblem accepted bad input');
}

describe('compileProblem', () => {
  it('lays stops out densely, pickups then delivery per order, done pickups left out', () => {
    const p = compileProblem(small());
    expect(p.stopIds).toEqual(['a1', 'a2', 'ad', 'b2', 'bd']);
    expect(Array.from(p.orderFirstStop)).toEqual([0, 3]);
    expect(Array.from(p.orderStopCount)).toEqual([3, 2]);
    expect(Array.from(p.stopOrder)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(p.stopIsDelivery)).toEqual([0, 0, 1, 0, 1]);
    expect(Array.from(p.stopLocation)).toEqual([0, 1, 2, 0, 2]);
    expect(p.stopEarliestS[0]).toBe(-Infinity);
    expect(p.stopLatestS[1]).toBe(5000);
  });

  it('compiles loads: a delivery unloads everything its order carries, done pickups ride from the start', () => {
    const p = compileProblem(small());
    // Order a: +[2, 50000], +[1, 20000], delivery −[3, 70000].
    expect(Array.from(p.stopLoad.subarray(4, 6))).toEqual([-3, -70000]);
    // Order b: b1 done on courier y, b2 remaining: delivery −(b1 + b2).
    expect(Array.from(p.stopLoad.subarray(8, 10))).toEqual([-4, -15000]);
    expect(Array.from(p.orderLoad.subarray(2, 4))).toEqual([1, 5000]);
    expect(Array.from(p.courierInitialLoad)).toEqual([0, 0, 3, 10000]);
  });

  it('compiles couriers, skills and frozen state', () => {
    const p = compileProblem(small());
    expect(Array.from(p.courierStartS)).toEqual([300, 500]);
    expect(Array.from(p.courierEndLocation)).toEqual([0, -1]);
    expect(p.courierInvSpeed[0]).toBe(0.5);
    expect(p.courierMaxStops[1]).toBe(6);
    expect(Array.from(p.orderSkillsOk)).toEqual([1, 0, 1, 1]);
    expect(Array.from(p.orderPinnedCourier)).toEqual([-1, 1]);
    expect(Array.from(p.orderLocked)).toEqual([0, 1]);
    expect(p.courierNextStop[1]).toBe(3);
    expect(p.orderMaxInBagS[0]).toBe(1800);
    expect(p.orderMaxInBagS[1]).toBe(Infinity);
    expect(p.anyMaxInBag).toBe(true);
  });

  it.each([
    ['unknown location', (p: any) => { p.orders[0].pickups[1].locationId = 'nowhere'; }, 'unknown_id', 'orders[0].pickups[1].locationId'],
    ['unknown courier on board', (p: any) => { p.orders[1].onBoardCourierId = 'z'; }, 'unknown_id', 'orders[1].onBoardCourierId'],
    ['unknown next stop', (p: any) => { p.couriers[1].nextStopId = 'zz'; }, 'unknown_id', 'couriers[1].nextStopId'],
    ['negative service', (p: any) => { p.orders[0].delivery.serviceS = -1; }, 'negative_value', 'orders[0].delivery.serviceS'],
    ['negative matrix entry', (p: any) => { p.matrix.durationS[1] = -5; }, 'negative_value', 'matrix.durationS[1]'],
    ['window early > late', (p: any) => { p.orders[0].pickups[1].window = { earliestS: 10, latestS: 5 }; }, 'invalid_window', 'orders[0].pickups[1].window'],
    ['delivery without pickups', (p: any) => { p.orders[0].pickups = []; }, 'empty_pickups', 'orders[0].pickups'],
    ['matrix of the wrong size', (p: any) => { p.matrix.distanceM = [1, 2, 3]; }, 'matrix_size', 'matrix.distanceM'],
    ['NaN service', (p: any) => { p.orders[1].pickups[1].serviceS = NaN; }, 'not_finite', 'orders[1].pickups[1].serviceS'],
    ['NaN in a matrix', (p: any) => { p.matrix.durationS[4] = NaN; }, 'not_finite', 'matrix.durationS[4]'],
    ['load of the wrong length', (p: any) => { p.orders[0].pickups[0].load = [1]; }, 'dimension_mismatch', 'orders[0].pickups[0].load'],
    ['duplicate stop id', (p: any) => { p.orders[1].delivery.id = 'ad'; }, 'duplicate_id', 'orders[1].delivery.id'],
    ['capacity NaN', (p: any) => { p.couriers[0].capacity = [NaN, 1]; }, 'not_finite', 'couriers[0].capacity[0]'],
    ['zero speed', (p: any) => { p.couriers[0].speedFactor = 0; }, 'negative_value', 'couriers[0].speedFactor'],
    ['done pickup not of the order', (p: any) => { p.orders[1].donePickupIds = ['a1']; }, 'unknown_id', 'orders[1].donePickupIds'],
    ['unknown order in previous plan', (p: any) => { p.objective = { previousAssignment: { nope: 'x' } }; }, 'unknown_id', 'objective.previousAssignment'],
  ])('rejects %s', (_label, edit, code, field) => {
    const error = errorOf(edit);
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.kind).toBe('input');
  });
});

describe('ProblemBuilder', () => {
  it('builds the same problem as the plain input and compiles it', () => {
    const plain = small();
    const b = new ProblemBuilder(plain.loadDimensions);
    for (const l of plain.locations) b.addLocation(l.id);
    b.setMatrix(plain.matrix.durationS, plain.matrix.distanceM).setSetupS(90);
    for (const o of plain.orders) b.addOrder(o);
    for (const c of plain.couriers) b.addCourier(c);
    const built = b.build();
    expect(built.orders).toEqual(plain.orders);
    expect(b.compile().stopIds).toEqual(compileProblem(plain).stopIds);
  });

  it('asks for a matrix and for coordinates before routing', async () => {
    const b = new ProblemBuilder(['kg']);
    b.addLocation('M');
    expect(() => b.build()).toThrow(InputError);
    const provider = { name: 'fake', table: async () => ({}) as never, route: async () => ({}) as never, nearest: async () => [] };
    await expect(b.matrixFrom(provider)).rejects.toMatchObject({ code: 'missing_coordinates' });
  });
});
