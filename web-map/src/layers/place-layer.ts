// Places: markets (large rings) and their stalls (small squares-ish dots); click selects.
import * as L from 'leaflet';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

export class PlaceLayer extends L.LayerGroup {
  constructor(private readonly store: DispatchStore, private readonly view: ViewState) { super(); }

  redraw(): void {
    this.clearLayers();
    for (const market of this.store.markets.values()) {
      L.circleMarker([market.lat, market.lon], { radius: 11, color: '#b3261e', weight: 3, fillColor: '#fff', fillOpacity: 0.9 })
        .bindTooltip(market.name, { direction: 'top', className: 'market-label', permanent: true, offset: [0, -10] })
        .on('click', () => this.view.select('market', market.id))
        .addTo(this);
    }
    for (const stall of this.store.stalls.values()) {
      if (this.view.marketId && stall.marketId !== this.view.marketId) continue;
      L.circleMarker([stall.lat, stall.lon], { radius: 3.5, color: '#6d4c41', weight: 1, fillColor: '#a1887f', fillOpacity: 1 })
        .bindTooltip(`${stall.code} · ${stall.name}`, { direction: 'top' })
        .on('click', () => this.view.select('stall', stall.id))
        .addTo(this);
    }
  }
}
