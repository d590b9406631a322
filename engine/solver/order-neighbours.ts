// Order proximity lists for SISR's spatial ruin: for each order, every other order sorted by closeness.
import type { CompiledProblem } from '../model/compiled-problem.js';

/**
 * Closeness of two orders: distance between their first stops plus distance between their deliveries, m.
 * Returns a flat list: entry o · (O − 1) + k is the k-th closest order to o.
 */
export function orderNeighbours(p: CompiledProblem): Int32Array {
  const O = p.orderCount;
  const n = p.locationCount;
  const out = new Int32Array(O * Math.max(O - 1, 0));
  const keys = new Float64Array(O);
  const idx: number[] = [];
  for (let o = 0; o < O; o++) {
    const a1 = p.stopLocation[p.orderFirstStop[o]];
    const a2 = p.stopLocation[p.orderFirstStop[o] + p.orderStopCount[o] - 1];
    idx.length = 0;
    for (let q = 0; q < O; q++) {
      if (q === o) continue;
      const b1 = p.stopLocation[p.orderFirstStop[q]];
      const b2 = p.stopLocation[p.orderFirstStop[q] + p.orderStopCount[q] - 1];
      keys[q] = Math.min(p.distanceM[a1 * n + b1], p.distanceM[b1 * n + a1]) + Math.min(p.distanceM[a2 * n + b2], p.distanceM[b2 * n + a2]);
      idx.push(q);
    }
    idx.sort((x, y) => keys[x] - keys[y] || x - y);
    for (let k = 0; k < idx.length; k++) out[o * (O - 1) + k] = idx[k];
  }
  return out;
}
