// Filter bar: market, fleet kind and courier state selectors bound to the ViewState.
import { h, render } from '../dom.js';
import { t } from '../i18n.js';
import { COURIER_STATES, FLEET_KINDS, type CourierState, type FleetKind } from '../model.js';
import type { DispatchStore } from '../store/dispatch-store.js';
import type { ViewState } from '../filters.js';

export function renderFilterBar(el: HTMLElement, store: DispatchStore, view: ViewState): void {
  const select = (id: string, label: string, value: string, options: [string, string][], onChange: (v: string) => void) =>
    h('label', {}, `${label} `, h('select', { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
      h('option', { value: '' }, t('filter.all')),
      ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
  render(el,
    select('filter-market', t('filter.market'), view.marketId, [...store.markets.values()].map((m) => [m.id, m.name]), (v) => view.update({ marketId: v })),
    select('filter-fleet', t('filter.fleet'), view.fleetKind, FLEET_KINDS.map((k) => [k, t(`fleet.${k}`)]), (v) => view.update({ fleetKind: v as FleetKind | '' })),
    select('filter-state', t('filter.state'), view.courierState, COURIER_STATES.map((s) => [s, t(`state.${s}`)]), (v) => view.update({ courierState: v as CourierState | '' })));
}
