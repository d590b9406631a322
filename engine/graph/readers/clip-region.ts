// ClipRegion: "inside the boundary or within marginM of it", answered per point through a precomputed grid of cells.
import type { WayPoint } from '../road-way.js';

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;
/** Cells per side of the grid over the region's bounding box. */
const GRID_SIDE = 128;
const OUT = 0, IN = 1, MIXED = 2;

/**
 * A polygon (outer rings and holes, even-odd rule) grown by a margin in metres. `contains` is exact up to the
 * local equirectangular projection (well under a metre per kilometre at city scale).
 */
export class ClipRegion {
  /** Bounding box of the grown region, degrees. */
  readonly minLon: number; readonly minLat: number; readonly maxLon: number; readonly maxLat: number;
  private readonly cellW: number; private readonly cellH: number;
  private readonly state = new Uint8Array(GRID_SIDE * GRID_SIDE);
  /** Edges as x1,y1,x2,y2 in local metres. */
  private readonly edges: Float64Array;
  private readonly edgeCount: number;
  /** Per grid row: the edges whose latitude span meets the row (CSR), for point-in-polygon rays. */
  private readonly rowFirst: Int32Array; private readonly rowEdges: Int32Array;
  /** Per MIXED cell: the edges within margin + cell radius (CSR over cells). */
  private readonly cellFirst: Int32Array; private readonly cellEdges: Int32Array;
  private readonly mPerDegLon: number;
  private readonly marginM: number;

  constructor(rings: readonly (readonly WayPoint[])[], marginM: number) {
    if (!(marginM >= 0) || !Number.isFinite(marginM)) throw new Error(`margin must be a non-negative number of metres, got ${marginM}`);
    let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity, count = 0;
    for (const ring of rings) {
      if (ring.length < 3) continue;
      for (const [lon, lat] of ring) {
        minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon); minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      }
      count += ring.length;
    }
    if (count === 0) throw new Error('the clip boundary has no polygon with at least three points');
    this.marginM = marginM;
    const widestLat = Math.max(Math.abs(minLat), Math.abs(maxLat));
    this.mPerDegLon = M_PER_DEG_LON_EQUATOR * Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const padLat = marginM / M_PER_DEG_LAT;
    const padLon = marginM / (M_PER_DEG_LON_EQUATOR * Math.max(0.01, Math.cos(Math.min(89, widestLat + padLat) * Math.PI / 180)));
    this.minLon = minLon - padLon; this.maxLon = maxLon + padLon; this.minLat = minLat - padLat; this.maxLat = maxLat + padLat;
    this.cellW = (this.maxLon - this.minLon) / GRID_SIDE || 1e-9;
    this.cellH = (this.maxLat - this.minLat) / GRID_SIDE || 1e-9;

