// ContractionHierarchy: the upward search graph of a contracted road graph, in CSR typed arrays.

/**
 * Both halves are stored at the lower-ranked end of each edge, so every search only climbs.
 * `up`: edges u → x with rank[x] > rank[u], stored at u (forward searches).
 * `down`: edges x → u with rank[x] > rank[u], stored at u with target x (backward searches).
 */
export interface ContractionHierarchy {
  readonly nodeCount: number;
  /** Per node: its position in the contraction order (0 = contracted first). */
  readonly rank: Uint32Array;
  /** Per node (length nodeCount + 1): first index of its upward forward edges. */
  readonly upFirst: Uint32Array;
  /** Per up edge: the higher node it leads to. */
  readonly upTarget: Uint32Array;
  /** Per up edge: path key (duration ds · 2^26 + distance dm, see path-key.ts). */
  readonly upKey: Float64Array;
  /** Per up edge: the middle node of a shortcut, -1 for an original road edge. */
  readonly upMiddle: Int32Array;
  /** Per node (length nodeCount + 1): first index of its upward backward edges. */
  readonly downFirst: Uint32Array;
  /** Per down edge: the higher node x of the real edge x → u. */
  readonly downTarget: Uint32Array;
  /** Per down edge: path key. */
  readonly downKey: Float64Array;
  /** Per down edge: middle node of a shortcut, -1 for an original road edge. */
  readonly downMiddle: Int32Array;
}

/** Collects edges in any order, then lays them out in CSR by owner node. */
export class EdgeCollector {
  private owner: number[] = [];
  private target: number[] = [];
  private key: number[] = [];
  private middle: number[] = [];

  add(owner: number, target: number, key: number, middle: number): void {
    this.owner.push(owner);
    this.target.push(target);
    this.key.push(key);
    this.middle.push(middle);
  }

  toCsr(nodeCount: number): { first: Uint32Array; target: Uint32Array; key: Float64Array; middle: Int32Array } {
    const m = this.owner.length;
    const first = new Uint32Array(nodeCount + 1); // per node: first edge index
    for (let i = 0; i < m; i++) first[this.owner[i] + 1]++;
    for (let u = 0; u < nodeCount; u++) first[u + 1] += first[u];
    const fill = first.slice(0, nodeCount); // per node: next free edge index
    const target = new Uint32Array(m), key = new Float64Array(m), middle = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const at = fill[this.owner[i]]++;
      target[at] = this.target[i];
      key[at] = this.key[i];
      middle[at] = this.middle[i];
    }
    return { first, target, key, middle };
  }
}
