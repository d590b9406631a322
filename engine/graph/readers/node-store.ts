// NodeStore: OSM node id → coordinate lookup shared by the PBF and XML readers, plus way assembly from node refs.
import type { RoadWay, WayPoint } from '../road-way.js';

/** Collects node coordinates by OSM id and highway ways by their node refs; resolves them once the file is read. */
export class NodeStore {
  /** OSM node id → slot in `lonLat`. */
  private readonly slotById = new Map<number, number>();
  /** Per slot: longitude at 2·slot, latitude at 2·slot+1, degrees. Grows by doubling. */
  private lonLat = new Float64Array(1 << 16);
  private readonly pending: { refs: readonly number[]; tags: Record<string, string> }[] = [];

  addNode(id: number, lon: number, lat: number): void {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    let slot = this.slotById.get(id);
    if (slot === undefined) {
      slot = this.slotById.size;
      this.slotById.set(id, slot);
      if (2 * slot + 2 > this.lonLat.length) {
        const grown = new Float64Array(this.lonLat.length * 2);
        grown.set(this.lonLat);
        this.lonLat = grown;
      }
    }
    this.lonLat[2 * slot] = lon;
    this.lonLat[2 * slot + 1] = lat;
  }

  /** Keeps a way for later resolution when it carries a `highway` tag (the only ways a road graph can use). */
  addWay(refs: readonly number[], tags: Record<string, string>): void {
    if (tags.highway !== undefined && refs.length >= 2) this.pending.push({ refs, tags });
  }

  get nodeCount(): number {
    return this.slotById.size;
  }

  /**
   * Resolves refs to coordinates. A way that references nodes missing from the file (a clipped extract)
   * is split into the runs of at least two present nodes.
   */
  resolveWays(): RoadWay[] {
    const ways: RoadWay[] = [];
    for (const { refs, tags } of this.pending) {
      let run: WayPoint[] = [];
      for (const ref of refs) {
        const slot = this.slotById.get(ref);
        if (slot === undefined) {
          if (run.length >= 2) ways.push({ coordinates: run, tags });
          run = [];
          continue;
        }
        run.push([this.lonLat[2 * slot], this.lonLat[2 * slot + 1]]);
      }
      if (run.length >= 2) ways.push({ coordinates: run, tags });
    }
    return ways;
  }
}
