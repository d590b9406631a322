// Order prices of a set-partitioning problem: the duals of its LP relaxation by a small revised simplex.
import { TOLERANCE } from '../cost/tolerance.js';

export interface CoverColumns {
  /** order → 1 when it must be covered (the rows). */
  readonly required: Uint8Array;
  /** column → its orders (all required) and its cost. */
  readonly ordersOf: readonly Int32Array[];
  readonly cost: Float64Array;
  /** Column indices of a cover (each required order in exactly one): the starting basis. */
  readonly start: readonly number[];
}

export interface CoverPrices {
  /** order → price (0 for orders not required). */
  readonly price: Float64Array;
  /** Price of a column (the dual of "at most maxColumns columns", ≤ 0): reduced cost c_j − Σ_{o∈j} price_o − this. */
  readonly columnPrice: number;
  /**
   * Lower bound on any cover of at most `maxColumns` columns: Σ prices + maxColumns · columnPrice + the maxColumns
   * most negative reduced costs (valid for any prices; the LP optimum when the simplex finished).
   */
  readonly bound: number;
  readonly pivots: number;
  readonly optimal: boolean;
}

/**
 * min Σ c_j x_j subject to every required order covered once, Σ x ≤ maxColumns, 0 ≤ x: a revised simplex with a
 * dense basis inverse (rows: the required orders and the cap, a few hundred at most), started from the cover
 * `start` completed with artificial columns at level 0 and the cap's slack, entering the column of least reduced cost (Dantzig), at most `maxPivots` pivots. The duals
 * of the last basis are the prices; the bound holds for them whether or not the simplex finished.
 */
