// Memo of insertion scans that found nothing: an order, a route version and the bound the scan ran under.
//
// A scan of order o into a route that priced no candidate below its bound B0 (and took no early exit that depends
// on the bound, see insertion.ts) finds nothing below any bound B ≤ B0 on the same route version either: a smaller
// bound only prunes more, every candidate it still reaches prices the same, and no random number is drawn. Such a
// scan is skipped; the search's results stay identical to the metre. Route versions (route-state.ts) name a route's
// stops and caches exactly, so the memo never needs clearing.

/** Memo slots at most (direct-mapped by order and courier; a slot holds its key, so a clash only forgets). */
const MAX_SLOTS = 1 << 18;

export class EmptyInsertionMemo {
  private readonly mask: number;
  /** slot → order · couriers + courier of the entry, −1 when empty. */
  private readonly key: Float64Array;
  /** slot → route version the scan ran on. */
  private readonly version: Float64Array;
  /** slot → the bound it ran under: nothing below it. */
  private readonly bound: Float64Array;

  constructor(orderCount: number, private readonly courierCount: number) {
    let slots = 1;
    while (slots < orderCount * courierCount && slots < MAX_SLOTS) slots <<= 1;
    this.mask = slots - 1;
    this.key = new Float64Array(slots).fill(-1);
    this.version = new Float64Array(slots);
    this.bound = new Float64Array(slots);
  }

  /** True when a scan of order `o` into courier `c`'s route at `version` found nothing below a bound ≥ `bound`. */
  knowsNothingBelow(o: number, c: number, version: number, bound: number): boolean {
    const key = o * this.courierCount + c;
    const slot = key & this.mask;
    return this.key[slot] === key && this.version[slot] === version && bound <= this.bound[slot];
  }

  /** Records that the scan of `o` into courier `c`'s route at `version` under `bound` found nothing. */
  recordNothing(o: number, c: number, version: number, bound: number): void {
    const key = o * this.courierCount + c;
    const slot = key & this.mask;
    this.key[slot] = key;
    this.version[slot] = version;
    this.bound[slot] = bound;
  }
}
