// KPI panel: orders waiting, on-time %, mean click-to-door, courier utilisation, COD outstanding, orders booked for later.
import { h, render } from '../dom.js';
import { formatRp, t } from '../i18n.js';
import { computeKpi } from '../store/kpi.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x)} %` : t('common.noData'));
const minutes = (s: number): string => (Number.isFinite(s) ? t('unit.minutes', { n: Math.round(s / 60) }) : t('common.noData'));

export function renderKpiPanel(el: HTMLElement, store: DispatchStore, view: ViewState): void {
  const kpi = computeKpi(store, view.marketId);
  const tile = (key: Parameters<typeof t>[0], value: string, name: string) =>
    h('div', { class: 'kpi', 'data-kpi': name }, h('span', { class: value.length > 10 ? 'kpi-value long' : 'kpi-value' }, value), h('span', { class: 'kpi-label' }, t(key)));
  render(el, h('h2', {}, t('panel.kpi')), h('div', { class: 'kpi-grid' },
    tile('kpi.waiting', String(kpi.ordersWaiting), 'waiting'),
    tile('kpi.onTime', pct(kpi.onTimePct), 'on-time'),
    tile('kpi.clickToDoor', minutes(kpi.meanClickToDoorS), 'click-to-door'),
    tile('kpi.utilisation', pct(kpi.utilisationPct), 'utilisation'),
    tile('kpi.cod', formatRp(kpi.codOutstandingRp), 'cod'),
    tile('kpi.booked', String(kpi.ordersBooked), 'booked'),
  ));
}