    const edges: number[] = [];
    for (const ring of rings) {
      if (ring.length < 3) continue;
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i], b = ring[(i + 1) % ring.length];
        if (a[0] === b[0] && a[1] === b[1]) continue;
        edges.push(this.x(a[0]), this.y(a[1]), this.x(b[0]), this.y(b[1]));
      }
    }
    this.edges = Float64Array.from(edges);
    this.edgeCount = edges.length / 4;
    [this.rowFirst, this.rowEdges] = this.bucketRows();
    [this.cellFirst, this.cellEdges] = this.classifyCells();
  }

  private x(lon: number): number { return (lon - this.minLon) * this.mPerDegLon; }
  private y(lat: number): number { return (lat - this.minLat) * M_PER_DEG_LAT; }

  /** True when the point is inside the boundary or within the margin of it. */
  contains(lon: number, lat: number): boolean {
    if (lon < this.minLon || lon > this.maxLon || lat < this.minLat || lat > this.maxLat) return false;
    const col = Math.min(GRID_SIDE - 1, ((lon - this.minLon) / this.cellW) | 0);
    const row = Math.min(GRID_SIDE - 1, ((lat - this.minLat) / this.cellH) | 0);
    const cell = row * GRID_SIDE + col;
    const state = this.state[cell];
    if (state !== MIXED) return state === IN;
    const x = this.x(lon), y = this.y(lat);
    if (this.insidePolygon(x, y, row)) return true;
    const margin2 = this.marginM * this.marginM;
    for (let k = this.cellFirst[cell]; k < this.cellFirst[cell + 1]; k++) if (this.distance2ToEdge(x, y, this.cellEdges[k]) <= margin2) return true;
    return false;
  }

  /** Even-odd ray cast to +x over the edges meeting grid row `row`. */
  private insidePolygon(x: number, y: number, row: number): boolean {
    const e = this.edges;
    let inside = false;
    for (let k = this.rowFirst[row]; k < this.rowFirst[row + 1]; k++) {
      const i = 4 * this.rowEdges[k];
      const y1 = e[i + 1], y2 = e[i + 3];
      if ((y1 > y) !== (y2 > y)) {
        const xCross = e[i] + ((y - y1) / (y2 - y1)) * (e[i + 2] - e[i]);
        if (xCross > x) inside = !inside;
      }
    }
    return inside;
  }

  private distance2ToEdge(x: number, y: number, edge: number): number {
    const e = this.edges, i = 4 * edge;
    const ax = e[i], ay = e[i + 1], dx = e[i + 2] - ax, dy = e[i + 3] - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    const px = ax + t * dx - x, py = ay + t * dy - y;
    return px * px + py * py;
  }

  private bucketRows(): [Int32Array, Int32Array] {
    const rowH = this.cellH * M_PER_DEG_LAT;
    const rowsOf = (k: number): [number, number] => {
      const y1 = this.edges[4 * k + 1], y2 = this.edges[4 * k + 3];
      return [Math.max(0, Math.floor(Math.min(y1, y2) / rowH)), Math.min(GRID_SIDE - 1, Math.floor(Math.max(y1, y2) / rowH))];
    };
    const first = new Int32Array(GRID_SIDE + 1);
    for (let k = 0; k < this.edgeCount; k++) { const [a, b] = rowsOf(k); for (let r = a; r <= b; r++) first[r + 1]++; }
    for (let r = 0; r < GRID_SIDE; r++) first[r + 1] += first[r];
    const list = new Int32Array(first[GRID_SIDE]);
    const fill = first.slice(0, GRID_SIDE);
    for (let k = 0; k < this.edgeCount; k++) { const [a, b] = rowsOf(k); for (let r = a; r <= b; r++) list[fill[r]++] = k; }
    return [first, list];
  }

  /** Sets each cell IN, OUT or MIXED and lists for MIXED cells the edges that can be within the margin of its points. */
  private classifyCells(): [Int32Array, Int32Array] {
    const cellWM = this.cellW * this.mPerDegLon, cellHM = this.cellH * M_PER_DEG_LAT;
    const radius = Math.hypot(cellWM, cellHM) / 2;
    const reach = this.marginM + radius;
    // Candidate edges per cell: those whose bounding box, grown by `reach`, overlaps the cell centre.
    const candidates: number[][] = Array.from({ length: GRID_SIDE * GRID_SIDE }, () => []);
    const e = this.edges;
    for (let k = 0; k < this.edgeCount; k++) {
      const i = 4 * k;
      const c0 = Math.max(0, Math.floor((Math.min(e[i], e[i + 2]) - reach) / cellWM - 0.5));
      const c1 = Math.min(GRID_SIDE - 1, Math.ceil((Math.max(e[i], e[i + 2]) + reach) / cellWM - 0.5));
      const r0 = Math.max(0, Math.floor((Math.min(e[i + 1], e[i + 3]) - reach) / cellHM - 0.5));
      const r1 = Math.min(GRID_SIDE - 1, Math.ceil((Math.max(e[i + 1], e[i + 3]) + reach) / cellHM - 0.5));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) candidates[r * GRID_SIDE + c].push(k);
    }
    const first = new Int32Array(GRID_SIDE * GRID_SIDE + 1);
    const list: number[] = [];
    for (let row = 0; row < GRID_SIDE; row++) {
      for (let col = 0; col < GRID_SIDE; col++) {
        const cell = row * GRID_SIDE + col;
        const cx = (col + 0.5) * cellWM, cy = (row + 0.5) * cellHM;
        let nearest2 = Infinity;
        const near: number[] = [];
        for (const k of candidates[cell]) {
          const d2 = this.distance2ToEdge(cx, cy, k);
          if (d2 <= reach * reach) near.push(k);
          nearest2 = Math.min(nearest2, d2);
        }
        const d = Math.sqrt(nearest2);
        const inside = this.insidePolygon(cx, cy, row);
        let state: number;
        if (inside && d > radius) state = IN;
        else if (d + radius <= this.marginM) state = IN;
        else if (!inside && d > reach) state = OUT;
        else state = MIXED;
        this.state[cell] = state;
        first[cell] = list.length;
        if (state === MIXED) for (const k of near) list.push(k);
      }
    }
    first[GRID_SIDE * GRID_SIDE] = list.length;
    return [first, Int32Array.from(list)];
  }
}
