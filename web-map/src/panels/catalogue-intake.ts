// Wires the catalogue form, the WhatsApp drafts and the package stock layer into the dispatcher map: loads them once
// the snapshot is in, reloads the part an event concerns, passes map clicks to the draft being confirmed, and redraws
// the forms in the page's language when it changes.
import type * as L from 'leaflet';
import type { ApiClient } from '../api-client.js';
import { byId } from '../dom.js';
import type { ViewState } from '../filters.js';
import { StockLayer } from '../layers/stock-layer.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import { CataloguePanel } from './catalogue-panel.js';
import { DraftsPanel } from './catalogue-drafts.js';

export function startIntake(map: L.Map, api: ApiClient, store: DispatchStore, view: ViewState) {
  const marketId = () => view.marketId || store.markets.keys().next().value || '';
  const stalls = () => [...store.stalls.values()].filter((s) => s.marketId === marketId()).map((s) => ({ id: s.id, code: s.code, name: s.name }));
  const catalogue = new CataloguePanel(byId('catalogue'), api, marketId, stalls);
  const drafts = new DraftsPanel(byId('drafts'), api, marketId);
  const stock = new StockLayer(api, marketId).addTo(map);
  const quietly = (work: Promise<void>) => { work.catch(() => undefined); };
  return {
    refresh(): void {
      quietly(catalogue.load());
      quietly(drafts.load());
      quietly(stock.refresh());
    },
    onEvent(type: string): void {
      if (type.startsWith('draft.')) quietly(drafts.load());
      else if (type.startsWith('package.')) quietly(stock.refresh());
    },
    setPoint(lon: number, lat: number): void {
      drafts.setPoint(lon, lat);
    },
    /** Redraws the catalogue form and the drafts as they stand (the language changed). */
    render(): void {
      catalogue.render();
      drafts.render();
    },
  };
}
