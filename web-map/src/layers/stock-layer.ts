// Distribution points of subsidised packages with the stock left per package (GET /v1/markets/:id/packages/stock),
// as labelled markers: green while stock lasts, grey when sold out.
import * as L from 'leaflet';
import type { ApiClient } from '../api-client.js';

interface Stock { point_id: string; point_name: string; location: { lon: number; lat: number }; package_name: string; stock_total: number; stock_left: number }

export class StockLayer extends L.LayerGroup {
  constructor(private readonly api: ApiClient, private readonly marketId: () => string) { super(); }

  async refresh(): Promise<void> {
    const marketId = this.marketId();
    const rows = marketId ? (await this.api.get<{ data: Stock[] }>(`/v1/markets/${marketId}/packages/stock`)).data : [];
    const byPoint = new Map<string, Stock[]>();
    for (const r of rows) byPoint.set(r.point_id, [...(byPoint.get(r.point_id) ?? []), r]);
    this.clearLayers();
    for (const [pointId, stock] of byPoint) {
      const left = stock.reduce((s, r) => s + r.stock_left, 0);
      const label = `${stock[0].point_name}: ${stock.map((r) => `${r.package_name} ${r.stock_left}/${r.stock_total}`).join(', ')}`;
      L.circleMarker([stock[0].location.lat, stock[0].location.lon], { radius: 8, color: '#1b5e20', weight: 2, fillColor: left > 0 ? '#66bb6a' : '#9e9e9e', fillOpacity: 0.9, className: `stock-point stock-${pointId}` })
        .bindTooltip(label, { permanent: true, direction: 'right', className: 'stock-label' })
        .addTo(this);
    }
  }
}
