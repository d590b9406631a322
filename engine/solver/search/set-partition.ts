// Anytime exact-cover branch and bound: the cheapest set of columns covering every required order exactly once.
import { TOLERANCE } from '../cost/tolerance.js';
import { coverPrices } from './cover-prices.js';

/** A column: a set of orders (ascending dense indices) and its cost. */
export interface SetPartitionColumn {
  readonly orders: Int32Array;
  readonly cost: number;
}

export interface SetPartitionInput {
  /** order → 1 when it must be covered; columns holding any other order are left out. */
  readonly required: Uint8Array;
  readonly columns: readonly SetPartitionColumn[];
  /** At most this many columns. */
  readonly maxColumns: number;
  /** A feasible cover to start from (column indices): the result is never worse. */
  readonly incumbent: readonly number[];
  /** Node budget (deterministic); the search also stops when `stop()` says so (checked every 64 nodes). */
  readonly nodeLimit: number;
  readonly stop?: () => boolean;
  /**
   * A cost every column pays (part of its cost, e.g. a vehicle's fixed cost; default 0). The search then minimises
   * the rest of the cost among covers of at most maxColumns columns, each also cheaper in full when maxColumns is
   * the incumbent's count: a cover with fewer columns but more of the rest is not looked for.
   */
  readonly perColumn?: number;
  /** Simplex pivots for the order prices (default 2000). */
  readonly maxPivots?: number;
}

export interface SetPartitionResult {
  /** The cheapest cover found (the incumbent when nothing cheaper was), column indices. */
  readonly columns: number[];
  readonly cost: number;
  readonly nodes: number;
  /** True when the search finished: the cover is optimal. */
  readonly complete: boolean;
  /** The lower bound of the order prices at the root. */
  readonly lowerBound: number;
  /** Columns left after reduced-cost fixing. */
  readonly columnsKept: number;
}

/**
 * Order prices u first (the LP relaxation's duals, cover-prices.ts): any cover of at most R columns
 * costs at least L(u) = Σ u + the R most negative reduced costs c_j − Σ_{o∈j} u_o, so a column whose reduced cost
 * is at least incumbent − L(u) is in no cheaper cover and is dropped. Then a depth-first branch and bound on the
 * columns left: it branches on the uncovered order with the fewest columns still compatible with the chosen ones,
 * trying them least reduced cost per order first; the bound is the cost so far plus, for every uncovered order,
 * its price and the least reduced cost per order of a compatible column holding it. Compatibility is kept
 * incrementally: a column is blocked while one of its orders is covered, and each order counts its unblocked columns.
 */
export function solveSetPartition(original: SetPartitionInput): SetPartitionResult {
  const perColumn = original.perColumn ?? 0;
  const input = perColumn === 0 ? original : { ...original, columns: original.columns.map((c) => ({ orders: c.orders, cost: c.cost - perColumn })) };
  const result = solveVariable(input);
  let cost = 0;
  for (const k of result.columns) cost += original.columns[k].cost;
  return { ...result, cost, lowerBound: result.lowerBound + perColumn * original.incumbent.length };
}

