// Memo of ejection tries that found nothing: an order, a route version, the one or two orders ejected and the bound.
//
// A try prices order h into a route without e1 and e2 (ejection.ts). The route it builds depends on the source
// route's version and the two orders alone, so a try that found the route infeasible, or found nothing below its bound
// B0 in a scan whose result holds for any smaller bound (insertion.ts), finds nothing again under any bound ≤ B0: it is
// skipped, the route not even built. The search's results stay identical to the metre.

/** Memo slots (direct-mapped; a slot holds its whole key, so a clash only forgets). */
const SLOTS = 1 << 16;

export class EjectionMemo {
  private readonly order = new Int32Array(SLOTS).fill(-1);
  private readonly version = new Float64Array(SLOTS);
  private readonly e1 = new Int32Array(SLOTS);
  private readonly e2 = new Int32Array(SLOTS);
  /** slot → the bound the try ran under (Infinity: the route without e1 and e2 breaks a rule). */
  private readonly bound = new Float64Array(SLOTS);

  /** True when trying `h` into the route at `version` without `e1` and `e2` (−1: none) found nothing below a bound ≥ `bound`. */
  knowsNothingBelow(h: number, version: number, e1: number, e2: number, bound: number): boolean {
    const slot = slotOf(h, version, e1, e2);
    return this.order[slot] === h && this.version[slot] === version && this.e1[slot] === e1 && this.e2[slot] === e2 && bound <= this.bound[slot];
  }

  /** Records that the try of `h` into the route at `version` without `e1` and `e2` found nothing below `bound`. */
  recordNothing(h: number, version: number, e1: number, e2: number, bound: number): void {
    const slot = slotOf(h, version, e1, e2);
    this.order[slot] = h;
    this.version[slot] = version;
    this.e1[slot] = e1;
    this.e2[slot] = e2;
    this.bound[slot] = bound;
  }
}

function slotOf(h: number, version: number, e1: number, e2: number): number {
  let x = Math.imul(h + 1, 0x9e3779b1) ^ Math.imul(e1 + 2, 0x85ebca6b) ^ Math.imul(e2 + 3, 0xc2b2ae35) ^ Math.imul(version | 0, 0x27d4eb2f);
  x ^= x >>> 15;
  return x & (SLOTS - 1);
}
