// Matrices by destination: the transpose (or the matrix itself when symmetric), and insertion agreeing on asymmetric ones.
import { describe, expect, it } from 'vitest';
import { compileProblem } from '../../../engine/model/compile.js';
import { columnMatricesOf } from '../../../engine/solver/column-matrices.js';
import { SearchContext } from '../../../engine/solver/search-context.js';
import { compareInsertionWithBruteForce } from './insertion-brute-force.js';
import { randomProblem } from './random-problem.js';

/** The random problem with every leg i → j (i < j) made longer than j → i. */
function asymmetric(seed: number, setupS?: number) {
  const input = randomProblem(seed, { orders: 10, couriers: 3, ...(setupS === undefined ? {} : { setupS }) });
  const n = input.locations.length;
  const durationS = Array.from(input.matrix!.durationS);
  const distanceM = Array.from(input.matrix!.distanceM);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { durationS[i * n + j] *= 1.3; distanceM[i * n + j] *= 1.2; }
  return { ...input, matrix: { durationS, distanceM } };
}

describe('columnMatricesOf', () => {
  it('shares a symmetric matrix and transposes an asymmetric one', () => {
    const sym = compileProblem(randomProblem(1, { orders: 6, couriers: 2, setupS: 0 }));
    const cs = columnMatricesOf(sym);
    expect(cs.distToM).toBe(sym.distanceM);
    expect(cs.durToS).toBe(sym.durationS);
    expect(cs.extraToS).toBeNull();
    expect(columnMatricesOf(sym)).toBe(cs);
    const asym = compileProblem(asymmetric(2));
    const ca = columnMatricesOf(asym);
    const n = asym.locationCount;
    expect(ca.distToM).not.toBe(asym.distanceM);
    expect(ca.extraToS).not.toBeNull();
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        expect(ca.distToM[b * n + a]).toBe(asym.distanceM[a * n + b]);
        expect(ca.durToS[b * n + a]).toBe(asym.durationS[a * n + b]);
        expect(ca.extraToS![b * n + a]).toBe(asym.legExtraS[a * n + b]);
      }
    }
  });

  it('shares one array when durations equal distances', () => {
    const input = randomProblem(3, { orders: 6, couriers: 2, setupS: 0 });
    const p = compileProblem({ ...input, matrix: { durationS: input.matrix!.distanceM, distanceM: input.matrix!.distanceM } });
    const cm = columnMatricesOf(p);
    expect(cm.durFromS).toBe(p.distanceM);
    expect(cm.durToS).toBe(cm.distToM);
    const q = compileProblem(asymmetric(3));
    expect(columnMatricesOf(q).durFromS).toBe(q.durationS);
  });

  it.each([[90], [0]])('lets insertion find the cheapest pair on asymmetric matrices (setup %i s)', (setupS) => {
    let compared = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const p = compileProblem(asymmetric(seed, setupS));
      compared += compareInsertionWithBruteForce(p, new SearchContext(p, seed));
    }
    expect(compared).toBeGreaterThan(20);
  });
});
