// Places: markets (large rings) with labels placed clear of each other at every zoom, and their stalls; click selects.
import * as L from 'leaflet';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';
import { LABEL_GAP_PX, type LabelSide, placeLabels } from './label-placement.js';

/** The market label's font (keep in step with `.market-label` in dispatcher.css) and its padding + border, px. */
const LABEL_FONT = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_PAD_X = 14, LABEL_HEIGHT = 24;

/** Tooltip offsets per side: Leaflet puts the tooltip's near edge at the anchor, so push it out by the gap. */
const OFFSETS: Record<LabelSide, [number, number]> = {
  top: [0, -LABEL_GAP_PX + 6], bottom: [0, LABEL_GAP_PX - 6], right: [LABEL_GAP_PX - 6, 0], left: [-LABEL_GAP_PX + 6, 0],
};

let measureContext: CanvasRenderingContext2D | null | undefined;
function textWidthPx(text: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7;
  measureContext.font = LABEL_FONT;
  return measureContext.measureText(text).width;
}

export class PlaceLayer extends L.LayerGroup {
  private readonly onZoom = (): void => this.redraw();

  constructor(private readonly store: DispatchStore, private readonly view: ViewState) { super(); }

  override onAdd(map: L.Map): this {
    super.onAdd(map);
    map.on('zoomend', this.onZoom);
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('zoomend', this.onZoom);
    return super.onRemove(map);
  }

  redraw(): void {
    this.clearLayers();
    const map = (this as unknown as { _map?: L.Map })._map;
    // The selected market first (it gets the best side), then north to south.
    const markets = [...this.store.markets.values()].sort((a, b) => (b.id === this.view.marketId ? 1 : 0) - (a.id === this.view.marketId ? 1 : 0) || b.lat - a.lat);
    const sides = map
      ? placeLabels(markets.map((m) => {
        const p = map.latLngToContainerPoint([m.lat, m.lon]);
        return { x: p.x, y: p.y, width: textWidthPx(m.name) + LABEL_PAD_X, height: LABEL_HEIGHT };
      })).map((placed) => placed.side)
      : markets.map((): LabelSide => 'top');
    markets.forEach((market, i) => {
      L.circleMarker([market.lat, market.lon], { radius: 11, color: '#b3261e', weight: 3, fillColor: '#fff', fillOpacity: 0.9 })
        .bindTooltip(market.name, { direction: sides[i], className: `market-label market-label-${sides[i]}`, permanent: true, offset: OFFSETS[sides[i]] })
        .on('click', () => this.view.select('market', market.id))
        .addTo(this);
    });
    for (const stall of this.store.stalls.values()) {
      if (this.view.marketId && stall.marketId !== this.view.marketId) continue;
      L.circleMarker([stall.lat, stall.lon], { radius: 3.5, color: '#6d4c41', weight: 1, fillColor: '#a1887f', fillOpacity: 1 })
        .bindTooltip(`${stall.code} · ${stall.name}`, { direction: 'top' })
        .on('click', () => this.view.select('stall', stall.id))
        .addTo(this);
    }
  }
}
