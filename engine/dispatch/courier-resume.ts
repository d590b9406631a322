// Takes back a courier already on an accepted route (`courierResumed`): its orders become assigned to it with their
// fees, served pickups and told hours, its open stops become its route; nothing is re-announced (the store has it all).
import { InputError } from '../errors.js';
import { haversineM } from '../geo.js';
import type { DispatchCommand, DispatchEvent, PlanReason } from './dispatch-types.js';
import { newCourierState, stopOpen, type DispatchOrderState } from './dispatch-state.js';
import type { DispatcherCore } from './command-handlers.js';

type Resumed = Extract<DispatchCommand, { type: 'courierResumed' }>;

/** Validates the whole command before changing anything, so a refused command leaves the market as it was. */
export function courierResumed(core: DispatcherCore, command: Resumed, nowMs: number, _events: DispatchEvent[]): PlanReason | null {
  const { courier, position } = command;
  if (core.couriers.has(courier.id)) throw new InputError('courier_exists', `courier ${courier.id} is already in market ${core.marketId}`, 'courierId');
  const held = new Set<string>();
  for (const { order } of command.orders) {
    if (core.orders.has(order.id) || held.has(order.id)) throw new InputError('order_exists', `order ${order.id} was already added`, 'orderId');
    if (order.pickups.length === 0) throw new InputError('order_without_pickup', `order ${order.id} has no pickup`, 'pickups');
    held.add(order.id);
  }
  for (const stop of command.route) {
    if (!held.has(stop.orderId)) throw new InputError('stop_without_order', `stop ${stop.stopId} belongs to order ${stop.orderId}, which the courier does not hold`, 'route');
  }

  for (const h of command.orders) {
    const state: DispatchOrderState = {
      order: h.order, status: 'assigned', addedAtMs: nowMs, pendingSinceMs: nowMs, planAttempts: 0, courierId: courier.id, plannedCourierId: courier.id,
      donePickupIds: new Set(h.donePickupIds), excludedCourierIds: new Set(), feeRp: h.feeRp,
      ...(h.toldEtaMs !== undefined ? { toldEtaMs: h.toldEtaMs } : {}),
    };
    core.orders.set(h.order.id, state);
  }
  const route = command.route.filter((stop) => stopOpen(stop, core.orders.get(stop.orderId)));
  const distanceM = command.distanceM ?? haversineM(position.lon, position.lat, core.lon, core.lat);
  core.couriers.set(courier.id, {
    ...newCourierState(courier, position, distanceM, command.earnedRp), route,
    ...(command.paused ? { status: 'paused' } : {}), ...(route.length === 0 ? { idleSinceMs: nowMs } : {}),
  });
  return null;
}
