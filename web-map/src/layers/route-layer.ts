// Routes: each visible courier's planned route as a polyline from its position through numbered stops.
import * as L from 'leaflet';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

/** A stable colour per courier id. */
export function routeColour(courierId: string): string {
  let hash = 0;
  for (let i = 0; i < courierId.length; i++) hash = (hash * 31 + courierId.charCodeAt(i)) | 0;
  return `hsl(${Math.abs(hash) % 360}, 70%, 42%)`;
}

export class RouteLayer extends L.LayerGroup {
  /** Routes drawn in the last redraw (for tests). */
  drawnRoutes = 0;

  constructor(private readonly store: DispatchStore, private readonly view: ViewState) { super(); }

  redraw(): void {
    this.clearLayers();
    this.drawnRoutes = 0;
    for (const route of this.store.routes.values()) {
      const courier = this.store.couriers.get(route.courierId);
      if (courier && !this.view.courierVisible(courier)) continue;
      const open = route.stops.filter((s) => !s.done && Number.isFinite(s.lat));
      if (open.length === 0) continue;
      const colour = routeColour(route.courierId);
      const path: L.LatLngExpression[] = [];
      if (route.line.length >= 4) {
        for (let k = 0; k + 1 < route.line.length; k += 2) path.push([route.line[k + 1], route.line[k]]);
      } else {
        if (courier && Number.isFinite(courier.lat)) path.push([courier.lat, courier.lon]);
        for (const stop of open) path.push([stop.lat, stop.lon]);
      }
      L.polyline(path, { color: colour, weight: 3, opacity: 0.8, className: 'route-line' })
        .on('click', () => this.view.select('courier', route.courierId)).addTo(this);
      open.forEach((stop, n) => {
        const icon = L.divIcon({ className: `stop-icon stop-${stop.kind}`, html: `<span style="border-color:${colour}">${n + 1}</span>`, iconSize: [18, 18] });
        L.marker([stop.lat, stop.lon], { icon, keyboard: false })
          .on('click', () => this.view.select('order', stop.orderId)).addTo(this);
      });
      this.drawnRoutes++;
    }
    const container = (this as unknown as { _map?: L.Map })._map?.getContainer();
    if (container) container.dataset.routes = String(this.drawnRoutes);
  }
}
