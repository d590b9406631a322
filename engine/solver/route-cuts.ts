// Where a route may be cut between two orders: no order has stops on both sides, and nothing pinned to the
// courier (frozen next stop, goods on board) lies after the cut. Cached per route version.
import type { CompiledProblem } from '../model/compiled-problem.js';
import type { RouteState } from './route-state.js';

export class RouteCuts {
  /** courier → position a → 1 when the route may be cut before position a (a = len: after the last stop). */
  private readonly ok: Uint8Array[];
  private readonly version: Int32Array;
  private readonly seen: Int32Array;
  private tick = 0;

  constructor(private readonly p: CompiledProblem) {
    this.ok = Array.from({ length: p.courierCount }, () => new Uint8Array(p.stopCount + 2));
    this.version = new Int32Array(p.courierCount).fill(-1);
    this.seen = new Int32Array(p.orderCount);
  }

  /** The cut flags of route `r`, refreshed when the route changed. */
  of(r: RouteState): Uint8Array {
    const c = r.courier;
    const ok = this.ok[c];
    if (this.version[c] === r.version) return ok;
    this.version[c] = r.version;
    const p = this.p;
    const tick = ++this.tick;
    // Open orders before each position: first stop seen opens an order, its delivery (always its last) closes it.
    let open = 0;
    let lastPinned = -1;
    for (let k = 0; k < r.len; k++) {
      const s = r.stops[k];
      const o = p.stopOrder[s];
      if (p.orderPinnedCourier[o] === c || p.orderLocked[o]) lastPinned = k;
      ok[k] = open === 0 && k > lastPinned ? 1 : 0;
      if (p.stopIsDelivery[s]) {
        if (this.seen[o] === tick) open--;
      } else if (this.seen[o] !== tick) {
        this.seen[o] = tick;
        open++;
      }
    }
    ok[r.len] = open === 0 ? 1 : 0;
    // A pinned order later on the route forbids every earlier cut.
    for (let k = 0; k <= lastPinned && k <= r.len; k++) ok[k] = 0;
    return ok;
  }
}
