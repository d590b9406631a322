// Construction: frozen orders placed first, then regret-2 insertion of whole orders with a per (order, courier) cache.
import { newInsertion } from '../insertion.js';
import type { SearchContext } from '../search-context.js';
import type { SolutionState } from '../solution-state.js';

/** Places every locked order on its courier (its frozen next stop first), in a fixed order. */
export function placeLockedOrders(ctx: SearchContext, s: SolutionState): void {
  const p = ctx.p;
  for (let c = 0; c < p.courierCount; c++) {
    const next = p.courierNextStop[c];
    if (next < 0) continue;
    const o = p.stopOrder[next];
    if (ctx.feasibility.reason[o] !== null || s.orderRoute[o] >= 0) continue;
    const r = s.routes[c];
    // Rebuild: next stop first, then the order's other stops, then whatever the route held.
    const held = Array.from(r.stops.subarray(0, r.len));
    let w = 0;
    r.stops[w++] = next;
    for (let q = 0; q < p.orderStopCount[o]; q++) {
      const st = p.orderFirstStop[o] + q;
      if (st !== next) r.stops[w++] = st;
    }
    for (const st of held) r.stops[w++] = st;
    r.len = w;
    r.refresh(p);
    s.orderRoute[o] = c;
  }
}

/** Inserts every unassigned movable order by regret-2 (largest gap between best and second-best courier first). */
export function regretInsertion(ctx: SearchContext, s: SolutionState): void {
  const p = ctx.p;
  const C = p.courierCount;
  const pending: number[] = [];
  for (let q = 0; q < ctx.movable.length; q++) if (s.orderRoute[ctx.movable[q]] < 0) pending.push(ctx.movable[q]);
  const U = pending.length;
  const delta = new Float64Array(U * C);
  const posI = new Int32Array(U * C);
  const posJ = new Int32Array(U * C);
  const merged = new Uint8Array(U * C);
  const done = new Uint8Array(U);
  const probe = newInsertion();
  const fill = (u: number, c: number): void => {
    ctx.insertionDelta(s, pending[u], c, probe, 0);
    delta[u * C + c] = probe.delta; posI[u * C + c] = probe.i; posJ[u * C + c] = probe.j; merged[u * C + c] = probe.merge ? 1 : 0;
  };
  for (let u = 0; u < U; u++) for (let c = 0; c < C; c++) fill(u, c);
  for (let step = 0; step < U; step++) {
    let pickU = -1, pickC = -1, pickRegret = -Infinity, pickBest = Infinity;
    for (let u = 0; u < U; u++) {
      if (done[u]) continue;
      let b1 = Infinity, b2 = Infinity, c1 = -1;
      let sawEmpty = false;
      for (let c = 0; c < C; c++) {
        const d = delta[u * C + c];
        if (s.routes[c].len === 0 && ctx.homogeneous) {
          if (sawEmpty) continue;
          sawEmpty = true;
        }
        if (d < b1) { b2 = b1; b1 = d; c1 = c; } else if (d < b2) b2 = d;
      }
      if (c1 < 0) continue;
      const regret = b2 === Infinity ? 1e300 : b2 - b1;
      if (regret > pickRegret || (regret === pickRegret && b1 < pickBest)) {
        pickRegret = regret; pickBest = b1; pickU = u; pickC = c1;
      }
    }
    if (pickU < 0) break;
    done[pickU] = 1;
    s.insertOrder(pending[pickU], pickC, posI[pickU * C + pickC], posJ[pickU * C + pickC], merged[pickU * C + pickC] === 1);
    for (let u = 0; u < U; u++) if (!done[u]) fill(u, pickC);
  }
}