export function coverPrices(input: CoverColumns, maxColumns: number, maxPivots: number): CoverPrices {
  const { required, ordersOf, cost } = input;
  const n = required.length;
  const rowOf = new Int32Array(n).fill(-1);
  const orderOfRow: number[] = [];
  for (let o = 0; o < n; o++) if (required[o]) { rowOf[o] = orderOfRow.length; orderOfRow.push(o); }
  const m0 = orderOfRow.length;
  // Row m0: the cap on columns (every column has a 1 there); its slack is column cols + m0, cost 0.
  const m = m0 + 1;
  const cap = m0;
  const cols = ordersOf.length;
  const slack = cols + m0;
  // Artificial columns (index cols + row) cost `big`: more than any cover.
  let big = 1;
  for (let j = 0; j < cols; j++) big += Math.abs(cost[j]);
  const basis = new Int32Array(m);
  const level = new Float64Array(m);
  const inv = new Float64Array(m * m);
  // Basis: each start column on the row of its first order (level 1), an artificial on every other row (level 0).
  // B is then block triangular and its inverse is built directly.
  const pivotRow = new Uint8Array(m);
  for (let r = 0; r < m; r++) basis[r] = cols + r;
  level[cap] = maxColumns;
  for (const j of input.start) {
    const r = rowOf[ordersOf[j][0]];
    basis[r] = j;
    level[r] = 1;
    pivotRow[r] = 1;
    level[cap]--;
  }
  // B = I except the start columns; column j at row r has ones on its other rows s and on the cap row, where an
  // artificial or the slack is basic: B⁻¹ = I with −1 at (s, r) for those.
  for (let r = 0; r < m; r++) inv[r * m + r] = 1;
  for (let r = 0; r < m; r++) {
    if (!pivotRow[r]) continue;
    for (const o of ordersOf[basis[r]]) {
      const s = rowOf[o];
      if (s !== r) inv[s * m + r] = -1;
    }
    inv[cap * m + r] = -1;
  }
  // The columns' rows in one flat array (column j: rows colRow[colStart[j] .. colStart[j + 1]), in its orders' order),
  // so pricing walks contiguous memory; every sum below runs over the same terms in the same order as over ordersOf.
  let nonZeros = 0;
  for (let j = 0; j < cols; j++) nonZeros += ordersOf[j].length;
  const colStart = new Int32Array(cols + 1);
  const colRow = new Int32Array(nonZeros);
  for (let j = 0, q = 0; j < cols; j++) {
    colStart[j] = q;
    const orders = ordersOf[j];
    for (let t = 0; t < orders.length; t++) colRow[q++] = rowOf[orders[t]];
    colStart[j + 1] = q;
  }
  const basicCost = (r: number): number => (basis[r] === slack ? 0 : basis[r] >= cols ? big : cost[basis[r]]);
  let slackBasic = true;
  const inBasis = new Uint8Array(cols);
  for (let r = 0; r < m; r++) if (basis[r] < cols) inBasis[basis[r]] = 1;
  const y = new Float64Array(m);
  const d = new Float64Array(m);
  const price = new Float64Array(n);
  let pivots = 0;
  let optimal = false;
  for (; pivots <= maxPivots; pivots++) {
    // Duals y = c_B B⁻¹.
    y.fill(0);
    for (let r = 0; r < m; r++) {
      const cb = basicCost(r);
      if (cb === 0) continue;
      const row = r * m;
      for (let s = 0; s < m; s++) y[s] += cb * inv[row + s];
    }
    // Pricing: the column of least reduced cost.
    let enter = -1, least = -TOLERANCE * Math.max(1, big / cols);
    for (let j = 0; j < cols; j++) {
      if (inBasis[j]) continue;
      let rc = cost[j];
      const end = colStart[j + 1];
      for (let q = colStart[j]; q < end; q++) rc -= y[colRow[q]];
      rc -= y[cap];
      if (rc < least) { least = rc; enter = j; }
    }
    if (!slackBasic && -y[cap] < least) enter = slack;
    if (enter < 0) { optimal = true; break; }
    if (pivots === maxPivots) break;
    // d = B⁻¹ a_enter; ratio test (ties: the largest pivot element).
    d.fill(0);
    if (enter !== slack) {
      for (let q = colStart[enter]; q < colStart[enter + 1]; q++) {
        const s = colRow[q];
        for (let r = 0; r < m; r++) d[r] += inv[r * m + s];
      }
    }
    for (let r = 0; r < m; r++) d[r] += inv[r * m + cap];
    let leave = -1, ratio = Infinity, pivot = 0;
    for (let r = 0; r < m; r++) {
      if (d[r] <= TOLERANCE) continue;
      const t = level[r] / d[r];
      if (t < ratio - TOLERANCE || (t <= ratio + TOLERANCE && d[r] > pivot)) { ratio = t; leave = r; pivot = d[r]; }
    }
    if (leave < 0) break; // unbounded: cannot happen with x ≤ 1 implied by the rows; stop on numerical trouble
    for (let r = 0; r < m; r++) level[r] -= ratio * d[r];
    level[leave] = ratio;
    // B⁻¹ ← E B⁻¹ (pivot on row `leave`).
    const lr = leave * m;
    for (let s = 0; s < m; s++) inv[lr + s] /= pivot;
    for (let r = 0; r < m; r++) {
      if (r === leave || d[r] === 0) continue;
      const f = d[r];
      const row = r * m;
      for (let s = 0; s < m; s++) inv[row + s] -= f * inv[lr + s];
    }
    if (basis[leave] < cols) inBasis[basis[leave]] = 0;
    if (basis[leave] === slack) slackBasic = false;
    basis[leave] = enter;
    if (enter === slack) slackBasic = true;
    else inBasis[enter] = 1;
  }
  for (let r = 0; r < m0; r++) price[orderOfRow[r]] = y[r];
  const columnPrice = Math.min(0, y[cap]);
  // Bound for these prices: Σ y + maxColumns · columnPrice + the maxColumns most negative reduced costs.
  let bound = maxColumns * columnPrice;
  for (let r = 0; r < m0; r++) bound += y[r];
  const negative: number[] = [];
  for (let j = 0; j < cols; j++) {
    let rc = cost[j] - columnPrice;
    for (let q = colStart[j]; q < colStart[j + 1]; q++) rc -= y[colRow[q]];
    if (rc < 0) negative.push(rc);
  }
  negative.sort((a, b) => a - b);
  for (let t = 0; t < Math.min(maxColumns, negative.length); t++) bound += negative[t];
  return { price, columnPrice, bound, pivots, optimal };
}
