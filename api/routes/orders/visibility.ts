// Who sees which order, and how much of the customer: market staff see all of their markets' orders; a fleet the
// orders it placed and those its couriers hold; a courier its own, with the customer's contact only while the delivery is current.
import type { Principal } from '../../auth/principal.js';
import { seesMarket } from '../../auth/principal.js';
import type { Order } from '../../schemas/orders.js';
import { COURIER_HELD_STATES } from '../../domain/order-machine.js';

/** Order states in which the courier (and its fleet) needs the customer's phone and address. */
export const CONTACT_VISIBLE_STATES: readonly string[] = COURIER_HELD_STATES;

/** True when `p` may read `order`; `courierFleetId` is the fleet of the order's courier (null when unassigned). */
export function seesOrder(p: Principal, order: Order, courierFleetId: string | null): boolean {
  if (p.role === 'courier') return order.courier_id !== null && order.courier_id === p.courierId;
  if (p.role === 'fleet') return order.source_fleet_id === p.fleetId || (courierFleetId !== null && courierFleetId === p.fleetId);
  return seesMarket(p, order.market_id);
}

/** The order as `p` may see it: couriers and fleets lose the customer's contact once the delivery is not current. */
export function redactOrder(p: Principal, order: Order): Order {
  if (p.role !== 'courier' && p.role !== 'fleet') return order;
  return CONTACT_VISIBLE_STATES.includes(order.status) ? order : { ...order, customer: null };
}
