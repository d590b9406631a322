// Tells the core the hour an accepted order's customer was last told (`toldEtaChanged`): a WhatsApp update naming a
// new hour moves it, and later plans price the door against it (the told-hour term) instead of the acceptance hour.
import { InputError } from '../errors.js';
import type { DispatchCommand, DispatchEvent, PlanReason } from './dispatch-types.js';
import type { DispatcherCore } from './command-handlers.js';

type ToldEtaChanged = Extract<DispatchCommand, { type: 'toldEtaChanged' }>;

/**
 * Checks the whole command before changing anything: an unknown order (`order_not_found`), one no courier holds
 * (`order_not_accepted`: pending, offered or closed) or an hour that is not a time (`invalid_told_eta`) is refused
 * with an InputError and leaves the market as it was. No plan is asked for: the next one measures from the new hour.
 */
export function toldEtaChanged(core: DispatcherCore, command: ToldEtaChanged, _nowMs: number, _events: DispatchEvent[]): PlanReason | null {
  const { orderId, toldEtaMs } = command;
  const state = core.orders.get(orderId);
  if (!state) throw new InputError('order_not_found', `order ${orderId} is not in market ${core.marketId}`, 'orderId');
  if (state.status !== 'assigned') throw new InputError('order_not_accepted', `order ${orderId} is ${state.status}, not accepted by a courier`, 'orderId');
  if (!Number.isFinite(toldEtaMs)) throw new InputError('invalid_told_eta', `told hour ${toldEtaMs} of order ${orderId} is not a time`, 'toldEtaMs');
  state.toldEtaMs = toldEtaMs;
  return null;
}
