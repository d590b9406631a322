// Strongly connected components of a CSR digraph by an iterative Tarjan (road graphs are too deep for a recursive DFS).

/**
 * Component id per node (0..count-1), for a graph given as CSR arrays.
 * `firstEdge` has n+1 entries; the out-neighbours of u are `target[firstEdge[u] .. firstEdge[u+1]-1]`.
 */
export function stronglyConnectedComponents(firstEdge: Uint32Array, target: Uint32Array): { componentOf: Int32Array; count: number } {
  const n = firstEdge.length - 1;
  /** Per node: DFS discovery order, -1 while unvisited. */
  const order = new Int32Array(n).fill(-1);
  /** Per node: lowest discovery order reachable (Tarjan's lowlink). */
  const low = new Int32Array(n);
  /** Per node: component id, -1 until assigned. */
  const componentOf = new Int32Array(n).fill(-1);
  /** Per node on the DFS call stack: the next out-edge to explore. */
  const nextEdge = new Uint32Array(n);
  const callStack = new Int32Array(n);
  const tarjanStack = new Int32Array(n);
  const onStack = new Uint8Array(n);
  let counter = 0;
  let count = 0;
  let tarjanTop = 0;

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let callTop = 0;
    callStack[callTop++] = root;
    order[root] = low[root] = counter++;
    nextEdge[root] = firstEdge[root];
    tarjanStack[tarjanTop++] = root;
    onStack[root] = 1;
    while (callTop > 0) {
      const u = callStack[callTop - 1];
      if (nextEdge[u] < firstEdge[u + 1]) {
        const v = target[nextEdge[u]++];
        if (order[v] === -1) {
          order[v] = low[v] = counter++;
          nextEdge[v] = firstEdge[v];
          tarjanStack[tarjanTop++] = v;
          onStack[v] = 1;
          callStack[callTop++] = v;
        } else if (onStack[v] && order[v] < low[u]) {
          low[u] = order[v];
        }
        continue;
      }
      callTop--;
      if (callTop > 0) {
        const parent = callStack[callTop - 1];
        if (low[u] < low[parent]) low[parent] = low[u];
      }
      if (low[u] === order[u]) {
        let w: number;
        do {
          w = tarjanStack[--tarjanTop];
          onStack[w] = 0;
          componentOf[w] = count;
        } while (w !== u);
        count++;
      }
    }
  }
  return { componentOf, count };
}
