// Visiting order for OSRM's trip service: exact for up to 8 stops, otherwise nearest neighbour then 2-opt and
// or-opt moves on the asymmetric cost matrix; the start and end may be fixed, the tour closed or open.

export interface TripShape {
  readonly roundtrip: boolean;
  readonly fixFirst: boolean;
  readonly fixLast: boolean;
}

/** Total cost of visiting `order` (row-major `cost`, n × n; Infinity where unreachable). */
export function orderCost(order: readonly number[], cost: Float64Array, n: number, roundtrip: boolean): number {
  let total = 0;
  for (let k = 1; k < order.length; k++) total += cost[order[k - 1] * n + order[k]];
  if (roundtrip && order.length > 1) total += cost[order[order.length - 1] * n + order[0]];
  return total;
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  const out: number[][] = [];
  for (let i = 0; i < items.length; i++) {
    const rest = items.slice(0, i).concat(items.slice(i + 1));
    for (const tail of permutations(rest)) out.push([items[i], ...tail]);
  }
  return out;
}

/** The best visiting order found; starts at stop 0 for round trips and when the first is fixed, ends at n-1 when the last is. */
export function tripOrder(cost: Float64Array, n: number, shape: TripShape): number[] {
  if (n <= 1) return n === 1 ? [0] : [];
  // A round trip may start anywhere: rotate it to start at stop 0.
  const headFixed = shape.fixFirst || shape.roundtrip;
  const tailFixed = shape.fixLast && n > 1;
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (!(headFixed && i === 0) && !(tailFixed && i === n - 1)) free.push(i);
  const assemble = (middle: number[]): number[] => [...(headFixed ? [0] : []), ...middle, ...(tailFixed ? [n - 1] : [])];
  if (free.length <= 8) {
    let best: number[] = assemble(free), bestCost = Infinity;
    for (const p of permutations(free)) {
      const order = assemble(p), c = orderCost(order, cost, n, shape.roundtrip);
      if (c < bestCost) { bestCost = c; best = order; }
    }
    return best;
  }
  // Nearest neighbour from the fixed head (or the first free stop), then local search.
  const left = new Set(free);
  const middle: number[] = [];
  let at = headFixed ? 0 : free[0];
  if (!headFixed) { middle.push(at); left.delete(at); }
  while (left.size > 0) {
    let next = -1, nextCost = Infinity;
    for (const j of left) if (cost[at * n + j] < nextCost || next === -1) { next = j; nextCost = cost[at * n + j]; }
    middle.push(next);
    left.delete(next);
    at = next;
  }
  let order = assemble(middle);
  let bestCost = orderCost(order, cost, n, shape.roundtrip);
  const lo = headFixed ? 1 : 0, hi = order.length - (tailFixed ? 1 : 0); // movable positions [lo, hi)
  for (let improved = true, rounds = 0; improved && rounds < 50; rounds++) {
    improved = false;
    for (let i = lo; i < hi - 1; i++) for (let j = i + 1; j < hi; j++) { // 2-opt: reverse order[i..j]
      const candidate = order.slice(0, i).concat(order.slice(i, j + 1).reverse(), order.slice(j + 1));
      const c = orderCost(candidate, cost, n, shape.roundtrip);
      if (c < bestCost) { order = candidate; bestCost = c; improved = true; }
    }
    for (let i = lo; i < hi; i++) for (let j = lo; j < hi; j++) { // or-opt: move one stop
      if (i === j) continue;
      const candidate = order.slice();
      const [stop] = candidate.splice(i, 1);
      candidate.splice(j, 0, stop);
      const c = orderCost(candidate, cost, n, shape.roundtrip);
      if (c < bestCost) { order = candidate; bestCost = c; improved = true; }
    }
  }
  return order;
}
