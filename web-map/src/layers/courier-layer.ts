// CourierLayer: every courier drawn on one canvas from typed arrays, gliding from its last to its new position;
// colour by state, shape by fleet kind (ojol circle, pangkalan square).
import * as L from 'leaflet';
import { COURIER_STATES, FLEET_KINDS, type CourierState, type FleetKind } from '../model.js';

export const STATE_COLOURS: Record<CourierState, string> = {
  offline: '#9aa0a6', idle: '#1e8e3e', offered: '#f9ab00', on_route: '#1a73e8', paused: '#a142f4',
};

const RADIUS_PX = 6;
/** Map pane of the courier canvas: above route stops and markers, below tooltips and popups. */
export const COURIER_PANE = 'couriers';
const HIT_RADIUS_PX = 9;
/** Glide duration bounds, ms: a move lasts about as long as the gap between two fixes. */
const MIN_GLIDE_MS = 250;
const MAX_GLIDE_MS = 1500;

export class CourierLayer extends L.Layer {
  private capacity = 0;
  count = 0;
  private readonly indexOf = new Map<string, number>();
  private ids: string[] = [];
  /** Per courier index: glide start and end positions, degrees. */
  private fromLon = new Float64Array(0);
  private fromLat = new Float64Array(0);
  private toLon = new Float64Array(0);
  private toLat = new Float64Array(0);
  /** Per courier index: glide start (performance.now ms) and duration (ms); last fix arrival (ms). */
  private glideStartMs = new Float64Array(0);
  private glideMs = new Float32Array(0);
  private lastFixMs = new Float64Array(0);
  /** Per courier index: index into COURIER_STATES, index into FLEET_KINDS, 1 when hidden by a filter. */
  private stateCode = new Uint8Array(0);
  private kindCode = new Uint8Array(0);
  private hidden = new Uint8Array(0);
  /** Per courier index: last drawn canvas position, CSS px (NaN when off screen or not drawn). */
  private screenX = new Float32Array(0);
  private screenY = new Float32Array(0);
  private canvas: HTMLCanvasElement | null = null;
  private frame = 0;
  private lastDrawMs = 0;

  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const next = Math.max(n, this.capacity * 2, 64);
    const grow = <T extends Float64Array | Float32Array | Uint8Array>(old: T, make: (len: number) => T): T => {
      const fresh = make(next); fresh.set(old); return fresh;
    };
    this.fromLon = grow(this.fromLon, (k) => new Float64Array(k)); this.fromLat = grow(this.fromLat, (k) => new Float64Array(k));
    this.toLon = grow(this.toLon, (k) => new Float64Array(k)); this.toLat = grow(this.toLat, (k) => new Float64Array(k));
    this.glideStartMs = grow(this.glideStartMs, (k) => new Float64Array(k)); this.glideMs = grow(this.glideMs, (k) => new Float32Array(k));
    this.lastFixMs = grow(this.lastFixMs, (k) => new Float64Array(k));
    this.stateCode = grow(this.stateCode, (k) => new Uint8Array(k)); this.kindCode = grow(this.kindCode, (k) => new Uint8Array(k));
    this.hidden = grow(this.hidden, (k) => new Uint8Array(k));
    this.screenX = grow(this.screenX, (k) => new Float32Array(k)); this.screenY = grow(this.screenY, (k) => new Float32Array(k));
    this.capacity = next;
  }

  private indexFor(id: string): number {
    let i = this.indexOf.get(id);
    if (i === undefined) {
      i = this.count++;
      this.ensureCapacity(this.count);
      this.indexOf.set(id, i);
      this.ids[i] = id;
      this.fromLon[i] = NaN; this.toLon[i] = NaN;
    }
    return i;
  }

  /** Starts a glide from where the courier is drawn now to (lon, lat). */
  setPosition(id: string, lon: number, lat: number, nowMs = performance.now()): void {
    const i = this.indexFor(id);
    if (Number.isNaN(this.toLon[i])) {
      this.fromLon[i] = lon; this.fromLat[i] = lat;
      this.glideMs[i] = 0;
    } else {
      const f = this.progress(i, nowMs);
      this.fromLon[i] += (this.toLon[i] - this.fromLon[i]) * f;
      this.fromLat[i] += (this.toLat[i] - this.fromLat[i]) * f;
      this.glideMs[i] = Math.min(MAX_GLIDE_MS, Math.max(MIN_GLIDE_MS, nowMs - this.lastFixMs[i]));
    }
    this.toLon[i] = lon; this.toLat[i] = lat;
    this.glideStartMs[i] = nowMs;
    this.lastFixMs[i] = nowMs;
    this.requestDraw();
  }

  setStyle(id: string, state: CourierState, kind: FleetKind, hidden: boolean): void {
    const i = this.indexFor(id);
    this.stateCode[i] = COURIER_STATES.indexOf(state);
    this.kindCode[i] = FLEET_KINDS.indexOf(kind);
    this.hidden[i] = hidden ? 1 : 0;
    this.requestDraw();
  }

  private progress(i: number, nowMs: number): number {
    const span = this.glideMs[i];
    if (span <= 0) return 1;
    return Math.min(1, (nowMs - this.glideStartMs[i]) / span);
  }

  /** The courier drawn nearest to a container point, within the hit radius. */
  courierAt(x: number, y: number): string | undefined {
    let best = -1;
    let bestD2 = HIT_RADIUS_PX * HIT_RADIUS_PX;
    for (let i = 0; i < this.count; i++) {
      const dx = this.screenX[i] - x, dy = this.screenY[i] - y;
      const d2 = dx * dx + dy * dy;
      if (d2 <= bestD2) { bestD2 = d2; best = i; }
    }
    return best >= 0 ? this.ids[best] : undefined;
  }

  /** Number of couriers drawn in the last frame (for tests and the benchmark). */
  drawnCount(): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (!Number.isNaN(this.screenX[i])) n++;
    return n;
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create('canvas', 'courier-canvas leaflet-zoom-hide') as HTMLCanvasElement;
    this.canvas.style.pointerEvents = 'none';
    const pane = map.getPane(COURIER_PANE) ?? map.createPane(COURIER_PANE);
    pane.style.zIndex = '640';
    pane.style.pointerEvents = 'none';
    pane.appendChild(this.canvas);
    map.on('moveend zoomend resize viewreset', this.requestDraw, this);
    this.requestDraw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.requestDraw, this);
    this.canvas?.remove();
    this.canvas = null;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    return this;
  }

  requestDraw(): void {
    if (this.frame || !this.canvas) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(performance.now()); });
  }

  /** Draws every visible courier at its glide position for `nowMs`; keeps animating while any glide runs. */
  draw(nowMs: number): void {
    const map = (this as unknown as { _map?: L.Map })._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio; canvas.height = size.y * ratio;
      canvas.style.width = `${size.x}px`; canvas.style.height = `${size.y}px`;
    }
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, topLeft);
    const origin = map.getPixelOrigin();
    const scale = 256 * 2 ** map.getZoom();
    const offsetX = -origin.x - topLeft.x, offsetY = -origin.y - topLeft.y;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    let moving = false;
    for (let i = 0; i < this.count; i++) {
      this.screenX[i] = NaN; this.screenY[i] = NaN;
      if (this.hidden[i] || Number.isNaN(this.toLon[i])) continue;
      const f = this.progress(i, nowMs);
      if (f < 1) moving = true;
      const lon = this.fromLon[i] + (this.toLon[i] - this.fromLon[i]) * f;
      const lat = this.fromLat[i] + (this.toLat[i] - this.fromLat[i]) * f;
      const sinLat = Math.sin((lat * Math.PI) / 180);
      const x = (scale * (lon + 180)) / 360 + offsetX;
      const y = scale * (0.5 - Math.log((1 + sinLat) / (1 - sinLat)) / (4 * Math.PI)) + offsetY;
      if (x < -RADIUS_PX || y < -RADIUS_PX || x > size.x + RADIUS_PX || y > size.y + RADIUS_PX) continue;
      this.screenX[i] = x; this.screenY[i] = y;
    }
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffffff';
    for (let s = 0; s < COURIER_STATES.length; s++) {
      for (let k = 0; k < FLEET_KINDS.length; k++) {
        ctx.beginPath();
        let any = false;
        for (let i = 0; i < this.count; i++) {
          if (this.stateCode[i] !== s || this.kindCode[i] !== k || Number.isNaN(this.screenX[i])) continue;
          any = true;
          const x = this.screenX[i], y = this.screenY[i];
          if (k === 0) { ctx.moveTo(x + RADIUS_PX, y); ctx.arc(x, y, RADIUS_PX, 0, 2 * Math.PI); }
          else ctx.rect(x - RADIUS_PX, y - RADIUS_PX, 2 * RADIUS_PX, 2 * RADIUS_PX);
        }
        if (!any) continue;
        ctx.fillStyle = STATE_COLOURS[COURIER_STATES[s]];
        ctx.fill();
        ctx.stroke();
      }
    }
    this.lastDrawMs = performance.now() - nowMs;
    if (moving) this.requestDraw();
  }

  /** Duration of the last draw, ms. */
  lastDrawDurationMs(): number { return this.lastDrawMs; }
}
