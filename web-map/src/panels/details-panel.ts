// Details of the selected courier, order, stall or market, with the dispatcher's actions on it.
import { h, render } from '../dom.js';
import { formatClock, formatRp, formatWhen, t, type MessageKey } from '../i18n.js';
import { ACTIVE_STATES, WAITING_STATES, type CourierView, type OrderView } from '../model.js';
import { heldText } from './held-text.js';
import type { ActionResult, DispatchActions } from '../dispatch-actions.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

type Run = (action: () => Promise<ActionResult>) => void;

function courierPicker(store: DispatchStore, order: OrderView): HTMLSelectElement {
  const candidates = [...store.couriers.values()].filter((c) => c.state !== 'offline' && (!order.marketId || !c.marketId || c.marketId === order.marketId));
  return h('select', { id: 'assign-courier' }, h('option', { value: '' }, t('action.pickCourier')),
    ...candidates.slice(0, 200).map((c) => h('option', { value: c.id }, `${c.name} · ${t(`state.${c.state}`)}`)));
}

function orderDetails(store: DispatchStore, order: OrderView, actions: DispatchActions, run: Run): HTMLElement {
  const picker = courierPicker(store, order);
  const chosen = (): string => picker.value;
  const courier = order.courierId ? store.couriers.get(order.courierId) : undefined;
  return h('div', { class: 'details', 'data-order': order.id },
    h('h3', {}, order.customerName || t('details.orderNumber')),
    h('dl', {},
      h('dt', {}, t('filter.state')), h('dd', {}, t(`order.${order.state}` as MessageKey)),
      h('dt', {}, t('details.orderNumber')), h('dd', {}, h('code', {}, order.id)),
      h('dt', {}, t('cod.total')), h('dd', { class: 'money' }, formatRp(order.codTotalRp)),
      order.createdAtMs ? h('dt', {}, t('details.orderedAt')) : null, order.createdAtMs ? h('dd', {}, formatClock(order.createdAtMs)) : null,
      order.bookedForMs > order.createdAtMs ? h('dt', {}, t('details.bookedFor')) : null, order.bookedForMs > order.createdAtMs ? h('dd', {}, formatWhen(order.bookedForMs)) : null,
      courier ? h('dt', {}, t('panel.couriers')) : null, courier ? h('dd', {}, courier.name) : null,
      order.heldCourierId ? h('dt', {}, t('details.heldFor')) : null, order.heldCourierId ? h('dd', { 'data-field': 'held' }, heldText(store, order)) : null),
    WAITING_STATES.has(order.state) || ACTIVE_STATES.has(order.state) ? h('div', { class: 'actions' },
      picker,
      h('button', { type: 'button', onclick: () => chosen() && run(() => actions.assign(order.id, chosen())) }, t('action.assign')),
      h('button', { type: 'button', onclick: () => chosen() && run(() => actions.pin(order.id, chosen())) }, t('action.pin')),
      order.courierId ? h('button', { type: 'button', onclick: () => run(() => actions.unassign(order.id)) }, t('action.unassign')) : null) : null);
}

function courierDetails(store: DispatchStore, courier: CourierView, actions: DispatchActions, run: Run): HTMLElement {
  const route = store.routes.get(courier.id);
  const offer = store.offerOf(courier.id);
  return h('div', { class: 'details', 'data-courier': courier.id },
    h('h3', {}, courier.name),
    h('dl', {},
      h('dt', {}, t('filter.state')), h('dd', { 'data-field': 'state' }, t(`state.${courier.state}`)),
      h('dt', {}, t('filter.fleet')), h('dd', {}, t(`fleet.${courier.fleetKind}`)),
      h('dt', {}, t('cod.total')), h('dd', { class: 'money' }, formatRp(courier.codOutstandingRp)),
      courier.codUnsettledShortRp ? h('dt', {}, t('cod.short')) : null,
      courier.codUnsettledShortRp ? h('dd', { class: 'money badge cod-short', 'data-field': 'cod-short' }, `⚠ ${formatRp(courier.codUnsettledShortRp)}`) : null,
      courier.positionAtMs ? h('dt', {}, t('details.positionAt')) : null, courier.positionAtMs ? h('dd', {}, formatClock(courier.positionAtMs)) : null),
    offer ? h('p', { class: 'badge offer' }, t('offer.countdown', { s: Math.max(0, Math.ceil((offer.expiresAtMs - Date.now()) / 1000)) })) : null,
    route ? h('ol', { class: 'stops' }, ...route.stops.map((s) => h('li', { class: s.done ? 'done' : '' },
      s.kind === 'pickup' ? t('route.pickup', { stall: store.stalls.get(s.stallId)?.name ?? t('common.noData') })
        : s.kind === 'return' ? t('route.return', { stall: store.stalls.get(s.stallId)?.name ?? t('common.noData') })
          : t('route.delivery', { customer: store.orders.get(s.orderId)?.customerName || t('common.noData') }),
      s.etaMs ? h('span', { class: 'muted' }, ` · ${t('route.eta', { time: formatClock(s.etaMs) })}`) : null))) : null,
    h('div', { class: 'actions' },
      courier.state === 'paused'
        ? h('button', { type: 'button', onclick: () => run(() => actions.resume(courier.id)) }, t('action.resume'))
        : h('button', { type: 'button', onclick: () => run(() => actions.pause(courier.id)) }, t('action.pause')),
      courier.marketId ? h('button', { type: 'button', onclick: () => run(() => actions.replan(courier.marketId)) }, t('action.replan')) : null));
}

export function renderDetails(el: HTMLElement, store: DispatchStore, view: ViewState, actions: DispatchActions, run: Run, actionStatus = ''): void {
  const sel = view.selection;
  let body: HTMLElement = h('p', { class: 'muted' }, t('details.none'));
  if (sel?.kind === 'order' && store.orders.has(sel.id)) body = orderDetails(store, store.orders.get(sel.id)!, actions, run);
  if (sel?.kind === 'courier' && store.couriers.has(sel.id)) body = courierDetails(store, store.couriers.get(sel.id)!, actions, run);
  if (sel?.kind === 'stall' && store.stalls.has(sel.id)) {
    const stall = store.stalls.get(sel.id)!;
    body = h('div', { class: 'details' }, h('h3', {}, stall.name), h('p', {}, h('code', {}, stall.code)));
  }
  if (sel?.kind === 'market' && store.markets.has(sel.id)) {
    const market = store.markets.get(sel.id)!;
    body = h('div', { class: 'details' }, h('h3', {}, market.name),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => run(() => actions.replan(market.id)) }, t('action.replan'))));
  }
  render(el, h('h2', {}, t('panel.details')), body, h('p', { id: 'action-status', class: 'muted' }, actionStatus));
}
