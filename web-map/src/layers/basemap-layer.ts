// Basemap: XYZ tiles when a tile URL is configured, else the loaded road graph drawn on a canvas, refetched per view.
import * as L from 'leaflet';
import type { WebConfig } from '../config.js';

/** Response of GET /v1/map/roads. */
interface RoadsResponse { zoom: number; maxRank: number; lines: number[][]; ranks: number[] }

/** Stroke per road rank (0 major … 2 minor): colour and width in px. */
const RANK_STYLE: readonly { color: string; weight: number }[] = [
  { color: '#f6cf9a', weight: 3 }, { color: '#d4d4d4', weight: 2 }, { color: '#e2e2e2', weight: 1.2 },
];

/** Road-graph basemap: one multi-polyline per rank on a shared canvas renderer. */
export class RoadBasemapLayer extends L.LayerGroup {
  private readonly renderer = L.canvas({ padding: 0.3 });
  private readonly byRank: L.Polyline[] = RANK_STYLE.map((style) =>
    L.polyline([], { ...style, renderer: this.renderer, interactive: false, lineCap: 'round', lineJoin: 'round' }));
  private request = 0;
  /** Lines currently drawn (for tests). */
  lineCount = 0;

  constructor(private readonly token: () => string) {
    super();
    for (let r = this.byRank.length - 1; r >= 0; r--) this.addLayer(this.byRank[r]);
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map);
    map.on('moveend', this.refresh, this);
    void this.refresh();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend', this.refresh, this);
    return super.onRemove(map);
  }

  async refresh(): Promise<void> {
    const map = (this as unknown as { _map?: L.Map })._map;
    if (!map) return;
    const b = map.getBounds().pad(0.25);
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(5)).join(',');
    const ticket = ++this.request;
    const token = this.token();
    const response = await fetch(`/v1/map/roads?bbox=${bbox}&zoom=${map.getZoom()}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok || ticket !== this.request) return;
    const roads = (await response.json()) as RoadsResponse;
    const perRank: L.LatLngExpression[][][] = RANK_STYLE.map(() => []);
    for (let i = 0; i < roads.lines.length; i++) {
      const flat = roads.lines[i];
      const latLngs: L.LatLngExpression[] = [];
      for (let k = 0; k + 1 < flat.length; k += 2) latLngs.push([flat[k + 1], flat[k]]);
      perRank[Math.min(roads.ranks[i], RANK_STYLE.length - 1)].push(latLngs);
    }
    for (let r = 0; r < RANK_STYLE.length; r++) this.byRank[r].setLatLngs(perRank[r]);
    this.lineCount = roads.lines.length;
    map.getContainer().dataset.roadLines = String(this.lineCount);
  }
}

/** The base layer for this configuration. */
export function basemapLayer(config: WebConfig, token: () => string): L.Layer {
  if (config.tileUrl) return L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 });
  const layer = new RoadBasemapLayer(token);
  layer.options.attribution = config.attribution;
  return layer;
}
