// Dispatcher page entry: map layers + side panels over one DispatchStore, fed by a REST snapshot then the /dispatch stream.
import 'leaflet/dist/leaflet.css';
import '../styles/dispatcher.css';
import * as L from 'leaflet';
import { ApiClient } from './api-client.js';
import { loadConfig, resolveToken } from './config.js';
import { DispatchActions, type ActionResult } from './dispatch-actions.js';
import { COURIER_STATES, type CourierState } from './model.js';
import { byId } from './dom.js';
import { ViewState } from './filters.js';
import { getLocale, onLocaleChange, setLocale, t } from './i18n.js';
import { basemapLayer } from './layers/basemap-layer.js';
import { CourierLayer } from './layers/courier-layer.js';
import { OfferLayer } from './layers/offer-layer.js';
import { OrderLayer } from './layers/order-layer.js';
import { PlaceLayer } from './layers/place-layer.js';
import { RouteLayer } from './layers/route-layer.js';
import { renderDetails } from './panels/details-panel.js';
import { renderFilterBar } from './panels/filter-bar.js';
import { renderKpiPanel } from './panels/kpi-panel.js';
import { renderCourierList, renderFeed, renderOrderQueue } from './panels/lists.js';
import { OrderEntryPanel } from './panels/order-entry.js';
import { startIntake } from './panels/catalogue-intake.js';
import { applyEnvelope } from './realtime/event-adapter.js';
import { connectRealtime } from './realtime/connection.js';
import { loadSnapshot } from './snapshot.js';
import { OrderDetailsFetcher } from './order-details.js';
import { Changed, DispatchStore } from './store/dispatch-store.js';

/** Panels re-render at most this often, ms (the map layers redraw every frame). */
const PANEL_INTERVAL_MS = 250;

