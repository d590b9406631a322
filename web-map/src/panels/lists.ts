// Side lists: the waiting-order queue, the courier list (with offer countdowns) and the event feed.
import { h, render } from '../dom.js';
import { formatClock, formatRp, t, type MessageKey } from '../i18n.js';
import { WAITING_STATES } from '../model.js';
import { STATE_COLOURS } from '../layers/courier-layer.js';
import { waitingMinutes } from '../layers/order-layer.js';
import { secondsLeft } from '../layers/offer-layer.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

const LIST_LIMIT = 150;

export function renderOrderQueue(el: HTMLElement, store: DispatchStore, view: ViewState, nowMs = Date.now()): void {
  const waiting = [...store.orders.values()]
    .filter((o) => WAITING_STATES.has(o.state) && view.orderVisible(o))
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
  render(el, h('h2', {}, `${t('panel.queue')} (${waiting.length})`), h('ul', { class: 'list', id: 'queue-list' },
    ...waiting.slice(0, LIST_LIMIT).map((o) => h('li', { 'data-order': o.id, onclick: () => view.select('order', o.id) },
      h('span', { class: `badge order-${o.state}` }, t(`order.${o.state}` as MessageKey)),
      h('span', { class: 'grow' }, o.customerName || o.id),
      h('span', { class: 'muted' }, t('waiting.for', { min: waitingMinutes(o.createdAtMs, nowMs) })),
      h('span', { class: 'muted' }, formatRp(o.codTotalRp)))),
  ));
}

export function renderCourierList(el: HTMLElement, store: DispatchStore, view: ViewState, nowMs = Date.now()): void {
  const couriers = [...store.couriers.values()].filter((c) => view.courierVisible(c)).sort((a, b) => a.name.localeCompare(b.name));
  render(el, h('h2', {}, `${t('panel.couriers')} (${couriers.length})`), h('ul', { class: 'list', id: 'courier-list' },
    ...couriers.slice(0, LIST_LIMIT).map((c) => {
      const offer = store.offerOf(c.id);
      return h('li', { 'data-courier': c.id, 'data-state': c.state, onclick: () => view.select('courier', c.id) },
        h('span', { class: 'dot', style: `background:${STATE_COLOURS[c.state]}` }),
        h('span', { class: 'grow' }, c.name),
        h('span', { class: 'muted' }, t(`fleet.${c.fleetKind}`)),
        h('span', { class: 'muted state' }, t(`state.${c.state}`)),
        offer && offer.expiresAtMs > nowMs ? h('span', { class: 'badge offer' }, t('offer.countdown', { s: secondsLeft(offer.expiresAtMs, nowMs) })) : null);
    }),
  ));
}

/** A readable name for an event subject: the customer of an order, the name of a courier, else the id. */
function subjectName(store: DispatchStore, id: string): string {
  return store.orders.get(id)?.customerName || store.couriers.get(id)?.name || id;
}

export function renderFeed(el: HTMLElement, store: DispatchStore): void {
  render(el, h('h2', {}, t('panel.feed')), h('ul', { class: 'list feed', id: 'feed-list' },
    ...store.feed.slice(0, 60).map((e) => h('li', { 'data-seq': e.seq, 'data-type': e.type },
      h('span', { class: 'muted' }, formatClock(e.atMs)), h('code', {}, e.type), h('span', { class: 'grow' }, subjectName(store, e.subject)))),
  ));
}
