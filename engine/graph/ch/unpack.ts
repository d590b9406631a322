// Shortcut unpacking: expands a hierarchy edge into the chain of original road nodes it stands for.
import type { ContractionHierarchy } from './contraction-hierarchy.js';

/** Middle node of the hierarchy edge a → b (-1 for an original edge); throws if the edge does not exist. */
export function edgeMiddle(ch: ContractionHierarchy, a: number, b: number): number {
  if (ch.rank[b] > ch.rank[a]) {
    for (let e = ch.upFirst[a]; e < ch.upFirst[a + 1]; e++) if (ch.upTarget[e] === b) return ch.upMiddle[e];
  } else {
    for (let e = ch.downFirst[b]; e < ch.downFirst[b + 1]; e++) if (ch.downTarget[e] === a) return ch.downMiddle[e];
  }
  throw new Error(`hierarchy has no edge ${a} -> ${b}`);
}

/** Appends to `out` the original nodes after `a` up to and including `b` on the hierarchy edge a → b. */
export function unpackEdge(ch: ContractionHierarchy, a: number, b: number, out: number[]): void {
  const stack = [a, b]; // pairs (from, to) still to expand, last pair first
  while (stack.length > 0) {
    const to = stack.pop()!, from = stack.pop()!;
    const middle = edgeMiddle(ch, from, to);
    if (middle < 0) { out.push(to); continue; }
    stack.push(middle, to, from, middle);
  }
}
