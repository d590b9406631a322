// Dispatcher filters (market, fleet kind, courier state) and the selection; both notify their listeners on change.
import type { CourierState, CourierView, FleetKind, OrderView } from './model.js';

export type Selection = { kind: 'courier' | 'order' | 'stall' | 'market'; id: string } | null;

export class ViewState {
  marketId = '';
  fleetKind: FleetKind | '' = '';
  courierState: CourierState | '' = '';
  selection: Selection = null;
  private readonly listeners = new Set<() => void>();

  courierVisible(c: CourierView): boolean {
    return (!this.marketId || !c.marketId || c.marketId === this.marketId)
      && (!this.fleetKind || c.fleetKind === this.fleetKind)
      && (!this.courierState || c.state === this.courierState);
  }

  orderVisible(o: OrderView): boolean {
    return !this.marketId || o.marketId === this.marketId;
  }

  update(patch: Partial<Pick<ViewState, 'marketId' | 'fleetKind' | 'courierState' | 'selection'>>): void {
    Object.assign(this, patch);
    for (const listener of this.listeners) listener();
  }

  select(kind: NonNullable<Selection>['kind'], id: string): void { this.update({ selection: { kind, id } }); }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