function solveVariable(input: SetPartitionInput): SetPartitionResult {
  const { required, maxColumns, nodeLimit } = input;
  const stop = input.stop ?? (() => false);
  const n = required.length;
  let bestCost = 0;
  for (const k of input.incumbent) bestCost += input.columns[k].cost;
  let bestColumns = input.incumbent.slice();
  const margin = TOLERANCE * Math.max(1, Math.abs(bestCost));
  // Usable columns: only required orders, not empty.
  let cols: number[] = [];
  for (let k = 0; k < input.columns.length; k++) {
    const orders = input.columns[k].orders;
    let ok = orders.length > 0;
    for (let q = 0; q < orders.length && ok; q++) ok = required[orders[q]] === 1;
    if (ok) cols.push(k);
  }
  const position = new Map(cols.map((k, i) => [k, i] as const));
  const lp = coverPrices({ required, ordersOf: cols.map((k) => input.columns[k].orders), cost: Float64Array.from(cols, (k) => input.columns[k].cost),
    start: input.incumbent.map((k) => position.get(k) ?? -1).filter((i) => i >= 0) }, maxColumns, input.maxPivots ?? 2000);
  const { price, columnPrice, bound: lowerBound } = lp;
  const reduced = (k: number): number => {
    const col = input.columns[k];
    let rc = col.cost - columnPrice;
    for (const o of col.orders) rc -= price[o];
    return rc;
  };
  cols = cols.filter((k) => lowerBound + reduced(k) < bestCost - margin);
  const m = cols.length;
  const done = (nodes: number, complete: boolean): SetPartitionResult => ({ columns: bestColumns, cost: bestCost, nodes, complete, lowerBound, columnsKept: m });
  if (lowerBound >= bestCost - margin) return done(0, true);
  const cost = new Float64Array(m);
  const perOrder = new Float64Array(m);
  const ordersOf: Int32Array[] = [];
  for (let i = 0; i < m; i++) {
    const col = input.columns[cols[i]];
    cost[i] = col.cost;
    perOrder[i] = reduced(cols[i]) / col.orders.length;
    ordersOf.push(col.orders);
  }
  // order → its columns, least reduced cost per order first (ties: lower index, so runs are deterministic).
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) for (const o of ordersOf[i]) counts[o + 1]++;
  for (let o = 0; o < n; o++) counts[o + 1] += counts[o];
  const colsStart = counts.slice();
  const colsOf = new Int32Array(counts[n]);
  const fill = counts.slice(0, n);
  for (let i = 0; i < m; i++) for (const o of ordersOf[i]) colsOf[fill[o]++] = i;
  for (let o = 0; o < n; o++) {
    const part = Array.from(colsOf.subarray(colsStart[o], colsStart[o + 1])).sort((a, b) => perOrder[a] - perOrder[b] || a - b);
    colsOf.set(part, colsStart[o]);
  }
  const blocked = new Int32Array(m);
  const avail = new Int32Array(n);
  for (let o = 0; o < n; o++) avail[o] = colsStart[o + 1] - colsStart[o];
  const covered = new Uint8Array(n);
  let uncovered = 0;
  for (let o = 0; o < n; o++) if (required[o]) uncovered++;
  let maxSize = 0;
  for (let i = 0; i < m; i++) maxSize = Math.max(maxSize, ordersOf[i].length);

  const chosen = new Int32Array(Math.max(1, maxColumns));
  let nodes = 0;
  let aborted = false;

  const select = (i: number): void => {
    for (const o of ordersOf[i]) {
      covered[o] = 1;
      uncovered--;
      for (let q = colsStart[o]; q < colsStart[o + 1]; q++) {
        const j = colsOf[q];
        if (blocked[j]++ === 0) for (const o2 of ordersOf[j]) avail[o2]--;
      }
    }
  };
  const unselect = (i: number): void => {
    const orders = ordersOf[i];
    for (let t = orders.length - 1; t >= 0; t--) {
      const o = orders[t];
      for (let q = colsStart[o]; q < colsStart[o + 1]; q++) {
        const j = colsOf[q];
        if (--blocked[j] === 0) for (const o2 of ordersOf[j]) avail[o2]++;
      }
      covered[o] = 0;
      uncovered++;
    }
  };

  const visit = (depth: number, costSoFar: number): void => {
    nodes++;
    if ((nodes & 63) === 0 && (nodes >= nodeLimit || stop())) aborted = true;
    if (aborted) return;
    if (uncovered === 0) {
      if (costSoFar < bestCost - margin) {
        bestCost = costSoFar;
        bestColumns = [];
        for (let d = 0; d < depth; d++) bestColumns.push(cols[chosen[d]]);
      }
      return;
    }
    if (depth >= maxColumns || uncovered > (maxColumns - depth) * maxSize) return;
    // Bound and branching order in one pass over the uncovered orders.
    let bound = costSoFar + (maxColumns - depth) * columnPrice;
    let branch = -1;
    for (let o = 0; o < n; o++) {
      if (!required[o] || covered[o]) continue;
      if (avail[o] === 0) return;
      let q = colsStart[o];
      while (blocked[colsOf[q]] !== 0) q++;
      bound += price[o] + perOrder[colsOf[q]];
      if (branch < 0 || avail[o] < avail[branch]) branch = o;
    }
    if (bound >= bestCost - margin) return;
    for (let q = colsStart[branch]; q < colsStart[branch + 1] && !aborted; q++) {
      const i = colsOf[q];
      if (blocked[i] !== 0) continue;
      if (costSoFar + cost[i] >= bestCost - margin) continue;
      chosen[depth] = i;
      select(i);
      visit(depth + 1, costSoFar + cost[i]);
      unselect(i);
    }
  };
  visit(0, 0);
  return done(nodes, !aborted);
}

/**
 * Order prices by subgradient ascent on the Lagrangian of the cover rows (columns `cols`, at most maxColumns of
 * them), started from each order's least cost per order; returns the prices of the best bound and that bound.
 */
