// The OSRM table answer: the request checked and its points placed up front (errors before any byte), then the body
// written in row chunks as the many-to-many search finishes them, so a server can send a big table while computing it.
import type { BucketTable } from '../../graph/ch/bucket-table.js';
import { haversineM } from '../../geo.js';
import type { LonLat } from '../routing-provider.js';
import { type KeyCells, keyRowsJson } from './decimal-matrix.js';
import { OsrmCodeError, type OsrmPointOptions, type OsrmTableRequest } from './osrm-request.js';
import { waypointOf } from './osrm-route-body.js';
import type { Placement } from './placement.js';

/** What a table answer needs from the service it runs on. */
export interface TableService {
  readonly limits: { readonly maxTableSize: number };
  checkPointOptions(request: OsrmPointOptions): void;
  placeAll(request: OsrmPointOptions): Placement[];
  /** A many-to-many engine for one answer's exclusive use, given back with `releaseBuckets`. */
  takeBuckets(): BucketTable;
  releaseBuckets(buckets: BucketTable): void;
}

/** Cells per chunk of rows (about 0.5 MB of JSON). */
const CHUNK_CELLS = 1 << 16;

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** A checked table request with its points placed; `chunks` computes and writes the body. */
export class TableAnswer {
  readonly rows: number;
  readonly cols: number;
  private readonly placed: Placement[];
  private readonly sourceIdx: readonly number[];
  private readonly destinationIdx: readonly number[];

  /** Checks `request` and places its points: OSRM's errors are thrown here. */
  constructor(private readonly service: TableService, private readonly request: OsrmTableRequest) {
    const n = request.coordinates.length;
    if (n < 1) throw new OsrmCodeError('InvalidOptions', 'Number of coordinates needs to be at least one.');
    service.checkPointOptions(request);
    for (const [key, list] of [['sources', request.sources], ['destinations', request.destinations]] as const) {
      if (list?.some((i) => i >= n)) throw new OsrmCodeError('InvalidOptions', `Index in ${key} out of bounds (${n} coordinates)`);
    }
    this.rows = request.sources?.length ?? n;
    this.cols = request.destinations?.length ?? n;
    const max = service.limits.maxTableSize;
    if (this.rows * this.cols > max * max) throw new OsrmCodeError('TooBig', 'Too many table coordinates');
    if (request.scaleFactor !== undefined && !(request.scaleFactor > 0)) throw new OsrmCodeError('InvalidOptions', 'scale_factor must be > 0');
    if (request.fallbackSpeedMs !== undefined && !(request.fallbackSpeedMs > 0)) throw new OsrmCodeError('InvalidOptions', 'fallback_speed must be > 0');
    this.placed = service.placeAll(request);
    this.sourceIdx = request.sources ?? this.placed.map((_, i) => i);
    this.destinationIdx = request.destinations ?? this.placed.map((_, i) => i);
  }

  /** The whole body as one byte array. */
  json(): Uint8Array {
    return Buffer.concat([...this.chunks()]);
  }

  /**
   * The body in pieces: keys are computed one chunk of rows at a time and each chunk's JSON is yielded as soon as it
   * is written (a second matrix, distances after durations, is written from the kept keys).
   */
  *chunks(): Generator<Uint8Array> {
    const { request, rows, cols, placed, sourceIdx, destinationIdx } = this;
    const kinds = request.annotations ?? ['duration'];
    const scale = request.scaleFactor ?? 1;
    const parts = (['duration', 'distance'] as const).filter((k) => kinds.includes(k));
    const fallbackSpeed = request.fallbackSpeedMs;
    // Unreachable cells with fallback_speed: tenths of the crow-fly distance (input or snapped points) and its time.
    const fallback = fallbackSpeed === undefined ? null : { duration: new Map<number, number>(), distance: new Map<number, number>(), cells: [] as [number, number][] };
    const at = (i: number): LonLat => (request.fallbackCoordinate === 'snapped' ? placed[i].snap.location : placed[i].input);
    const cellsOf = (part: 'duration' | 'distance'): KeyCells => ({ part, scale: part === 'duration' ? scale : 1, fallbackTenths: fallback?.[part] ?? null });
    const keys = new Float64Array(rows * cols); // row-major path keys, Infinity where unreachable
    const chunkRows = Math.max(1, Math.floor(CHUNK_CELLS / Math.max(1, cols)));
    const buckets = this.service.takeBuckets();
    try {
      const sources = sourceIdx.map((i) => placed[i].phantom);
      buckets.prepare(destinationIdx.map((i) => placed[i].phantom));
      yield utf8(parts.length > 0 ? `{"code":"Ok","${parts[0]}s":[` : '{"code":"Ok"');
      for (let from = 0; from < rows; from += chunkRows) {
        const to = Math.min(rows, from + chunkRows);
        const chunk = keys.subarray(from * cols, to * cols);
        buckets.rows(sources.slice(from, to), chunk);
        if (fallback && fallbackSpeed !== undefined) {
          for (let cell = from * cols; cell < to * cols; cell++) {
            if (keys[cell] !== Infinity) continue;
            const r = Math.floor(cell / cols), c = cell - r * cols;
            const a = at(sourceIdx[r]), b = at(destinationIdx[c]);
            const metres = haversineM(a[0], a[1], b[0], b[1]);
            fallback.duration.set(cell, Math.round((metres / fallbackSpeed) * scale * 10));
            fallback.distance.set(cell, Math.round(metres * 10));
            fallback.cells.push([r, c]);
          }
        }
        if (parts.length > 0) yield keyRowsJson(chunk, to - from, cols, from, cellsOf(parts[0]));
      }
    } finally {
      this.service.releaseBuckets(buckets);
    }
    if (parts.length > 0) yield utf8(']');
    if (parts.length > 1) {
      yield utf8(`,"${parts[1]}s":[`);
      for (let from = 0; from < rows; from += chunkRows) {
        const to = Math.min(rows, from + chunkRows);
        yield keyRowsJson(keys.subarray(from * cols, to * cols), to - from, cols, from, cellsOf(parts[1]));
      }
      yield utf8(']');
    }
    let tail = '';
    if (fallback) tail += `,"fallback_speed_cells":${JSON.stringify(fallback.cells)}`;
    if (!request.skipWaypoints) {
      const hints = request.generateHints ?? true;
      tail += `,"sources":${JSON.stringify(sourceIdx.map((i) => waypointOf(placed[i], hints)))}`;
      tail += `,"destinations":${JSON.stringify(destinationIdx.map((i) => waypointOf(placed[i], hints)))}`;
    }
    yield utf8(`${tail}}`);
  }
}