async function main(): Promise<void> {
  const config = await loadConfig();
  const token = resolveToken('jejaring.dispatcherToken', config.demo?.dispatcherToken ?? '');
  const api = new ApiClient(token);
  const actions = new DispatchActions(api);
  const store = new DispatchStore();
  const view = new ViewState();
  view.marketId = config.defaultMarket;

  const map = L.map('map', { preferCanvas: true, zoomControl: true }).setView([config.center[0], config.center[1]], config.zoom);
  basemapLayer(config, () => token).addTo(map);
  const places = new PlaceLayer(store, view).addTo(map);
  const orders = new OrderLayer(store, view).addTo(map);
  const routes = new RouteLayer(store, view).addTo(map);
  const couriers = new CourierLayer().addTo(map);
  const offers = new OfferLayer(store, view).addTo(map);
  store.onPosition((c) => couriers.setPosition(c.id, c.lon, c.lat));
  const restyleCouriers = (): void => {
    for (const c of store.couriers.values()) couriers.setStyle(c.id, c.state, c.fleetKind, !view.courierVisible(c));
    map.getContainer().dataset.couriers = String(store.couriers.size);
  };

  /** The last connection status, re-shown in the current language on a language switch. */
  let connectionState: { connected: boolean; reason: string } | undefined;
  const showConnection = (): void => {
    if (!connectionState) return;
    const connection = byId('connection');
    connection.textContent = connectionState.connected ? t('net.online') : `✕ ${connectionState.reason}`;
    connection.dataset.connected = String(connectionState.connected);
  };
  /** In the demo, a top-bar note that its couriers ride faster than real time. */
  const demoSpeed = config.demo?.timeFactor && config.demo.timeFactor !== 1 ? document.createElement('span') : undefined;
  if (demoSpeed) {
    demoSpeed.id = 'demo-speed';
    demoSpeed.className = 'demo-speed';
    byId('connection').before(demoSpeed);
  }

  const entry = new OrderEntryPanel(byId('new-order'), store, view, api);
  const intake = startIntake(map, api, store, view);
  /** Outcome of the last dispatcher action, shown under the details until the selection changes. */
  let actionStatus = '';
  const status = (text: string): void => { actionStatus = text; const el = document.getElementById('action-status'); if (el) el.textContent = text; };
  view.subscribe(() => { actionStatus = ''; });
  /** Runs a dispatcher action; a courier's new availability is applied from the answer (those events carry no market). */
  const run = (action: () => Promise<ActionResult>): void => {
    action().then((result) => {
      if (result.courier_id && !result.order_id && result.status && (COURIER_STATES as readonly string[]).includes(result.status)) {
        store.apply(0, 'dispatch.action', [{ kind: 'courier.upsert', courier: { id: result.courier_id, state: result.status as CourierState } }]);
      }
      status(t('action.done'));
    }, (error: Error) => status(t('action.failed', { reason: error.message })));
  };
  map.on('click', (e: L.LeafletMouseEvent) => {
    const id = couriers.courierAt(e.containerPoint.x, e.containerPoint.y);
    if (id) view.select('courier', id);
    else { entry.setPoint(e.latlng.lng, e.latlng.lat); intake.setPoint(e.latlng.lng, e.latlng.lat); }
  });

  let panelsDirty = ~0;
  const renderPanels = (): void => {
    const now = Date.now();
    if (panelsDirty & (Changed.orders | Changed.couriers | Changed.offers | Changed.kpi)) renderKpiPanel(byId('kpi'), store, view);
    if (panelsDirty & (Changed.orders)) renderOrderQueue(byId('queue'), store, view, now);
    if (panelsDirty & (Changed.couriers | Changed.offers)) renderCourierList(byId('couriers'), store, view, now);
    if (panelsDirty & Changed.feed) renderFeed(byId('feed'), store);
    if (panelsDirty & ~(Changed.positions | Changed.feed)) renderDetails(byId('details'), store, view, actions, run, actionStatus);
    if (panelsDirty & Changed.places) { renderFilterBar(byId('filters'), store, view); entry.render(); }
    panelsDirty = 0;
  };
  const renderAll = (): void => {
    panelsDirty = ~0 & ~Changed.positions;
    places.redraw(); orders.redraw(); routes.redraw(); offers.redraw(); restyleCouriers(); renderPanels();
    byId('lang').textContent = t('lang.switch');
    showConnection();
    if (demoSpeed) demoSpeed.textContent = t('demo.speed', { factor: config.demo?.timeFactor ?? 1 });
    byId('title').textContent = t('app.title');
  };

  store.subscribe((changed) => {
    if (changed & Changed.places) places.redraw();
    if (changed & Changed.orders) orders.redraw();
    if (changed & (Changed.routes | Changed.couriers)) routes.redraw();
    if (changed & (Changed.offers | Changed.couriers)) offers.redraw();
    if (changed & Changed.couriers) restyleCouriers();
    panelsDirty |= changed;
    schedulePanels();
  });
  view.subscribe(renderAll);
  onLocaleChange(() => { renderAll(); intake.render(); });
  byId('lang').addEventListener('click', () => setLocale(getLocale() === 'id' ? 'en' : 'id'));
  const frame = (): void => { store.flush(); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  /** Panels render right away when they have been quiet for PANEL_INTERVAL_MS, else once that much time has passed. */
  let lastPanelsMs = 0;
  let panelTimer = 0;
  function schedulePanels(): void {
    if (panelTimer) return;
    const waitMs = Math.max(0, lastPanelsMs + PANEL_INTERVAL_MS - performance.now());
    panelTimer = window.setTimeout(() => { panelTimer = 0; lastPanelsMs = performance.now(); if (panelsDirty) renderPanels(); }, waitMs);
  }
  setInterval(() => { offers.redraw(); orders.redraw(); panelsDirty |= Changed.offers | Changed.orders; schedulePanels(); }, 1000);

  await loadSnapshot(api, store);
  const points: L.LatLngTuple[] = [];
  for (const m of store.markets.values()) if (!view.marketId || m.id === view.marketId) points.push([m.lat, m.lon]);
  for (const c of store.couriers.values()) if (Number.isFinite(c.lat) && view.courierVisible(c)) points.push([c.lat, c.lon]);
  for (const o of store.orders.values()) if (Number.isFinite(o.lat) && view.orderVisible(o) && o.state !== 'delivered') points.push([o.lat, o.lon]);
  if (points.length > 0) map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 16 });
  renderAll();
  intake.refresh();

  const details = new OrderDetailsFetcher(api, store);
  connectRealtime({
    namespace: '/dispatch',
    token: () => token,
    lastSeq: () => store.lastSeq, // 0 on the first connect: replay the visible log (plans, offers, routes) over the snapshot
    markets: () => (view.marketId ? [view.marketId] : [...store.markets.keys()]),
    onEvent: (event, envelope) => {
      applyEnvelope(store, envelope);
      if (event.startsWith('order.') && envelope.orderId) details.want(envelope.orderId);
      intake.onEvent(event);
    },
    onReady: (ready) => { if (ready.lastSeq > store.lastSeq) store.lastSeq = ready.lastSeq; },
    onStatus: (connected, reason) => {
      connectionState = { connected, reason: reason ?? '' };
      showConnection();
    },
  });
  Object.assign(window, { jejaring: { store, view, map, couriers, routes } });
  document.body.dataset.ready = '1';
}

void main();
